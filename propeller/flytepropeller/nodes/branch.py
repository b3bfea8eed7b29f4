"""The branch node handler: pick one node by condition, run it, and pass its outputs on.

First round (``branchStatus`` NotYetEvaluated): read the branch node's inputs, evaluate the cases in
order, mark every other candidate node Skipped directly in its status (no events) and record the
selection (``branchStatus{phase: Success, finalNodeId}``, the child's ``parentNode``). No case
matching means the else node, or a USER ``UserProvidedError`` with the ``elseFail`` message; a
condition that cannot be evaluated is a USER ``MalformedBranchUserError``.

Every round after that runs one step of the selected node through the DAG walk
(``ctx.children``); its data lives under the branch node's attempt folder (see the workflow
executor's ``_context``). When it succeeds its outputs.pb is copied to the branch node's; when it
fails or times out the branch fails with its error. Re-entered every round; each step only moves
forward, so re-running a round after a failed status write is harmless.
"""

from __future__ import annotations

import logging

from flyteidl.core import execution_pb2, literals_pb2
from flytepropeller.nodes.conditions import MalformedCondition, evaluate
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, Transition
from flytestdlib.errors import InvalidWorkflowDocument
from flytestdlib.flyteworkflow import BranchPhase, NodePhase
from flytestdlib.storage import read_proto, write_proto

logger = logging.getLogger(__name__)

_ERROR = execution_pb2.ExecutionError


class BranchHandler:
    """Handler of ``branch`` nodes."""

    @property
    def finalize_required(self) -> bool:
        return False

    def handle(self, ctx: NodeContext) -> Transition:
        branch_status = ctx.status.branch_status
        if branch_status.phase is BranchPhase.NOT_YET_EVALUATED:
            failed = self._select(ctx)
            if failed is not None:
                return failed
        return self._run_selected(ctx, branch_status.final_node_id)

    def _select(self, ctx: NodeContext) -> Transition | None:
        node_id = ctx.node.id
        try:
            branch = ctx.node.branch
            inputs = read_proto(ctx.blobs, ctx.inputs_uri, literals_pb2.LiteralMap)
            selected = next((then for condition, then in branch.cases() if evaluate(condition, inputs)), "")
            candidates = branch.child_ids()
        except (MalformedCondition, InvalidWorkflowDocument) as cause:
            return _failed(ctx, "MalformedBranchUserError", f"Branch node {node_id!r}: {cause}")
        selected = selected or branch.else_node
        if ctx.children is None:
            raise RuntimeError("A branch node needs a child runner in its context.")
        for child in candidates:
            if child != selected:
                ctx.children.status_of(child).phase = NodePhase.SKIPPED
        if not selected:
            message = branch.else_fail_message or f"No branch of {node_id!r} matched and it has no else."
            ctx.status.branch_status.phase = BranchPhase.ERROR
            return _failed(ctx, "UserProvidedError", message)
        ctx.children.status_of(selected).parent_node = node_id
        ctx.status.branch_status.final_node_id = selected
        ctx.status.branch_status.phase = BranchPhase.SUCCESS
        logger.info("branch node %s of %s selected %s", node_id, ctx.wf.name, selected)
        return None

    def _run_selected(self, ctx: NodeContext, child_id: str) -> Transition:
        if ctx.children is None:
            raise RuntimeError("A branch node needs a child runner in its context.")
        child = ctx.children.run_child(child_id)
        phase = child.status.phase
        if phase in (NodePhase.SUCCEEDED, NodePhase.RECOVERED):
            if ctx.blobs.exists(child.outputs_uri):
                outputs = read_proto(ctx.blobs, child.outputs_uri, literals_pb2.LiteralMap)
                write_proto(ctx.blobs, ctx.outputs_uri, outputs)
                return Transition(HandlerPhase.SUCCESS, ctx.now, output_uri=ctx.outputs_uri)
            return Transition(HandlerPhase.SUCCESS, ctx.now)
        if phase in (NodePhase.FAILED, NodePhase.TIMED_OUT, NodePhase.SKIPPED):
            error = child.status.error or _ERROR(
                code="BranchChildFailed",
                message=f"Node {child_id!r} selected by branch {ctx.node.id!r} ended {phase.name}.",
                kind=_ERROR.SYSTEM,
            )
            return Transition(HandlerPhase.FAILED, ctx.now, error, reason=error.message)
        return Transition(HandlerPhase.RUNNING, ctx.now)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        """The selected node is aborted by the workflow executor, which visits every started node."""

    def finalize(self, ctx: NodeContext) -> None:
        """Nothing is held by the branch node itself."""


def _failed(ctx: NodeContext, code: str, message: str) -> Transition:
    error = _ERROR(code=code, message=message, kind=_ERROR.USER)
    return Transition(HandlerPhase.FAILED, ctx.now, error, reason=message)
