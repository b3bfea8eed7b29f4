"""Which handler runs which node kind.

This engine runs start, end, task, branch, gate and workflow nodes (inline subworkflows, and
launch plans as child executions through the admin client). A node of another kind (array) fails
with the SYSTEM error ``UnsupportedNodeKind`` naming the node, so such a workflow ends FAILED with
a readable reason instead of hanging.
"""

from __future__ import annotations

from flyteidl.core import execution_pb2
from flytepropeller.controlplane import AdminClient
from flytepropeller.nodes.branch import BranchHandler
from flytepropeller.nodes.end import EndHandler
from flytepropeller.nodes.gates import GateHandler
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, NodeHandler, Transition
from flytepropeller.nodes.launchplans import LaunchPlanHandler
from flytepropeller.nodes.recovering import recover_node
from flytepropeller.nodes.start import StartHandler
from flytepropeller.nodes.subworkflow import SubworkflowHandler
from flytepropeller.nodes.task import TaskHandler
from flytepropeller.plugins.registry import PluginRegistry
from flytestdlib.flyteworkflow import NodeKind, NodeSpec


class UnsupportedKindHandler:
    """Fails nodes of kinds this engine does not run."""

    @property
    def finalize_required(self) -> bool:
        return False

    def handle(self, ctx: NodeContext) -> Transition:
        kind = ctx.node.kind.value
        error = execution_pb2.ExecutionError(
            code="UnsupportedNodeKind",
            message=(
                f"Node {ctx.node.id!r} is a {kind} node; this propeller runs start, end, task, branch, gate and workflow nodes only. "
                "Rewrite the workflow without it or run it on a propeller that supports it."
            ),
            kind=execution_pb2.ExecutionError.SYSTEM,
        )
        return Transition(HandlerPhase.FAILED, ctx.now, error, reason=error.message)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        """Nothing was started."""

    def finalize(self, ctx: NodeContext) -> None:
        """Nothing is held."""


class HandlerFactory:
    """Maps node kinds to handlers; ``admin`` serves gates, launch plans and recovery."""

    def __init__(
        self, plugins: PluginRegistry, admin: AdminClient | None = None, *, admin_poll_interval: float = 0.0
    ) -> None:
        self._admin = admin
        self._launch_plans = LaunchPlanHandler(admin, poll_interval=admin_poll_interval)
        self._handlers: dict[NodeKind, NodeHandler] = {
            NodeKind.START: StartHandler(),
            NodeKind.END: EndHandler(),
            NodeKind.TASK: TaskHandler(plugins),
            NodeKind.BRANCH: BranchHandler(),
            NodeKind.WORKFLOW: SubworkflowHandler(),
            NodeKind.GATE: GateHandler(admin, poll_interval=admin_poll_interval),
        }
        self._unsupported = UnsupportedKindHandler()

    def for_node(self, node: NodeSpec) -> NodeHandler:
        if node.kind is NodeKind.WORKFLOW and node.launch_plan_ref is not None:
            return self._launch_plans
        return self._handlers.get(node.kind, self._unsupported)

    def recover(self, ctx: NodeContext) -> Transition | None:
        """In recovery mode, the RECOVERED transition of a node that succeeded before (else None)."""
        return recover_node(ctx, self._admin)
