"""``flytekit.models.task.TaskTemplate``: the serialized form of a task as a Python value.

Template-driven tasks (``flytekit.core.shim_task``) hand this object to their executor, which sees
nothing of the task but what was serialized: ``custom`` as a plain dict (the task's ``get_custom``),
``config`` as a dict of strings, the interface as a ``flytekit.models.interface.TypedInterface``, and the
identifier, metadata and container as their messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity
from flytekit.models.interface import TypedInterface, Variable

if TYPE_CHECKING:
    from google.protobuf import json_format

    from flyteidl.core import identifier_pb2, interface_pb2, tasks_pb2
else:
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")
    json_format = lazy_module("google.protobuf.json_format")


def _ordered(variables: Mapping[str, interface_pb2.Variable], names: list[str] | None) -> dict[str, Variable]:
    keys = names if names is not None and sorted(names) == sorted(variables) else list(variables)
    return {name: Variable.from_flyte_idl(variables[name]) for name in keys}


class TaskTemplate(FlyteIdlEntity):
    """One ``flyteidl.core.TaskTemplate``; build it with ``from_flyte_idl`` or from a serialized task."""

    def __init__(
        self,
        message: tasks_pb2.TaskTemplate,
        interface_order: tuple[list[str], list[str]] | None = None,
        custom: dict[str, Any] | None = None,
    ) -> None:
        self._message = message
        self._interface_order = interface_order
        # A template built in this process keeps the task's own custom dict (ints stay ints); one read
        # from its message has what a protobuf Struct holds (every number a float).
        self._custom = custom

    @property
    def id(self) -> identifier_pb2.Identifier:
        return self._message.id

    @property
    def type(self) -> str:
        return self._message.type

    @property
    def task_type_version(self) -> int:
        return self._message.task_type_version

    @property
    def metadata(self) -> tasks_pb2.TaskMetadata:
        return self._message.metadata

    @property
    def interface(self) -> TypedInterface:
        """Inputs and outputs as model ``Variable`` dicts, in the declared order when it is known
        (protobuf maps keep none; multi-output executors rely on it)."""
        message = self._message.interface
        inputs, outputs = self._interface_order or (None, None)
        return TypedInterface(
            inputs=_ordered(message.inputs.variables, inputs),
            outputs=_ordered(message.outputs.variables, outputs),
        )

    @property
    def custom(self) -> dict[str, Any] | None:
        """The plugin-specific settings, as the task's ``get_custom`` returned them (JSON kinds)."""
        if self._custom is not None:
            return self._custom
        if not self._message.HasField("custom"):
            return None
        value: dict[str, Any] = json_format.MessageToDict(self._message.custom)
        return value

    @property
    def config(self) -> dict[str, str]:
        return dict(self._message.config)

    @property
    def container(self) -> tasks_pb2.Container | None:
        return self._message.container if self._message.HasField("container") else None

    @property
    def k8s_pod(self) -> tasks_pb2.K8sPod | None:
        return self._message.k8s_pod if self._message.HasField("k8s_pod") else None

    @property
    def sql(self) -> tasks_pb2.Sql | None:
        return self._message.sql if self._message.HasField("sql") else None

    @property
    def security_context(self) -> Any:
        return self._message.security_context if self._message.HasField("security_context") else None

    @property
    def extended_resources(self) -> tasks_pb2.ExtendedResources | None:
        if not self._message.HasField("extended_resources"):
            return None
        return self._message.extended_resources

    def to_flyte_idl(self) -> tasks_pb2.TaskTemplate:
        return self._message

    @classmethod
    def from_flyte_idl(cls, pb2_object: tasks_pb2.TaskTemplate) -> TaskTemplate:
        return cls(pb2_object)
