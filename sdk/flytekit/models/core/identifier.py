"""Identifier names under flytekit's ``flytekit.models.core.identifier`` path.

``ResourceType`` holds the IDL's resource-type numbers as plain ints, the way flytekit exposes
them (``ResourceType.TASK == 1``), for ``get_reference_entity`` and similar calls. The identifier
wrappers (entity, workflow/node/task execution) convert to and from ``flyteidl.core`` messages;
``flytekit.interfaces.cli_identifiers`` adds their command-line string forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity

if TYPE_CHECKING:
    from flyteidl.core import identifier_pb2
else:
    identifier_pb2 = lazy_module("flyteidl.core.identifier_pb2")


class ResourceType:
    """Kinds of registered entity (values of ``flyteidl.core.ResourceType``)."""

    UNSPECIFIED = 0
    TASK = 1
    WORKFLOW = 2
    LAUNCH_PLAN = 3
    DATASET = 4


class Identifier(FlyteIdlEntity):
    """The id of a registered entity: resource type, project, domain, name and version."""

    def __init__(self, resource_type: int, project: str, domain: str, name: str, version: str) -> None:
        self._resource_type = resource_type
        self._project = project
        self._domain = domain
        self._name = name
        self._version = version

    @property
    def resource_type(self) -> int:
        return self._resource_type

    def resource_type_name(self) -> str:
        return identifier_pb2.ResourceType.Name(self._resource_type)

    @property
    def project(self) -> str:
        return self._project

    @property
    def domain(self) -> str:
        return self._domain

    @property
    def name(self) -> str:
        return self._name

    @property
    def version(self) -> str:
        return self._version

    def to_flyte_idl(self) -> identifier_pb2.Identifier:
        return identifier_pb2.Identifier(
            resource_type=self._resource_type,  # type: ignore[arg-type]
            project=self._project,
            domain=self._domain,
            name=self._name,
            version=self._version,
        )

    @classmethod
    def from_flyte_idl(cls, p: identifier_pb2.Identifier) -> Identifier:
        return cls(p.resource_type, p.project, p.domain, p.name, p.version)


class WorkflowExecutionIdentifier(FlyteIdlEntity):
    """The id of one workflow execution."""

    def __init__(self, project: str, domain: str, name: str) -> None:
        self._project = project
        self._domain = domain
        self._name = name

    @property
    def project(self) -> str:
        return self._project

    @property
    def domain(self) -> str:
        return self._domain

    @property
    def name(self) -> str:
        return self._name

    def to_flyte_idl(self) -> identifier_pb2.WorkflowExecutionIdentifier:
        return identifier_pb2.WorkflowExecutionIdentifier(
            project=self._project, domain=self._domain, name=self._name
        )

    @classmethod
    def from_flyte_idl(cls, p: identifier_pb2.WorkflowExecutionIdentifier) -> WorkflowExecutionIdentifier:
        return cls(p.project, p.domain, p.name)


class NodeExecutionIdentifier(FlyteIdlEntity):
    """The id of one node of a workflow execution."""

    def __init__(self, node_id: str, execution_id: WorkflowExecutionIdentifier) -> None:
        self._node_id = node_id
        self._execution_id = execution_id

    @property
    def node_id(self) -> str:
        return self._node_id

    @property
    def execution_id(self) -> WorkflowExecutionIdentifier:
        return self._execution_id

    def to_flyte_idl(self) -> identifier_pb2.NodeExecutionIdentifier:
        return identifier_pb2.NodeExecutionIdentifier(
            node_id=self._node_id, execution_id=self._execution_id.to_flyte_idl()
        )

    @classmethod
    def from_flyte_idl(cls, p: identifier_pb2.NodeExecutionIdentifier) -> NodeExecutionIdentifier:
        return cls(p.node_id, WorkflowExecutionIdentifier.from_flyte_idl(p.execution_id))


class TaskExecutionIdentifier(FlyteIdlEntity):
    """The id of one attempt of a task node."""

    def __init__(
        self, task_id: Identifier, node_execution_id: NodeExecutionIdentifier, retry_attempt: int
    ) -> None:
        self._task_id = task_id
        self._node_execution_id = node_execution_id
        self._retry_attempt = retry_attempt

    @property
    def task_id(self) -> Identifier:
        return self._task_id

    @property
    def node_execution_id(self) -> NodeExecutionIdentifier:
        return self._node_execution_id

    @property
    def retry_attempt(self) -> int:
        return self._retry_attempt

    def to_flyte_idl(self) -> identifier_pb2.TaskExecutionIdentifier:
        return identifier_pb2.TaskExecutionIdentifier(
            task_id=self._task_id.to_flyte_idl(),
            node_execution_id=self._node_execution_id.to_flyte_idl(),
            retry_attempt=self._retry_attempt,
        )

    @classmethod
    def from_flyte_idl(cls, p: identifier_pb2.TaskExecutionIdentifier) -> TaskExecutionIdentifier:
        return cls(
            task_id=Identifier.from_flyte_idl(p.task_id),
            node_execution_id=NodeExecutionIdentifier.from_flyte_idl(p.node_execution_id),
            retry_attempt=p.retry_attempt,
        )
