"""The end node: its resolved inputs are the workflow outputs; it copies them to its outputs.pb
(``<wf dir>/end-node/data/0/outputs.pb``), which becomes ``status.outputRef`` and the output URI of
the SUCCEEDED workflow event. Re-running it rewrites the same bytes.
"""

from __future__ import annotations

from flyteidl.core import literals_pb2
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, Transition
from flytestdlib.storage import read_proto, write_proto


class EndHandler:
    """Handler of ``end-node``."""

    @property
    def finalize_required(self) -> bool:
        return False

    def handle(self, ctx: NodeContext) -> Transition:
        outputs = read_proto(ctx.blobs, ctx.inputs_uri, literals_pb2.LiteralMap)
        write_proto(ctx.blobs, ctx.outputs_uri, outputs)
        return Transition(HandlerPhase.SUCCESS, ctx.now, output_uri=ctx.outputs_uri)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        """Nothing runs for the end node."""

    def finalize(self, ctx: NodeContext) -> None:
        """Nothing is held by the end node."""
