"""The task plugin interface: what a plugin sees of a task attempt and what it answers.

A plugin is re-entered every round for a running task attempt (flyte-propeller.md §3.1): it gets a
:class:`TaskExecutionContext` (ids, the template, input/output locations, its own persisted state)
and returns a :class:`PluginTransition` (a :class:`PhaseInfo` plus its new state bytes). Side
effects must be idempotent, because a round whose status write fails is repeated. The helper
constructors fix the error kind and retryability exactly as Flyte's do.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from google.protobuf import struct_pb2

from flyteidl.core import execution_pb2, identifier_pb2, tasks_pb2
from flytestdlib.storage import BlobStore


class PluginPhase(enum.IntEnum):
    """Plugin phases; the integers are persisted in ``TaskNodeStatus.phase``."""

    UNDEFINED = 0
    NOT_READY = 1
    WAITING_FOR_RESOURCES = 2
    QUEUED = 3
    INITIALIZING = 4
    RUNNING = 5
    SUCCESS = 6
    RETRYABLE_FAILURE = 7
    PERMANENT_FAILURE = 8
    WAITING_FOR_CACHE = 9
    ABORTED = 10

    @property
    def is_terminal(self) -> bool:
        return self in (
            PluginPhase.SUCCESS,
            PluginPhase.RETRYABLE_FAILURE,
            PluginPhase.PERMANENT_FAILURE,
            PluginPhase.ABORTED,
        )

    @property
    def is_failure(self) -> bool:
        return self in (PluginPhase.RETRYABLE_FAILURE, PluginPhase.PERMANENT_FAILURE)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PhaseInfo:
    """A plugin's report for one round."""

    phase: PluginPhase
    version: int = 0
    occurred_at: datetime = field(default_factory=_now)
    reported_at: datetime | None = None
    reason: str = ""
    logs: tuple[execution_pb2.TaskLog, ...] = ()
    custom_info: struct_pb2.Struct | None = None
    error: execution_pb2.ExecutionError | None = None
    cleanup_on_failure: bool = False

    def with_version(self, version: int) -> PhaseInfo:
        return PhaseInfo(
            self.phase,
            version,
            self.occurred_at,
            self.reported_at,
            self.reason,
            self.logs,
            self.custom_info,
            self.error,
            self.cleanup_on_failure,
        )


def queued(reason: str, logs: tuple[execution_pb2.TaskLog, ...] = (), version: int = 0) -> PhaseInfo:
    return PhaseInfo(PluginPhase.QUEUED, version, reason=reason, logs=logs)


def initializing(reason: str, logs: tuple[execution_pb2.TaskLog, ...] = (), version: int = 0) -> PhaseInfo:
    return PhaseInfo(PluginPhase.INITIALIZING, version, reason=reason, logs=logs)


def running(
    version: int, logs: tuple[execution_pb2.TaskLog, ...] = (), occurred_at: datetime | None = None
) -> PhaseInfo:
    return PhaseInfo(PluginPhase.RUNNING, version, occurred_at or _now(), logs=logs)


def success(logs: tuple[execution_pb2.TaskLog, ...] = (), occurred_at: datetime | None = None) -> PhaseInfo:
    return PhaseInfo(PluginPhase.SUCCESS, 0, occurred_at or _now(), logs=logs)


def failure(
    code: str, message: str, logs: tuple[execution_pb2.TaskLog, ...] = (), *, cleanup: bool = False
) -> PhaseInfo:
    """A permanent USER failure."""
    return _failed(
        PluginPhase.PERMANENT_FAILURE, execution_pb2.ExecutionError.USER, code, message, logs, cleanup
    )


def retryable_failure(
    code: str, message: str, logs: tuple[execution_pb2.TaskLog, ...] = (), *, cleanup: bool = False
) -> PhaseInfo:
    """A retryable USER failure."""
    return _failed(
        PluginPhase.RETRYABLE_FAILURE, execution_pb2.ExecutionError.USER, code, message, logs, cleanup
    )


def system_failure(code: str, message: str, logs: tuple[execution_pb2.TaskLog, ...] = ()) -> PhaseInfo:
    """A permanent SYSTEM failure."""
    return _failed(PluginPhase.PERMANENT_FAILURE, execution_pb2.ExecutionError.SYSTEM, code, message, logs)


def system_retryable_failure(
    code: str, message: str, logs: tuple[execution_pb2.TaskLog, ...] = ()
) -> PhaseInfo:
    """A retryable SYSTEM failure."""
    return _failed(PluginPhase.RETRYABLE_FAILURE, execution_pb2.ExecutionError.SYSTEM, code, message, logs)


def _failed(
    phase: PluginPhase,
    kind: execution_pb2.ExecutionError.ErrorKind,
    code: str,
    message: str,
    logs: tuple[execution_pb2.TaskLog, ...],
    cleanup: bool = False,
) -> PhaseInfo:
    """A failure report whose reason is the error message."""
    return PhaseInfo(
        phase,
        logs=logs,
        reason=message,
        error=execution_pb2.ExecutionError(code=code, message=message, kind=kind),
        cleanup_on_failure=cleanup,
    )


@dataclass(frozen=True)
class PluginTransition:
    """What ``Plugin.handle`` returns: the phase report and the plugin's new persisted state."""

    info: PhaseInfo
    state: bytes = b""


@dataclass(frozen=True)
class TaskExecutionContext:
    """Everything a plugin knows about one task attempt (flyte-propeller.md §3.1, §3.4)."""

    task_execution_id: identifier_pb2.TaskExecutionIdentifier
    template: tasks_pb2.TaskTemplate
    generated_name: str
    namespace: str
    workflow_id: str
    inputs_uri: str
    input_prefix: str
    output_prefix: str
    raw_output_prefix: str
    checkpoint_prefix: str
    prev_checkpoint_prefix: str
    task_template_uri: str
    blobs: BlobStore
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    env_vars: dict[str, str] = field(default_factory=dict)
    interruptible: bool = False
    max_attempts: int = 1
    service_account: str = ""
    container_image: str = ""
    resources: dict[str, dict[str, str]] = field(default_factory=dict)
    plugin_state: bytes = b""
    plugin_state_version: int = 0

    @property
    def execution_id(self) -> identifier_pb2.WorkflowExecutionIdentifier:
        return self.task_execution_id.node_execution_id.execution_id

    @property
    def attempt(self) -> int:
        return self.task_execution_id.retry_attempt


@dataclass(frozen=True)
class PluginProperties:
    """Static facts about a plugin."""

    disable_node_level_caching: bool = False
    generated_name_max_length: int = 50


class Plugin(Protocol):
    """A task plugin: re-entered every round while its attempt runs; keep ``handle`` idempotent."""

    @property
    def id(self) -> str: ...

    @property
    def properties(self) -> PluginProperties: ...

    def handle(self, ctx: TaskExecutionContext) -> PluginTransition:
        """Advance the attempt and report its phase."""
        ...

    def abort(self, ctx: TaskExecutionContext) -> None:
        """Stop the attempt (e.g. delete its pod); called for retries, failures and workflow aborts."""
        ...

    def finalize(self, ctx: TaskExecutionContext) -> None:
        """Release what the attempt still holds once it is over."""
        ...
