"""Execution phase constants (``flyteidl.core.execution``), as flytekit exposes them.

Plain integers equal to the IDL enum values, so notifications can list phases without loading
protobuf at import time.
"""

from __future__ import annotations


class _PhaseNames:
    @classmethod
    def enum_to_string(cls, int_value: int) -> str:
        for name, value in vars(cls).items():
            if not name.startswith("_") and value == int_value:
                return name
        return str(int_value)


class WorkflowExecutionPhase(_PhaseNames):
    """Phases of a workflow execution; notifications fire on the terminal ones."""

    UNDEFINED = 0
    QUEUED = 1
    RUNNING = 2
    SUCCEEDING = 3
    SUCCEEDED = 4
    FAILING = 5
    FAILED = 6
    ABORTED = 7
    TIMED_OUT = 8
    ABORTING = 9


class NodeExecutionPhase(_PhaseNames):
    UNDEFINED = 0
    QUEUED = 1
    RUNNING = 2
    SUCCEEDED = 3
    FAILING = 4
    FAILED = 5
    ABORTED = 6
    SKIPPED = 7
    TIMED_OUT = 8
    DYNAMIC_RUNNING = 9
    RECOVERED = 10


class TaskExecutionPhase(_PhaseNames):
    UNDEFINED = 0
    QUEUED = 1
    RUNNING = 2
    SUCCEEDED = 3
    ABORTED = 4
    FAILED = 5
    INITIALIZING = 6
    WAITING_FOR_RESOURCES = 7
    RETRYABLE_FAILED = 8
