"""The dynamic handler: wraps the task handler and runs the workflow a dynamic task generates.

``dynamicNodeStatus.phase`` drives it (flyte-propeller.md §2.7 "dynamic", §6):

* None: run the task through the task handler. A successful attempt that left ``futures.pb`` in
  its output dir is a dynamic parent: move to ParentFinalizing; anything else passes through.
* ParentFinalizing: finalize the parent task (its pod is done) -> ParentFinalized.
* ParentFinalized: build the generated workflow (:mod:`.dynamic_workflows`, cached in blobs), write
  the parent's inputs as its start node's outputs, report DYNAMIC_RUNNING with the workflow in the
  node event's task metadata -> Executing. A job spec that cannot be built fails the node (USER
  ``DynamicWorkflowBuildFailed``).
* Executing: walk the generated workflow once per round; its statuses live under the
  ``dynamic-node`` pseudo node of this node's ``subNodeStatus``, its data under this attempt's
  output dir, its events name this node as parent and are marked as in a dynamic chain. Complete
  -> copy the end node's outputs to this node's ``outputs.pb`` (SYSTEM
  ``DynamicWorkflowOutputsMissing`` if declared outputs are missing) and succeed. Failed or timed
  out -> Failing with the child's error.
* Failing: abort the children that still run and fail the node with that error; the children
  exhausted their own retries, so the failure is permanent.

Re-entered every round; every step only moves forward, so a repeated round is harmless.
"""

from __future__ import annotations

import logging

from flyteidl.core import catalog_pb2, execution_pb2, literals_pb2
from flyteidl.event import event_pb2
from flytepropeller.nodes.dynamic_workflows import (
    DynamicWorkflow,
    DynamicWorkflowCache,
    DynamicWorkflowError,
    futures_uri,
)
from flytepropeller.nodes.handler import ChildRunner, DagState, HandlerPhase, NodeContext, Transition
from flytepropeller.nodes.task import TaskHandler
from flytestdlib.flyteworkflow import END_NODE_ID, START_NODE_ID, DynamicNodePhase, SubNodeStatuses
from flytestdlib.storage import read_proto, write_proto

logger = logging.getLogger(__name__)

DYNAMIC_NODE_ID = "dynamic-node"
_ERROR = execution_pb2.ExecutionError


