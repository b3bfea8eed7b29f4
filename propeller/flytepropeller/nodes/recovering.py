"""Recovery mode (flyte-propeller.md §2.14): reuse what the recovered execution already did.

An execution created by admin's ``RecoverExecution`` carries the original execution's id in
``executionConfig.RecoveryExecution``. Before a node is queued, admin is asked for the same node
(same unique id) of the original execution; if it SUCCEEDED (or was itself RECOVERED), its inputs
and outputs are copied into this node's folders and the node ends RECOVERED at once — a terminal
phase that counts as success — without running again. Otherwise (missing, failed, still running)
the node runs normally. Launch-plan nodes additionally recover their child execution
(:mod:`.launchplans`).
"""

from __future__ import annotations

import logging

from flyteidl.core import execution_pb2, identifier_pb2
from flytepropeller.controlplane import AdminClient
from flytepropeller.errors import AdminNotFound
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, Transition
from flytestdlib.flyteworkflow import FlyteWorkflow, from_gojson
from flytestdlib.storage import write_proto

logger = logging.getLogger(__name__)

_NODE = execution_pb2.NodeExecution
_REUSABLE = frozenset({_NODE.SUCCEEDED, _NODE.RECOVERED})


def recovery_execution(wf: FlyteWorkflow) -> identifier_pb2.WorkflowExecutionIdentifier | None:
    """The execution ``wf`` recovers, if it is a recovery."""
    raw = wf.execution_config.get("RecoveryExecution")
    if not isinstance(raw, dict) or not raw.get("name"):
        return None
    return from_gojson(
        raw, identifier_pb2.WorkflowExecutionIdentifier, where="executionConfig.RecoveryExecution"
    )


def recover_node(ctx: NodeContext, admin: AdminClient | None) -> Transition | None:
    """A RECOVERED transition with the original node's data copied in, or None to run the node."""
    original = recovery_execution(ctx.wf)
    if original is None or admin is None:
        return None
    previous_id = identifier_pb2.NodeExecutionIdentifier(node_id=ctx.unique_id, execution_id=original)
    try:
        previous = admin.get_node_execution(previous_id)
    except AdminNotFound:
        return None
    if previous.closure.phase not in _REUSABLE:
        return None
    data = admin.get_node_execution_data(previous_id)
    write_proto(ctx.blobs, ctx.inputs_uri, data.full_inputs)
    output_uri = ""
    if (
        previous.closure.WhichOneof("output_result") in ("output_uri", "output_data")
        or data.full_outputs.literals
    ):
        write_proto(ctx.blobs, ctx.outputs_uri, data.full_outputs)
        output_uri = ctx.outputs_uri
    logger.info("node %s of %s: recovered from execution %s", ctx.node.id, ctx.wf.name, original.name)
    return Transition(
        HandlerPhase.RECOVERED,
        ctx.now,
        output_uri=output_uri,
        reason=f"recovered from execution {original.name}",
    )
