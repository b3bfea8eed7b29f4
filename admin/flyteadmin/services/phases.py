"""Which phases are terminal, per entity. The three Phase enums number their values differently, so
each has its own set; never share one between them."""

from __future__ import annotations

from flyteidl.core import execution_pb2

__all__ = [
    "NODE_TERMINAL",
    "TASK_TERMINAL",
    "WORKFLOW_TERMINAL",
    "node_phase_name",
    "task_phase_name",
    "workflow_phase_name",
]

_W = execution_pb2.WorkflowExecution
_N = execution_pb2.NodeExecution
_T = execution_pb2.TaskExecution

WORKFLOW_TERMINAL = frozenset({_W.SUCCEEDED, _W.FAILED, _W.ABORTED, _W.TIMED_OUT})
NODE_TERMINAL = frozenset({_N.SUCCEEDED, _N.FAILED, _N.TIMED_OUT, _N.ABORTED, _N.SKIPPED, _N.RECOVERED})
TASK_TERMINAL = frozenset({_T.SUCCEEDED, _T.FAILED, _T.ABORTED})


def workflow_phase_name(phase: int) -> str:
    return _W.Phase.Name(phase)


def node_phase_name(phase: int) -> str:
    return _N.Phase.Name(phase)


def task_phase_name(phase: int) -> str:
    return _T.Phase.Name(phase)