class DynamicHandler:
    """Handler of task nodes: the task handler, plus the generated workflow of dynamic tasks."""

    def __init__(self, task: TaskHandler) -> None:
        self._task = task
        self._workflows = DynamicWorkflowCache()

    @property
    def finalize_required(self) -> bool:
        return True

    def handle(self, ctx: NodeContext) -> Transition:
        state = ctx.status.dynamic_node_status
        if state.phase is DynamicNodePhase.NONE:
            transition = self._task.handle(ctx)
            if transition.phase is not HandlerPhase.SUCCESS or not ctx.blobs.exists(futures_uri(ctx)):
                if not ctx.status.is_dynamic_parent:
                    ctx.status.raw.pop("dynamicNodeStatus", None)
                return transition
            state.phase = DynamicNodePhase.PARENT_FINALIZING
            state.reason = "the task generated a workflow"
            logger.info("node %s of %s: dynamic task produced a workflow", ctx.unique_id, ctx.wf.name)
            return Transition(HandlerPhase.RUNNING, ctx.now, task_node_metadata=transition.task_node_metadata)
        if state.phase is DynamicNodePhase.PARENT_FINALIZING:
            self._task.finalize(ctx)
            state.phase = DynamicNodePhase.PARENT_FINALIZED
            return Transition(HandlerPhase.RUNNING, ctx.now)
        if state.phase is DynamicNodePhase.PARENT_FINALIZED:
            return self._start(ctx)
        if state.phase is DynamicNodePhase.EXECUTING:
            return self._execute(ctx)
        return self._fail(ctx)

    def _start(self, ctx: NodeContext) -> Transition:
        try:
            dynamic = self._workflows.load(ctx)
        except DynamicWorkflowError as error:
            failure = _ERROR(
                code="DynamicWorkflowBuildFailed",
                message=f"Dynamic task of node {ctx.node.id!r} generated a workflow that cannot run: {error}",
                kind=_ERROR.USER,
            )
            return Transition(HandlerPhase.FAILED, ctx.now, failure, reason=failure.message)
        inputs = read_proto(ctx.blobs, ctx.inputs_uri, literals_pb2.LiteralMap)
        write_proto(ctx.blobs, ctx.blobs.join(ctx.output_dir, START_NODE_ID, "0", "outputs.pb"), inputs)
        ctx.status.dynamic_node_status.phase = DynamicNodePhase.EXECUTING
        metadata = event_pb2.TaskNodeMetadata(
            cache_status=catalog_pb2.CACHE_DISABLED,
            dynamic_workflow=event_pb2.DynamicWorkflowNodeMetadata(
                id=dynamic.id, compiled_workflow=dynamic.closure, dynamic_job_spec_uri=dynamic.futures_uri
            ),
        )
        return Transition(
            HandlerPhase.DYNAMIC_RUNNING,
            ctx.now,
            task_node_metadata=metadata,
            reason="running the generated workflow",
        )

    def _execute(self, ctx: NodeContext) -> Transition:
        dynamic = self._workflows.load(ctx)
        result = _children(ctx).run_subworkflow(ctx, dynamic.spec, wf=dynamic.wf, statuses=_statuses(ctx))
        if result.state is DagState.COMPLETE:
            return self._succeed(ctx, dynamic)
        if result.state in (DagState.FAILED, DagState.TIMED_OUT):
            state = ctx.status.dynamic_node_status
            state.phase = DynamicNodePhase.FAILING
            state.permanent_failure = True
            state.error = result.error or _ERROR(
                code="DynamicWorkflowFailed",
                message=f"The workflow generated by node {ctx.node.id!r} ended {result.state.name}.",
                kind=_ERROR.SYSTEM,
            )
            return self._fail(ctx)
        return Transition(HandlerPhase.DYNAMIC_RUNNING, ctx.now)

    def _succeed(self, ctx: NodeContext, dynamic: DynamicWorkflow) -> Transition:
        end_outputs = ctx.blobs.join(ctx.output_dir, END_NODE_ID, "0", "outputs.pb")
        if ctx.blobs.exists(end_outputs):
            outputs = read_proto(ctx.blobs, end_outputs, literals_pb2.LiteralMap)
        elif not dynamic.spec.outputs.variables:
            outputs = literals_pb2.LiteralMap()
        else:
            error = _ERROR(
                code="DynamicWorkflowOutputsMissing",
                message=f"The workflow generated by node {ctx.node.id!r} finished without its outputs at {end_outputs}.",
                kind=_ERROR.SYSTEM,
            )
            return Transition(HandlerPhase.FAILED, ctx.now, error, reason=error.message)
        missing = sorted(set(dynamic.spec.outputs.variables) - set(outputs.literals))
        if missing:
            error = _ERROR(
                code="DynamicWorkflowOutputsMissing",
                message=f"The workflow generated by node {ctx.node.id!r} did not produce the outputs {missing}.",
                kind=_ERROR.USER,
            )
            return Transition(HandlerPhase.FAILED, ctx.now, error, reason=error.message)
        write_proto(ctx.blobs, ctx.outputs_uri, outputs)
        return Transition(HandlerPhase.SUCCESS, ctx.now, output_uri=ctx.outputs_uri)

    def _fail(self, ctx: NodeContext) -> Transition:
        state = ctx.status.dynamic_node_status
        error = state.error or _ERROR(
            code="DynamicWorkflowFailed",
            message=f"The workflow generated by node {ctx.node.id!r} failed.",
            kind=_ERROR.SYSTEM,
        )
        self._abort_children(ctx, f"The workflow generated by node {ctx.node.id!r} failed.")
        phase = HandlerPhase.FAILED if state.permanent_failure else HandlerPhase.RETRYABLE_FAILURE
        return Transition(phase, ctx.now, error, reason=error.message)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        phase = (
            ctx.status.dynamic_node_status.phase if ctx.status.is_dynamic_parent else DynamicNodePhase.NONE
        )
        if phase in (DynamicNodePhase.EXECUTING, DynamicNodePhase.FAILING):
            self._abort_children(ctx, reason)
        elif phase is DynamicNodePhase.NONE:
            self._task.abort(ctx, reason)

    def finalize(self, ctx: NodeContext) -> None:
        if not ctx.status.is_dynamic_parent or ctx.status.dynamic_node_status.phase in (
            DynamicNodePhase.NONE,
            DynamicNodePhase.PARENT_FINALIZING,
        ):
            self._task.finalize(ctx)

    def _abort_children(self, ctx: NodeContext, reason: str) -> None:
        if ctx.children is None:
            return
        try:
            dynamic = self._workflows.load(ctx)
        except DynamicWorkflowError:
            return  # it never ran
        ctx.children.abort_subworkflow(ctx, dynamic.spec, reason, wf=dynamic.wf, statuses=_statuses(ctx))


def _children(ctx: NodeContext) -> ChildRunner:
    if ctx.children is None:
        raise RuntimeError("A dynamic node needs a child runner in its context.")
    return ctx.children


def _statuses(ctx: NodeContext) -> SubNodeStatuses:
    """The statuses of the generated workflow's nodes: under the ``dynamic-node`` pseudo node."""
    return ctx.status.sub_nodes.node(DYNAMIC_NODE_ID).sub_nodes
