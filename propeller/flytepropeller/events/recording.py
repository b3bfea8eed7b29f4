"""Which event rejections are harmless: the policy between the engine and its ``EventSink``.

Rules of flyte-propeller.md §5.2 to §5.4: a duplicate (``EventAlreadyExists``) is always success,
because rounds are repeated after a failed status write; "already terminal" is harmless for an
event that is itself terminal and an illegal state otherwise; a workflow event refused as
"already terminal" means admin and propeller disagree and the workflow must fail locally
(:class:`WorkflowStateMismatch`); ``ExecutionNotFound`` / ``EventIncompatibleCluster`` are ignored
while the engine is only cleaning up (failing or aborting). Everything else propagates and turns
the round into a round error, so the event is sent again on the next round.
"""

from __future__ import annotations

import logging

from flyteidl.core import execution_pb2
from flyteidl.event import event_pb2
from flytepropeller.errors import (
    EventAlreadyExists,
    EventAlreadyInTerminalState,
    EventIncompatibleCluster,
    ExecutionNotFound,
    IllegalState,
)
from flytepropeller.events.sinks import EventSink

logger = logging.getLogger(__name__)

_WF = execution_pb2.WorkflowExecution
_NODE = execution_pb2.NodeExecution
_TASK = execution_pb2.TaskExecution

_TERMINAL_NODE_PHASES = {
    _NODE.SUCCEEDED,
    _NODE.FAILED,
    _NODE.TIMED_OUT,
    _NODE.ABORTED,
    _NODE.SKIPPED,
    _NODE.RECOVERED,
}
_TERMINAL_TASK_PHASES = {_TASK.SUCCEEDED, _TASK.FAILED, _TASK.ABORTED}
_CLEANUP_WORKFLOW_PHASES = {_WF.FAILING, _WF.FAILED, _WF.ABORTING, _WF.ABORTED}


class WorkflowStateMismatch(IllegalState):
    """Admin says the execution is already terminal while propeller still runs it."""


class EventRecorder:
    """Sends events through ``sink`` and absorbs the rejections that are harmless."""

    def __init__(self, sink: EventSink) -> None:
        self._sink = sink

    def workflow(self, event: event_pb2.WorkflowExecutionEvent) -> None:
        try:
            self._sink.send_workflow_event(event)
        except EventAlreadyExists:
            logger.debug("workflow event %s already recorded", _WF.Phase.Name(event.phase))
        except EventAlreadyInTerminalState as error:
            raise WorkflowStateMismatch(
                f"workflow state mismatch between propeller and control plane: admin refused "
                f"{_WF.Phase.Name(event.phase)} for {event.execution_id.name} ({error})"
            ) from error
        except (ExecutionNotFound, EventIncompatibleCluster):
            if event.phase not in _CLEANUP_WORKFLOW_PHASES:
                raise
            logger.info("ignoring refused %s workflow event while cleaning up", _WF.Phase.Name(event.phase))

    def node(self, event: event_pb2.NodeExecutionEvent, *, cleaning_up: bool = False) -> None:
        try:
            self._sink.send_node_event(event)
        except EventAlreadyExists:
            logger.debug("node event %s/%s already recorded", event.id.node_id, _NODE.Phase.Name(event.phase))
        except EventAlreadyInTerminalState as error:
            if event.phase not in _TERMINAL_NODE_PHASES:
                raise IllegalState(
                    f"admin refused {_NODE.Phase.Name(event.phase)} for node {event.id.node_id}: it is already "
                    f"terminal ({error})"
                ) from error
        except (ExecutionNotFound, EventIncompatibleCluster):
            if not cleaning_up:
                raise

    def task(self, event: event_pb2.TaskExecutionEvent, *, cleaning_up: bool = False) -> None:
        try:
            self._sink.send_task_event(event)
        except EventAlreadyExists:
            logger.debug("task event for %s already recorded", event.parent_node_execution_id.node_id)
        except EventAlreadyInTerminalState as error:
            if event.phase not in _TERMINAL_TASK_PHASES:
                raise IllegalState(
                    f"admin refused task phase {_TASK.Phase.Name(event.phase)} for node "
                    f"{event.parent_node_execution_id.node_id}: it is already terminal ({error})"
                ) from error
        except (ExecutionNotFound, EventIncompatibleCluster):
            if not cleaning_up:
                raise
