"""Which handler runs which node kind.

Every kind of node Flyte 1.16 compiles has a handler: start, end, task (wrapped by the dynamic
handler), array, branch, gate, and workflow nodes (inline subworkflows, or launch plans run as child
executions through the admin client).
"""

from __future__ import annotations

from flytepropeller.controlplane import AdminClient
from flytepropeller.nodes.array import ArrayHandler
from flytepropeller.nodes.branch import BranchHandler
from flytepropeller.nodes.dynamic import DynamicHandler
from flytepropeller.nodes.end import EndHandler
from flytepropeller.nodes.gates import GateHandler
from flytepropeller.nodes.handler import NodeContext, NodeHandler, Transition
from flytepropeller.nodes.launchplans import LaunchPlanHandler
from flytepropeller.nodes.recovering import recover_node
from flytepropeller.nodes.start import StartHandler
from flytepropeller.nodes.subworkflow import SubworkflowHandler
from flytepropeller.nodes.task import TaskHandler
from flytepropeller.plugins.registry import PluginRegistry
from flytestdlib.flyteworkflow import NodeKind, NodeSpec


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
            NodeKind.TASK: DynamicHandler(TaskHandler(plugins)),
            NodeKind.ARRAY: ArrayHandler(),
            NodeKind.BRANCH: BranchHandler(),
            NodeKind.WORKFLOW: SubworkflowHandler(),
            NodeKind.GATE: GateHandler(admin, poll_interval=admin_poll_interval),
        }

    def for_node(self, node: NodeSpec) -> NodeHandler:
        if node.kind is NodeKind.WORKFLOW and node.launch_plan_ref is not None:
            return self._launch_plans
        return self._handlers[node.kind]

    def recover(self, ctx: NodeContext) -> Transition | None:
        """In recovery mode, the RECOVERED transition of a node that succeeded before (else None)."""
        return recover_node(ctx, self._admin)
