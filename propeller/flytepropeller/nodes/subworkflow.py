"""The workflow node handler for inline subworkflows (``subWorkflowRef``, flyte-propeller.md §2.7).

``workflowNodeStatus.phase`` drives it. Undefined: write the node's inputs as the subworkflow's
start-node outputs (``<outputDir>/start-node/0/outputs.pb``) and move to Executing. Executing:
walk the sub-DAG once through ``ctx.children`` (statuses in the node's ``subNodeStatus``, data
under its output dir, events naming this node as parent), honouring the subworkflow's own failure
policy. Complete => copy the end node's outputs to the node's outputs.pb (SYSTEM
``SubWorkflowExecutionFailed`` if outputs are declared but missing). Failed or timed out => store
Failing with the error, abort what still runs and fail the node with that error (a subworkflow's
own ``onFailure`` node is not run yet).
Re-entered every round; every step only moves forward, so a repeated round is harmless.

Launch-plan nodes (``launchPlanRefId``) are run by :mod:`.launchplans` as child executions.
"""

from __future__ import annotations

import logging

from flyteidl.core import execution_pb2, literals_pb2
from flytepropeller.nodes.handler import ChildRunner, DagState, HandlerPhase, NodeContext, Transition
from flytestdlib.errors import InvalidWorkflowDocument
from flytestdlib.flyteworkflow import END_NODE_ID, START_NODE_ID, WorkflowNodePhase, WorkflowSpec
from flytestdlib.storage import read_proto, write_proto

logger = logging.getLogger(__name__)

_ERROR = execution_pb2.ExecutionError


class SubworkflowHandler:
    """Handler of ``workflow`` nodes."""

    @property
    def finalize_required(self) -> bool:
        return False

    def handle(self, ctx: NodeContext) -> Transition:
        try:
            spec = ctx.wf.sub_workflow(ctx.node.sub_workflow_ref)
        except InvalidWorkflowDocument as cause:
            return _failed(ctx, "SubWorkflowExecutionFailed", f"Node {ctx.node.id!r}: {cause}")
        state = ctx.status.workflow_node_status
        if state.phase is WorkflowNodePhase.UNDEFINED:
            inputs = read_proto(ctx.blobs, ctx.inputs_uri, literals_pb2.LiteralMap)
            write_proto(ctx.blobs, _start_outputs_uri(ctx), inputs)
            state.phase = WorkflowNodePhase.EXECUTING
            logger.info("workflow node %s of %s: starting subworkflow %s", ctx.node.id, ctx.wf.name, spec.id)
        if state.phase is WorkflowNodePhase.EXECUTING:
            return self._execute(ctx, spec)
        return self._fail(ctx, spec)

    def _execute(self, ctx: NodeContext, spec: WorkflowSpec) -> Transition:
        children = _children(ctx)
        result = children.run_subworkflow(ctx, spec)
        if result.state is DagState.COMPLETE:
            return _copy_outputs(ctx, spec)
        if result.state in (DagState.FAILED, DagState.TIMED_OUT):
            error = result.error or _ERROR(
                code="SubWorkflowExecutionFailed",
                message=f"Subworkflow {spec.id} of node {ctx.node.id!r} ended {result.state.name}.",
                kind=_ERROR.SYSTEM,
            )
            state = ctx.status.workflow_node_status
            state.phase = WorkflowNodePhase.FAILING
            state.execution_error = error
            return self._fail(ctx, spec)
        return Transition(HandlerPhase.RUNNING, ctx.now)

    def _fail(self, ctx: NodeContext, spec: WorkflowSpec) -> Transition:
        error = ctx.status.workflow_node_status.execution_error or _ERROR(
            code="SubWorkflowExecutionFailed",
            message=f"Subworkflow {spec.id} of node {ctx.node.id!r} failed.",
            kind=_ERROR.SYSTEM,
        )
        _children(ctx).abort_subworkflow(ctx, spec, f"Subworkflow of node {ctx.node.id!r} failed.")
        return Transition(HandlerPhase.FAILED, ctx.now, error, reason=error.message)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        if not ctx.node.sub_workflow_ref or ctx.children is None:
            return
        spec = ctx.wf.sub_workflow(ctx.node.sub_workflow_ref)
        ctx.children.abort_subworkflow(ctx, spec, reason)

    def finalize(self, ctx: NodeContext) -> None:
        """The subworkflow's nodes finalize themselves."""


def _children(ctx: NodeContext) -> ChildRunner:
    if ctx.children is None:
        raise RuntimeError("A workflow node needs a child runner in its context.")
    return ctx.children


def _start_outputs_uri(ctx: NodeContext) -> str:
    return ctx.blobs.join(ctx.output_dir, START_NODE_ID, "0", "outputs.pb")


def _copy_outputs(ctx: NodeContext, spec: WorkflowSpec) -> Transition:
    end_outputs = ctx.blobs.join(ctx.output_dir, END_NODE_ID, "0", "outputs.pb")
    if ctx.blobs.exists(end_outputs):
        outputs = read_proto(ctx.blobs, end_outputs, literals_pb2.LiteralMap)
        write_proto(ctx.blobs, ctx.outputs_uri, outputs)
        return Transition(HandlerPhase.SUCCESS, ctx.now, output_uri=ctx.outputs_uri)
    if spec.outputs.variables:
        return _failed(
            ctx,
            "SubWorkflowExecutionFailed",
            f"Subworkflow {spec.id} of node {ctx.node.id!r} succeeded but wrote no outputs at {end_outputs}.",
        )
    return Transition(HandlerPhase.SUCCESS, ctx.now)


def _failed(ctx: NodeContext, code: str, message: str) -> Transition:
    """A SYSTEM failure of the node."""
    error = _ERROR(code=code, message=message, kind=_ERROR.SYSTEM)
    return Transition(HandlerPhase.FAILED, ctx.now, error, reason=message)
