"""The gate node handler: ``sleep``, ``wait_for_input`` (signal) and ``approve`` (flyte-propeller.md §2.7).

* sleep: succeeds once the duration has passed since the current attempt started (``laStartedAt``);
* signal: asks admin's SignalService for the signal (``GetOrCreateSignal`` with the declared type,
  which also makes it visible to ``ListSignals``); once it has a value that fits the type, the value
  becomes the node's single output ``{outputVariableName: value}``;
* approve: the same with a boolean signal; true copies the node's inputs to its outputs, false fails
  the node with USER ``ReceivedRejectSignal``.
Nothing is pushed to the engine: a waiting gate reports Running and is looked at again on a later
round (admin is asked at most once per ``poll_interval``). ``gateNodeStatus.phase`` is Executing
from the first evaluation on. No finalize; abort has nothing to stop.
"""

from __future__ import annotations

import logging
from typing import Any

from flyteidl.core import execution_pb2, identifier_pb2, literals_pb2, types_pb2, workflow_pb2
from flytepropeller.controlplane import AdminClient
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, Transition
from flytepropeller.nodes.polling import PollLimiter
from flytepropeller.nodes.signal_values import value_fits
from flytestdlib.errors import InvalidWorkflowDocument
from flytestdlib.flyteworkflow import from_jsonpb
from flytestdlib.storage import read_proto, write_proto

logger = logging.getLogger(__name__)

_ERROR = execution_pb2.ExecutionError
GATE_EXECUTING = 1
_BOOLEAN = types_pb2.LiteralType(simple=types_pb2.BOOLEAN)


