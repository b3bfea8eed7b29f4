"""Identifiers with a command-line string form, parsed with ``from_python_std`` and printed by ``str``.

- entity: ``<tsk|wf|lp>:project:domain:name:version``
- workflow execution: ``ex:project:domain:name``
- task execution: ``te:exec_project:exec_domain:exec_name:node_id:task_project:task_domain:task_name:task_version:retry``

A string of the wrong shape raises ``FlyteValueException`` naming the expected format.
"""

from __future__ import annotations

from typing import Any

from flytekit.errors import FlyteValueException
from flytekit.models.core import identifier as _identifier
from flytekit.models.core.identifier import ResourceType

_ENTITY_FORMAT = "entity_type:project:domain:name:version"
_EXECUTION_FORMAT = "ex:project:domain:name"
_TASK_EXECUTION_FORMAT = (
    "te:exec_project:exec_domain:exec_name:node_id:task_project:task_domain:task_name:task_version:retry"
)


def _segments(text: str, count: int, shape: str) -> list[str]:
    parts = text.split(":")
    if len(parts) != count:
        raise FlyteValueException(
            text,
            f"The provided string was not in a parseable format. The string for an identifier must be in the "
            f"format {shape}.",
        )
    return parts


class Identifier(_identifier.Identifier):
    """An entity id whose string form is ``<tsk|wf|lp>:project:domain:name:version``."""

    _STRING_TO_TYPE_MAP = {
        "lp": ResourceType.LAUNCH_PLAN,
        "wf": ResourceType.WORKFLOW,
        "tsk": ResourceType.TASK,
    }
    _TYPE_TO_STRING_MAP = {v: k for k, v in _STRING_TO_TYPE_MAP.items()}

    @classmethod
    def promote_from_model(cls, base_model: _identifier.Identifier) -> Identifier:
        return cls(
            base_model.resource_type,
            base_model.project,
            base_model.domain,
            base_model.name,
            base_model.version,
        )

    @classmethod
    def from_flyte_idl(cls, pb2_object: Any) -> Identifier:
        return cls.promote_from_model(_identifier.Identifier.from_flyte_idl(pb2_object))

    @classmethod
    def from_python_std(cls, string: str) -> Identifier:
        kind, project, domain, name, version = _segments(string, 5, _ENTITY_FORMAT)
        if kind not in cls._STRING_TO_TYPE_MAP:
            raise FlyteValueException(
                kind,
                "The provided string could not be parsed. The first element of an identifier must be one of: "
                f"{list(cls._STRING_TO_TYPE_MAP)}. Received: {kind}",
            )
        return cls(cls._STRING_TO_TYPE_MAP[kind], project, domain, name, version)

    def __str__(self) -> str:
        kind = self._TYPE_TO_STRING_MAP.get(self.resource_type, "<unknown>")
        return f"{kind}:{self.project}:{self.domain}:{self.name}:{self.version}"


class WorkflowExecutionIdentifier(_identifier.WorkflowExecutionIdentifier):
    """A workflow execution id whose string form is ``ex:project:domain:name``."""

    @classmethod
    def promote_from_model(
        cls, base_model: _identifier.WorkflowExecutionIdentifier
    ) -> WorkflowExecutionIdentifier:
        return cls(base_model.project, base_model.domain, base_model.name)

    @classmethod
    def from_flyte_idl(cls, pb2_object: Any) -> WorkflowExecutionIdentifier:
        return cls.promote_from_model(_identifier.WorkflowExecutionIdentifier.from_flyte_idl(pb2_object))

    @classmethod
    def from_python_std(cls, string: str) -> WorkflowExecutionIdentifier:
        kind, project, domain, name = _segments(string, 4, _EXECUTION_FORMAT)
        if kind != "ex":
            raise FlyteValueException(
                kind,
                "The provided string could not be parsed. The first element of an execution identifier must be 'ex'.",
            )
        return cls(project, domain, name)

    def __str__(self) -> str:
        return f"ex:{self.project}:{self.domain}:{self.name}"


class TaskExecutionIdentifier(_identifier.TaskExecutionIdentifier):
    """A task attempt id; see the module docstring for its string form."""

    @classmethod
    def promote_from_model(cls, base_model: _identifier.TaskExecutionIdentifier) -> TaskExecutionIdentifier:
        return cls(
            task_id=base_model.task_id,
            node_execution_id=base_model.node_execution_id,
            retry_attempt=base_model.retry_attempt,
        )

    @classmethod
    def from_flyte_idl(cls, pb2_object: Any) -> TaskExecutionIdentifier:
        return cls.promote_from_model(_identifier.TaskExecutionIdentifier.from_flyte_idl(pb2_object))

    @classmethod
    def from_python_std(cls, string: str) -> TaskExecutionIdentifier:
        kind, ep, ed, en, node_id, tp, td, tn, tv, retry = _segments(string, 10, _TASK_EXECUTION_FORMAT)
        if kind != "te":
            # flytekit's wording (it names 'ex' here too)
            raise FlyteValueException(
                kind,
                "The provided string could not be parsed. The first element of an execution identifier must be 'ex'.",
            )
        return cls(
            task_id=Identifier(ResourceType.TASK, tp, td, tn, tv),
            node_execution_id=_identifier.NodeExecutionIdentifier(
                node_id=node_id, execution_id=_identifier.WorkflowExecutionIdentifier(ep, ed, en)
            ),
            retry_attempt=int(retry),
        )

    def __str__(self) -> str:
        execution = self.node_execution_id.execution_id
        task = self.task_id
        return (
            f"te:{execution.project}:{execution.domain}:{execution.name}:{self.node_execution_id.node_id}:"
            f"{task.project}:{task.domain}:{task.name}:{task.version}:{self.retry_attempt}"
        )
