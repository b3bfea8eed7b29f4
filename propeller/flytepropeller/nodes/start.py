"""The start node: nothing to run; its outputs (the workflow inputs) are written by the workflow
executor when the workflow leaves Ready, so it succeeds at once and reports those as its outputs.
"""

from __future__ import annotations

from flytepropeller.nodes.handler import HandlerPhase, NodeContext, Transition


class StartHandler:
    """Handler of ``start-node``."""

    @property
    def finalize_required(self) -> bool:
        return False

    def handle(self, ctx: NodeContext) -> Transition:
        return Transition(HandlerPhase.SUCCESS, ctx.now, output_uri=ctx.outputs_uri)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        """Nothing runs for the start node."""

    def finalize(self, ctx: NodeContext) -> None:
        """Nothing is held by the start node."""