class GateHandler:
    """Handler of ``gate`` nodes; ``admin`` answers signal questions (None: only sleep gates run)."""

    def __init__(self, admin: AdminClient | None, *, poll_interval: float = 0.0) -> None:
        self._admin = admin
        self._polls = PollLimiter(poll_interval)

    @property
    def finalize_required(self) -> bool:
        return False

    def handle(self, ctx: NodeContext) -> Transition:
        gate = ctx.node.raw.get("gate")
        if not isinstance(gate, dict):
            return _bad_spec(ctx, f"Gate node {ctx.node.id!r} has no 'gate' block.")
        status: dict[str, Any] = ctx.status.raw.setdefault("gateNodeStatus", {})
        status["phase"] = GATE_EXECUTING
        kind = gate.get("kind")
        if kind in ("signal", "approve") and self._admin is None:
            return _failed(
                ctx,
                "RuntimeExecutionError",
                f"Gate node {ctx.node.id!r} waits for a signal, but this propeller has no admin client to ask "
                "for it; start it with one (the sandbox and the operator do).",
                _ERROR.SYSTEM,
            )
        try:
            if kind == "sleep":
                return self._sleep(
                    ctx, from_jsonpb(gate.get("sleep"), workflow_pb2.SleepCondition, where="gate.sleep")
                )
            if kind == "signal":
                return self._signal(
                    ctx, from_jsonpb(gate.get("signal"), workflow_pb2.SignalCondition, where="gate.signal")
                )
            if kind == "approve":
                return self._approve(
                    ctx, from_jsonpb(gate.get("approve"), workflow_pb2.ApproveCondition, where="gate.approve")
                )
        except InvalidWorkflowDocument as error:
            return _bad_spec(ctx, f"Gate node {ctx.node.id!r}: {error}")
        return _bad_spec(
            ctx, f"Gate node {ctx.node.id!r} has kind {kind!r}; expected sleep, signal or approve."
        )

    def abort(self, ctx: NodeContext, reason: str) -> None:
        """A gate holds nothing; its signal stays in admin for the record."""
        self._polls.forget(_poll_key(ctx))

    def finalize(self, ctx: NodeContext) -> None:
        """Nothing is held."""

    def _sleep(self, ctx: NodeContext, condition: workflow_pb2.SleepCondition) -> Transition:
        started = ctx.status.attempt_started_at
        if started is not None and ctx.now - started >= condition.duration.ToTimedelta():
            logger.info("gate %s of %s: slept %s", ctx.node.id, ctx.wf.name, condition.duration.ToTimedelta())
            return Transition(HandlerPhase.SUCCESS, ctx.now)
        return Transition(HandlerPhase.RUNNING, ctx.now)

    def _signal(self, ctx: NodeContext, condition: workflow_pb2.SignalCondition) -> Transition:
        value = self._signal_value(ctx, condition.signal_id, condition.type)
        if value is None:
            return Transition(
                HandlerPhase.RUNNING, ctx.now, reason=f"waiting for signal {condition.signal_id!r}"
            )
        if not value_fits(value, condition.type):
            return _failed(
                ctx,
                "SignalTypeMismatch",
                f"Signal {condition.signal_id!r} of gate node {ctx.node.id!r} holds a value that does not fit its "
                "declared type; set it again with a value of that type.",
                _ERROR.USER,
            )
        outputs = literals_pb2.LiteralMap(literals={condition.output_variable_name: value})
        write_proto(ctx.blobs, ctx.outputs_uri, outputs)
        logger.info("gate %s of %s: signal %s received", ctx.node.id, ctx.wf.name, condition.signal_id)
        return Transition(HandlerPhase.SUCCESS, ctx.now, output_uri=ctx.outputs_uri)

    def _approve(self, ctx: NodeContext, condition: workflow_pb2.ApproveCondition) -> Transition:
        value = self._signal_value(ctx, condition.signal_id, _BOOLEAN)
        if value is None:
            return Transition(
                HandlerPhase.RUNNING, ctx.now, reason=f"waiting for approval {condition.signal_id!r}"
            )
        if not value_fits(value, _BOOLEAN):
            return _failed(
                ctx,
                "RuntimeExecutionError",
                f"received a non-boolean approve signal value [{value}]",
                _ERROR.UNKNOWN,
            )
        if not value.scalar.primitive.boolean:
            return _failed(
                ctx,
                "ReceivedRejectSignal",
                "received a reject signal to disapprove the node input values",
                _ERROR.USER,
            )
        inputs = read_proto(ctx.blobs, ctx.inputs_uri, literals_pb2.LiteralMap)
        write_proto(ctx.blobs, ctx.outputs_uri, inputs)
        logger.info("gate %s of %s: approved (%s)", ctx.node.id, ctx.wf.name, condition.signal_id)
        return Transition(HandlerPhase.SUCCESS, ctx.now, output_uri=ctx.outputs_uri)

    def _signal_value(
        self, ctx: NodeContext, signal_id: str, literal_type: types_pb2.LiteralType
    ) -> literals_pb2.Literal | None:
        """The signal's value, or None while it has none (or this node asked admin moments ago)."""
        assert self._admin is not None, "handle() fails signal gates when there is no admin client"
        if not self._polls.due(_poll_key(ctx), ctx.now):
            return None
        identifier = identifier_pb2.SignalIdentifier(signal_id=signal_id, execution_id=ctx.execution_id)
        signal = self._admin.get_or_create_signal(identifier, literal_type)
        if not signal.HasField("value") or signal.value.WhichOneof("value") is None:
            return None
        self._polls.forget(_poll_key(ctx))
        return signal.value


def _poll_key(ctx: NodeContext) -> str:
    return f"{ctx.wf.namespace}/{ctx.wf.name}/{ctx.unique_id}/{ctx.status.attempts}"


def _failed(ctx: NodeContext, code: str, message: str, kind: int) -> Transition:
    error = _ERROR(code=code, message=message, kind=kind)  # type: ignore[arg-type]
    return Transition(HandlerPhase.FAILED, ctx.now, error, reason=message)


def _bad_spec(ctx: NodeContext, message: str) -> Transition:
    return _failed(ctx, "BadSpecificationError", message, _ERROR.SYSTEM)
