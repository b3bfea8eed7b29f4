"""The values repositories store and return: one frozen record per row kind, protobufs kept decoded.

A record is what the services reason about; the repositories derive the denormalized filter columns
(phase names, timestamps, error kind/code, ...) from the protobuf closures inside, so a closure and
its columns can never disagree. ``db_id`` is the row's surrogate key (None before insertion); other
rows refer to it (an execution's launch plan, a node execution's parent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flyteidl.admin import (
    common_pb2,
    execution_pb2,
    launch_plan_pb2,
    node_execution_pb2,
    project_pb2,
    task_execution_pb2,
    task_pb2,
)
from flyteidl.core import identifier_pb2, interface_pb2

__all__ = [
    "ExecutionRecord",
    "LaunchPlanRecord",
    "ListQuery",
    "NamedEntityMetadataRecord",
    "NodeExecutionRecord",
    "ProjectRecord",
    "SortOrder",
    "TaskExecutionRecord",
    "TaskRecord",
    "UserFilter",
    "WorkflowRecord",
]


@dataclass(frozen=True)
class UserFilter:
    """One parsed ``func(field,value)`` expression of a list request's ``filters`` string.

    ``entity`` is the optional qualifier (``launch_plan`` in ``eq(launch_plan.name,x)``), ``values`` has
    one element except for ``value_in``/``value_not_in``.
    """

    function: str
    entity: str | None
    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class SortOrder:
    """ORDER BY ``key`` (a column of the listed entity)."""

    key: str
    ascending: bool


@dataclass(frozen=True)
class ListQuery:
    """What a list call asks a repository for.

    ``scope`` holds equality conditions on columns of the listed table set by the service itself
    (project, domain, parent ids); ``filters`` come from the client and are checked against the
    columns each entity may be filtered on. ``limit`` None means all rows.
    """

    scope: dict[str, object] = field(default_factory=dict)
    filters: tuple[UserFilter, ...] = ()
    sort: SortOrder | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class ProjectRecord:
    project: project_pb2.Project  # domains are not stored; services fill them from settings
    created_at: datetime | None = None


@dataclass(frozen=True)
class TaskRecord:
    id: identifier_pb2.Identifier
    closure: task_pb2.TaskClosure
    digest: str
    short_description: str = ""
    db_id: int | None = None


@dataclass(frozen=True)
class WorkflowRecord:
    id: identifier_pb2.Identifier
    typed_interface: interface_pb2.TypedInterface
    closure_uri: str  # blob holding the admin.WorkflowClosure
    digest: str
    created_at: datetime
    short_description: str = ""
    db_id: int | None = None


@dataclass(frozen=True)
class LaunchPlanRecord:
    id: identifier_pb2.Identifier
    spec: launch_plan_pb2.LaunchPlanSpec
    closure: launch_plan_pb2.LaunchPlanClosure  # state/created_at/updated_at mirror the row
    workflow_db_id: int
    digest: str
    state: int = launch_plan_pb2.INACTIVE
    db_id: int | None = None


@dataclass(frozen=True)
class NamedEntityMetadataRecord:
    resource_type: int
    id: common_pb2.NamedEntityIdentifier
    metadata: common_pb2.NamedEntityMetadata


@dataclass(frozen=True)
class ExecutionRecord:
    id: identifier_pb2.WorkflowExecutionIdentifier
    spec: execution_pb2.ExecutionSpec
    closure: execution_pb2.ExecutionClosure
    launch_plan_db_id: int | None
    workflow_db_id: int | None
    task_db_id: int | None
    inputs_uri: str = ""
    user_inputs_uri: str = ""
    cluster: str = ""
    abort_cause: str = ""
    user: str = ""
    state: int = execution_pb2.EXECUTION_ACTIVE
    launch_entity: str = "launch_plan"
    db_id: int | None = None


@dataclass(frozen=True)
class NodeExecutionRecord:
    id: identifier_pb2.NodeExecutionIdentifier
    closure: node_execution_pb2.NodeExecutionClosure
    metadata: node_execution_pb2.NodeExecutionMetaData
    input_uri: str = ""
    parent_db_id: int | None = None
    parent_task_execution_db_id: int | None = None
    event_version: int = 0
    db_id: int | None = None


@dataclass(frozen=True)
class TaskExecutionRecord:
    id: identifier_pb2.TaskExecutionIdentifier
    closure: task_execution_pb2.TaskExecutionClosure
    phase_version: int = 0
    input_uri: str = ""
    db_id: int | None = None
