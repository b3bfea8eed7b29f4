"""Which handler runs which node kind.

This engine runs start, end, task, branch and workflow nodes (inline subworkflows; launch-plan
nodes fail in the workflow handler). A node of another kind (gate, array) fails with the SYSTEM error ``UnsupportedNodeKind`` naming the node, so such a workflow
ends FAILED with a readable reason instead of hanging.
"""

from __future__ import annotations

from flyteidl.core import execution_pb2
from flytepropeller.nodes.array import ArrayHandler
from flytepropeller.nodes.branch import BranchHandler
from flytepropeller.nodes.dynamic import DynamicHandler
from flytepropeller.nodes.end import EndHandler
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, NodeHandler, Transition
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
                f"Node {ctx.node.id!r} is a {kind} node; this propeller runs start, end, task, branch and workflow nodes only. "
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
    """Maps node kinds to handlers."""

    def __init__(self, plugins: PluginRegistry) -> None:
        self._handlers: dict[NodeKind, NodeHandler] = {
            NodeKind.START: StartHandler(),
            NodeKind.END: EndHandler(),
            NodeKind.TASK: DynamicHandler(TaskHandler(plugins)),
            NodeKind.ARRAY: ArrayHandler(),
            NodeKind.BRANCH: BranchHandler(),
            NodeKind.WORKFLOW: SubworkflowHandler(),
        }
        self._unsupported = UnsupportedKindHandler()

    def for_node(self, node: NodeSpec) -> NodeHandler:
        return self._handlers.get(node.kind, self._unsupported)
