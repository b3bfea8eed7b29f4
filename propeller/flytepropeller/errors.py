"""The errors flytepropeller raises, in one tree.

Two axes matter to the engine: whether a failure is the user's or the system's (it decides which
retry budget a node spends) and whether trying again later may help (``retryable``). Errors that
escape a round are *round errors*: the round's in-memory changes are dropped and the workflow's
``failedAttempts`` counter goes up (flyte-propeller.md §2.2)::

    PropellerError                      base of everything raised here
    ├── InvalidSettings                 a PropellerSettings value cannot work
    ├── RoundError                      a round could not finish; retried on the next poll
    │   ├── IllegalState                a node or workflow is in a state the engine cannot continue from
    │   └── StatusPersistError          writing the workflow status back failed
    ├── PluginError                     a task plugin could not do its job
    │   └── UnsupportedTaskType         no plugin handles the task type
    ├── ClusterError                    a call to the cluster (pods) failed
    │   ├── PodAlreadyExists            a pod with that name exists (creation is then adoption)
    │   ├── PodNotFound                 no pod with that name exists
    │   └── ClusterUnavailable          the cluster did not answer (retryable)
    ├── EventError                      admin rejected or did not take an event
    │   ├── EventAlreadyExists          the same phase was recorded already (benign)
    │   ├── EventAlreadyInTerminalState the execution/node/task is already terminal in admin
    │   ├── EventIncompatibleCluster    admin says another cluster owns the execution
    │   ├── ExecutionNotFound           admin does not know the execution
    │   ├── EventTooLarge               the event exceeds admin's size limit
    │   ├── EventInvalid                admin refused the event's content (InvalidArgument)
    │   └── EventSinkUnavailable        admin did not answer or failed (retryable)
    └── AdminCallError                  a control-plane call (signals, child executions, recovery) failed
        ├── AdminNotFound               admin has no such entity
        ├── AdminAlreadyExists          the entity exists already (a repeated launch: benign)
        ├── AdminRequestRejected        admin refused the request's content (the user's to fix)
        └── AdminUnavailable            admin did not answer or failed (retryable)

Failures of user code are not exceptions here: they travel as ``core.ExecutionError`` values in
node and workflow status.
"""

from __future__ import annotations

__all__ = [
    "AdminAlreadyExists",
    "AdminCallError",
    "AdminNotFound",
    "AdminRequestRejected",
    "AdminUnavailable",
    "ClusterError",
    "ClusterUnavailable",
    "EventAlreadyExists",
    "EventAlreadyInTerminalState",
    "EventError",
    "EventIncompatibleCluster",
    "EventInvalid",
    "EventSinkUnavailable",
    "EventTooLarge",
    "ExecutionNotFound",
    "IllegalState",
    "InvalidSettings",
    "PluginError",
    "PodAlreadyExists",
    "PodNotFound",
    "PropellerError",
    "RoundError",
    "StatusPersistError",
    "UnsupportedTaskType",
]


class PropellerError(Exception):
    """Base of every error raised by flytepropeller."""

    retryable: bool = False


class InvalidSettings(PropellerError):
    """A settings value cannot work; the message names the setting and the fix."""


class RoundError(PropellerError):
    """A round over one workflow could not complete; the next poll tries again."""

    retryable = True


class IllegalState(RoundError):
    """The engine found a state it cannot continue from (e.g. admin refused a non-terminal event)."""


class StatusPersistError(RoundError):
    """The workflow status could not be written back to the store."""


class PluginError(PropellerError):
    """A task plugin failed for a reason that is not the task's own failure."""


class UnsupportedTaskType(PluginError):
    """No registered plugin handles this task type."""

    def __init__(self, task_type: str, known: list[str]) -> None:
        super().__init__(
            f"No plugin handles task type {task_type!r} (known: {', '.join(sorted(known)) or 'none'}); "
            "register a plugin for it or use a container-based task."
        )
        self.task_type = task_type


class ClusterError(PropellerError):
    """A cluster call (create/get/delete a pod) failed."""


class PodAlreadyExists(ClusterError):
    """A pod named ``namespace/name`` exists already."""

    def __init__(self, namespace: str, name: str) -> None:
        super().__init__(f"Pod {namespace}/{name} already exists.")
        self.namespace = namespace
        self.name = name


class PodNotFound(ClusterError):
    """No pod named ``namespace/name`` exists."""

    def __init__(self, namespace: str, name: str) -> None:
        super().__init__(f"Pod {namespace}/{name} does not exist.")
        self.namespace = namespace
        self.name = name


class ClusterUnavailable(ClusterError):
    """The cluster did not answer or failed transiently."""

    retryable = True


class EventError(PropellerError):
    """Admin did not record an event."""


class EventAlreadyExists(EventError):
    """Admin already recorded this phase (propeller treats this as success)."""


class EventAlreadyInTerminalState(EventError):
    """The target is terminal in admin; ``current_phase`` is what admin reported."""

    def __init__(self, message: str, current_phase: str = "") -> None:
        super().__init__(message)
        self.current_phase = current_phase


class EventIncompatibleCluster(EventError):
    """Admin assigned the execution to another cluster (``cluster``)."""

    def __init__(self, message: str, cluster: str = "") -> None:
        super().__init__(message)
        self.cluster = cluster


class ExecutionNotFound(EventError):
    """Admin has no such execution."""


class EventTooLarge(EventError):
    """The event is larger than admin accepts."""


class EventInvalid(EventError):
    """Admin refused the event content as invalid."""


class EventSinkUnavailable(EventError):
    """Admin could not be reached or failed; the event may be re-sent."""

    retryable = True


class AdminCallError(PropellerError):
    """A call to admin's AdminService or SignalService (not an event) failed."""


class AdminNotFound(AdminCallError):
    """Admin has no such execution, node execution or signal."""


class AdminAlreadyExists(AdminCallError):
    """The execution being created exists already (a launch repeated after a crash or a lost write)."""


class AdminRequestRejected(AdminCallError):
    """Admin refused the request itself (invalid inputs, unknown launch plan, ...): retrying cannot help."""


class AdminUnavailable(AdminCallError):
    """Admin did not answer or failed internally; the call may be repeated."""

    retryable = True
