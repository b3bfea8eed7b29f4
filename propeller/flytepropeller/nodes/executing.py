"""The per-node state machine ("HandleNode", flyte-propeller.md §2.5, §2.10, §2.11).

Given a node in a handleable phase, run one step: NotYetStarted resolves and writes the inputs
(Queued); Queued/Running call the handler and apply deadlines and retry accounting;
RetryableFailure cleans up the old attempt and starts the next one; Succeeding/Failing/TimingOut
finalize (and abort) and settle in the terminal phase. A node event is sent whenever the
persisted phase changes, except for RetryableFailure and the finishing steps. Everything here
is re-run if the round's status write fails, so it must stay idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flyteidl.core import execution_pb2, literals_pb2
from flyteidl.event import event_pb2
from flytepropeller.errors import EventError
from flytepropeller.events.building import node_event
from flytepropeller.nodes.factory import HandlerFactory
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, NodeHandler, Transition
from flytepropeller.nodes.inputs import BindingError
from flytestdlib.flyteworkflow import NodeKind, NodePhase
from flytestdlib.storage import write_proto

logger = logging.getLogger(__name__)

_NODE = execution_pb2.NodeExecution
_ERROR = execution_pb2.ExecutionError

HANDLEABLE_PHASES = frozenset(
    {
        NodePhase.NOT_YET_STARTED,
        NodePhase.QUEUED,
        NodePhase.RUNNING,
        NodePhase.FAILING,
        NodePhase.TIMING_OUT,
        NodePhase.RETRYABLE_FAILURE,
        NodePhase.SUCCEEDING,
        NodePhase.DYNAMIC_RUNNING,
    }
)

_EVENT_PHASES = {
    NodePhase.QUEUED: _NODE.QUEUED,
    NodePhase.RUNNING: _NODE.RUNNING,
    NodePhase.DYNAMIC_RUNNING: _NODE.DYNAMIC_RUNNING,
    NodePhase.SKIPPED: _NODE.SKIPPED,
    NodePhase.SUCCEEDING: _NODE.SUCCEEDED,
    NodePhase.SUCCEEDED: _NODE.SUCCEEDED,
    NodePhase.FAILING: _NODE.FAILED,
    NodePhase.FAILED: _NODE.FAILED,
    NodePhase.TIMING_OUT: _NODE.TIMED_OUT,
    NodePhase.TIMED_OUT: _NODE.TIMED_OUT,
    NodePhase.RECOVERED: _NODE.RECOVERED,
}

InputResolver = Callable[[], literals_pb2.LiteralMap]


class NodeExecutor:
    """Runs one step of one node per call."""

    def __init__(self, handlers: HandlerFactory) -> None:
        self._handlers = handlers

    def handler(self, ctx: NodeContext) -> NodeHandler:
        return self._handlers.for_node(ctx.node)

    def handle(self, ctx: NodeContext, resolve_inputs: InputResolver) -> None:
        handler = self.handler(ctx)
        phase = ctx.status.phase
        if phase is NodePhase.NOT_YET_STARTED:
            self._start(ctx, handler, resolve_inputs)
        elif phase in (NodePhase.QUEUED, NodePhase.RUNNING, NodePhase.DYNAMIC_RUNNING):
            self._execute(ctx, handler)
        elif phase is NodePhase.RETRYABLE_FAILURE:
            self._next_attempt(ctx, handler)
        elif phase is NodePhase.SUCCEEDING:
            handler.finalize(ctx)
            self._settle(ctx, NodePhase.SUCCEEDED)
        elif phase in (NodePhase.FAILING, NodePhase.TIMING_OUT):
            handler.abort(ctx, ctx.status.message or "node failed")
            handler.finalize(ctx)
            self._settle(ctx, NodePhase.FAILED if phase is NodePhase.FAILING else NodePhase.TIMED_OUT)

    def skip(self, ctx: NodeContext) -> None:
        """Mark a node whose upstream failed or was skipped as Skipped."""
        transition = Transition(HandlerPhase.SKIP, ctx.now, reason="upstream node failed or was skipped")
        self._transition(ctx, NodePhase.SKIPPED, transition)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        """Stop a started, unfinished node and report it ABORTED (used when the workflow stops)."""
        phase = ctx.status.phase
        if phase is NodePhase.NOT_YET_STARTED or phase.is_terminal:
            return
        handler = self.handler(ctx)
        handler.abort(ctx, reason)
        handler.finalize(ctx)
        error = _ERROR(code="NodeAborted", message=reason, kind=_ERROR.SYSTEM)
        ctx.events.node(
            self._event(ctx, _NODE.ABORTED, Transition(HandlerPhase.FAILED, ctx.now, error)), cleaning_up=True
        )

    def _start(self, ctx: NodeContext, handler: NodeHandler, resolve_inputs: InputResolver) -> None:
        if ctx.node.kind is NodeKind.START:
            transition = handler.handle(ctx)
            self._transition(ctx, NodePhase.SUCCEEDED, transition)
            return
        recovered = self._handlers.recover(ctx)
        if recovered is not None:
            self._transition(ctx, NodePhase.RECOVERED, recovered)
            return
        try:
            inputs = resolve_inputs()
        except BindingError as cause:
            error = _ERROR(code="BindingResolutionFailure", message=str(cause), kind=_ERROR.SYSTEM)
            failing = NodePhase.FAILING if handler.finalize_required else NodePhase.FAILED
            self._transition(ctx, failing, Transition(HandlerPhase.FAILED, ctx.now, error, reason=str(cause)))
            return
        write_proto(ctx.blobs, ctx.inputs_uri, inputs)
        self._transition(
            ctx, NodePhase.QUEUED, Transition(HandlerPhase.QUEUED, ctx.now, reason="inputs resolved")
        )

    def _execute(self, ctx: NodeContext, handler: NodeHandler) -> None:
        transition = self._apply_deadlines(ctx, handler.handle(ctx))
        if transition.phase is HandlerPhase.RETRYABLE_FAILURE and transition.error is not None:
            transition = self._retry_or_exhaust(ctx, transition)
        if transition.error is not None and transition.error.kind == _ERROR.SYSTEM:
            ctx.status.system_failures = ctx.status.system_failures + 1
        self._transition(
            ctx, _node_phase(transition.phase, handler.finalize_required, ctx.status.phase), transition
        )

    def _next_attempt(self, ctx: NodeContext, handler: NodeHandler) -> None:
        handler.abort(ctx, "retrying")
        handler.finalize(ctx)
        status = ctx.status
        status.attempts = status.attempts + 1
        status.clear_handler_statuses()
        status.error = None
        status.phase = NodePhase.RUNNING
        status.message = "retrying"
        status.attempt_started_at = ctx.now
        status.last_updated_at = ctx.now
        logger.info("node %s of %s: starting attempt %d", ctx.node.id, ctx.wf.name, status.attempts)

    def _retry_or_exhaust(self, ctx: NodeContext, transition: Transition) -> Transition:
        error = transition.error
        assert error is not None
        status = ctx.status
        settings = ctx.settings
        if error.kind == _ERROR.SYSTEM:
            current, maximum = status.system_failures, settings.max_node_retries_system_failures
        else:
            min_attempts = ctx.node.min_attempts
            maximum = min_attempts if min_attempts and min_attempts != 1 else settings.default_max_attempts
            current = status.attempts + 1 - status.system_failures
        if current < maximum:
            return transition
        kind = _ERROR.ErrorKind.Name(error.kind)
        exhausted = _ERROR(
            code=f"RetriesExhausted|{error.code}",
            message=f"[{current}/{maximum}] currentAttempt done. Last Error: {kind}::{error.message}",
            kind=_ERROR.USER,
        )
        return Transition(
            HandlerPhase.FAILED,
            transition.occurred_at,
            exhausted,
            transition.output_uri,
            transition.task_node_metadata,
            exhausted.message,
            transition.workflow_node_metadata,
        )

    def _apply_deadlines(self, ctx: NodeContext, transition: Transition) -> Transition:
        if transition.phase not in (HandlerPhase.QUEUED, HandlerPhase.RUNNING, HandlerPhase.DYNAMIC_RUNNING):
            return transition
        status = ctx.status
        active = ctx.node.active_deadline
        if active and status.queued_at and status.queued_at + active < ctx.now:
            error = _ERROR(
                code="TimeoutExpired", message=f"task active timeout [{active}] expired", kind=_ERROR.USER
            )
            return Transition(HandlerPhase.TIMEDOUT, ctx.now, error, reason=error.message)
        execution = ctx.node.execution_deadline
        started = status.attempt_started_at
        if execution and started and started + execution < ctx.now:
            error = _ERROR(
                code="TimeoutExpired",
                message=f"task execution timeout [{execution}] expired",
                kind=_ERROR.USER,
            )
            return Transition(HandlerPhase.RETRYABLE_FAILURE, ctx.now, error, reason=error.message)
        return transition

    def _transition(self, ctx: NodeContext, phase: NodePhase, transition: Transition) -> None:
        status = ctx.status
        previous = status.phase
        if phase is previous:
            return
        now = ctx.now
        status.phase = phase
        status.last_updated_at = now
        if transition.reason:
            status.message = transition.reason
        if phase is NodePhase.QUEUED:
            status.queued_at = now
        if phase is NodePhase.RUNNING:
            if status.started_at is None:
                status.started_at = now
            status.attempt_started_at = now
        if transition.error is not None:
            status.error = transition.error
        if phase is not NodePhase.RETRYABLE_FAILURE:
            event_phase = _EVENT_PHASES[phase]
            if event_phase == _NODE.DYNAMIC_RUNNING and ctx.wf.event_version < 2:
                event_phase = _NODE.RUNNING
            event = self._event(ctx, event_phase, transition)
            if ctx.node.kind is NodeKind.END:
                try:
                    ctx.events.node(event)
                except EventError as error:  # admin's view of the end node is informational only
                    logger.info("ignoring refused end-node event of %s: %s", ctx.wf.name, error)
            else:
                ctx.events.node(event)
        if phase.is_terminal:
            status.stopped_at = now
            status.collapse()
        logger.debug("node %s of %s: %s -> %s", ctx.node.id, ctx.wf.name, previous.name, phase.name)

    def _settle(self, ctx: NodeContext, phase: NodePhase) -> None:
        """The finishing step into a terminal phase (its event was sent when entering *-ing)."""
        status = ctx.status
        status.phase = phase
        status.stopped_at = ctx.now
        status.last_updated_at = ctx.now
        status.collapse()

    def _event(
        self, ctx: NodeContext, phase: execution_pb2.NodeExecution.Phase, transition: Transition
    ) -> event_pb2.NodeExecutionEvent:
        is_start = ctx.node.kind is NodeKind.START
        target = ctx.wf.task(ctx.node.task_key).id if ctx.node.kind is NodeKind.TASK else None
        if ctx.node.kind is NodeKind.WORKFLOW:
            target = ctx.node.launch_plan_ref
        return node_event(
            ctx.node_execution_id,
            phase,
            transition.occurred_at,
            ctx.now,
            producer_id=ctx.settings.producer_id,
            spec_node_id=ctx.node.id,
            node_name=ctx.node.name,
            input_uri="" if is_start else ctx.inputs_uri,
            output_uri=transition.output_uri,
            error=transition.error if phase in (_NODE.FAILED, _NODE.TIMED_OUT, _NODE.ABORTED) else None,
            task_node_metadata=transition.task_node_metadata,
            workflow_node_metadata=transition.workflow_node_metadata,
            target_entity=target,
            parent_node_id=ctx.parent_unique_id,
            retry_group=ctx.retry_group,
            is_parent=(ctx.node.kind is NodeKind.WORKFLOW and bool(ctx.node.sub_workflow_ref))
            or ctx.status.is_dynamic_parent,
            is_dynamic=ctx.status.is_dynamic_parent,
            is_array=ctx.node.kind is NodeKind.ARRAY,
            is_in_dynamic_chain=ctx.in_dynamic_chain,
        )


def _node_phase(phase: HandlerPhase, finalize_required: bool, current: NodePhase) -> NodePhase:
    if phase is HandlerPhase.SUCCESS:
        return NodePhase.SUCCEEDING if finalize_required else NodePhase.SUCCEEDED
    if phase is HandlerPhase.FAILED:
        return NodePhase.FAILING if finalize_required else NodePhase.FAILED
    if phase is HandlerPhase.TIMEDOUT:
        return NodePhase.TIMING_OUT if finalize_required else NodePhase.TIMED_OUT
    mapping = {
        HandlerPhase.QUEUED: NodePhase.QUEUED,
        HandlerPhase.RUNNING: NodePhase.RUNNING,
        HandlerPhase.DYNAMIC_RUNNING: NodePhase.DYNAMIC_RUNNING,
        HandlerPhase.RETRYABLE_FAILURE: NodePhase.RETRYABLE_FAILURE,
        HandlerPhase.SKIP: NodePhase.SKIPPED,
        HandlerPhase.RECOVERED: NodePhase.RECOVERED,
    }
    return mapping.get(phase, current)
