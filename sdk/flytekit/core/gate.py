"""Gate nodes: ``sleep``, ``wait_for_input`` and ``approve`` (flytekit's ``flytekit.core.gate``).

A gate behaves like a call without code: in a workflow body it becomes a node whose target is a
``GateNode`` (a timer, a typed signal, or an approval signal), with the gate's timeout (one hour by
default) in the node metadata. ``sleep`` names its node ``sleep-gate``; signal and approval nodes are
named after the signal. ``wait_for_input`` produces the signalled value as output ``o0``;
``approve`` passes the value it guards through under the same output name.

In a local run there is no engine to send signals, so the gate acts at once: ``sleep`` prints that
it simulates the wait, ``wait_for_input`` prompts on stdin for a value of the expected type and
``approve`` asks for confirmation, raising ``FlyteDisapprovalException`` when refused.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core.calling import flyte_entity_call_handler
from flytekit.core.constants import GLOBAL_INPUT_NODE_ID
from flytekit.core.context_manager import FlyteContext, FlyteContextManager
from flytekit.core.interface import Interface, transform_interface_to_typed_interface
from flytekit.core.promise import Promise, VoidPromise
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlyteDisapprovalException

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, types_pb2, workflow_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

DEFAULT_TIMEOUT = datetime.timedelta(hours=1)
SLEEP_GATE_NAME = "sleep-gate"
_SIGNAL_OUTPUT = "o0"


class Gate:
    """The target of a gate node: exactly one of a sleep, a typed signal or an approval."""

    def __init__(
        self,
        name: str,
        input_type: Any = None,
        upstream_item: Any = None,
        sleep_duration: datetime.timedelta | None = None,
        timeout: datetime.timedelta | None = None,
    ) -> None:
        self._name = name
        self._input_type = input_type
        self._upstream_item = upstream_item
        self._sleep_duration = sleep_duration
        self._timeout = timeout or DEFAULT_TIMEOUT
        self._literal_type = TypeEngine.to_literal_type(input_type) if input_type is not None else None
        if sleep_duration is not None:
            self._python_interface: Interface | None = Interface()
        elif input_type is not None:
            self._python_interface = Interface(outputs={_SIGNAL_OUTPUT: input_type})
        else:
            self._python_interface = None  # an approval learns its type from what it guards
        self._typed_interface: interface_pb2.TypedInterface | None = None

    @property
    def name(self) -> str:
        return self._name

    @property
    def input_type(self) -> Any:
        return self._input_type

    @property
    def literal_type(self) -> types_pb2.LiteralType | None:
        return self._literal_type

    @property
    def sleep_duration(self) -> datetime.timedelta | None:
        return self._sleep_duration

    @property
    def timeout(self) -> datetime.timedelta:
        return self._timeout

    @property
    def python_interface(self) -> Interface:
        if self._python_interface is None:
            raise ValueError(
                f"Approval gate '{self._name}' has no interface until approve() binds the value it guards."
            )
        return self._python_interface

    @property
    def interface(self) -> interface_pb2.TypedInterface:
        if self._typed_interface is None:
            self._typed_interface = transform_interface_to_typed_interface(self.python_interface)
        return self._typed_interface

    def _bind_approval(self, var: str, python_type: Any) -> None:
        self._python_interface = Interface(inputs={var: python_type}, outputs={var: python_type})
        self._typed_interface = None

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata:
        md = workflow_pb2.NodeMetadata(name=self._name, retries=literals_pb2.RetryStrategy())
        md.timeout.FromTimedelta(self._timeout)
        return md

    def to_gate_node(self) -> workflow_pb2.GateNode:
        """The IDL ``GateNode`` of this gate."""
        if self._sleep_duration is not None:
            sleep = workflow_pb2.SleepCondition()
            sleep.duration.FromTimedelta(self._sleep_duration)
            return workflow_pb2.GateNode(sleep=sleep)
        if self._literal_type is not None:
            return workflow_pb2.GateNode(
                signal=workflow_pb2.SignalCondition(
                    signal_id=self._name,
                    type=self._literal_type,
                    output_variable_name=next(iter(self.python_interface.outputs)),
                )
            )
        return workflow_pb2.GateNode(approve=workflow_pb2.ApproveCondition(signal_id=self._name))

    # ---- local runs: there is no engine, so the gate acts at once
    def local_execute(self, ctx: FlyteContext, **kwargs: Any) -> Any:
        import click  # deferred: only local gates talk to the terminal

        if self._sleep_duration is not None:
            click.echo(
                click.style("[Sleep Gate] ", fg="yellow")
                + click.style(f"Simulating Sleep for {self._sleep_duration}", fg="cyan")
            )
            return VoidPromise(self._name)
        if self._input_type is not None:
            from flytekit.interaction.parse_stdin import parse_stdin_to_literal

            message = click.style("[Input Gate] ", fg="yellow") + click.style(
                f"Waiting for input @{self._name} of type {self._input_type}", fg="cyan"
            )
            literal = parse_stdin_to_literal(ctx, self._input_type, message, self._literal_type)
            return Promise(_SIGNAL_OUTPUT, literal)
        var, guarded = next(iter(kwargs.items()))
        shown = _describe_literal(guarded.val) if isinstance(guarded, Promise) else guarded
        message = click.style("[Approval Gate] ", fg="yellow") + click.style(
            f"@{self._name} Approve {click.style(str(shown), fg='green')}?", fg="cyan"
        )
        if not click.confirm(message, default=True):
            raise FlyteDisapprovalException(
                f"User did not approve the transaction for gate node {self._name}"
            )
        if isinstance(guarded, Promise):
            return guarded
        python_type = type(guarded)
        literal = TypeEngine.to_literal(ctx, guarded, python_type, TypeEngine.to_literal_type(python_type))
        return Promise(var, literal)

    def __repr__(self) -> str:
        return f"Gate({self._name!r})"


def _describe_literal(literal: literals_pb2.Literal) -> Any:
    """What the approval prompt shows: the short form of a scalar (value, URI...), else the literal."""
    from flytekit.interaction.string_literals import scalar_to_string

    if literal.WhichOneof("value") == "scalar":
        return scalar_to_string(literal.scalar)
    return literal


def wait_for_input(name: str, timeout: datetime.timedelta, expected_type: Any) -> Any:
    """A node that waits for signal ``name`` carrying a value of ``expected_type``; returns that value."""
    return flyte_entity_call_handler(Gate(name, input_type=expected_type, timeout=timeout))


def sleep(duration: datetime.timedelta) -> Any:
    """A node that waits ``duration`` before its downstream nodes run (chain it with ``>>``)."""
    return flyte_entity_call_handler(Gate(SLEEP_GATE_NAME, sleep_duration=duration))


def approve(upstream_item: Any, name: str, timeout: datetime.timedelta) -> Any:
    """A node that holds ``upstream_item`` (one task output) until signal ``name`` approves it."""
    if upstream_item is None or isinstance(upstream_item, VoidPromise):
        raise ValueError("You can't use approval on a task that doesn't return anything.")
    gate = Gate(name, upstream_item=upstream_item, timeout=timeout)
    ctx = FlyteContextManager.current_context()
    if ctx.compilation_state is not None and isinstance(upstream_item, Promise):
        ref = upstream_item.ref
        if ref.node_id == GLOBAL_INPUT_NODE_ID or ref.node is None:
            raise ValueError("Workflow inputs cannot be passed to approval nodes.")
        producer = ref.node.flyte_entity
        var = upstream_item.var
        gate._bind_approval(var, producer.python_interface.outputs[var])
    else:
        # A local run checks nothing downstream against this type; the value passes through as is.
        var = _SIGNAL_OUTPUT
        gate._bind_approval(var, _local_type(upstream_item))
    return flyte_entity_call_handler(gate, **{var: upstream_item})


def _local_type(value: Any) -> Any:
    return type(value) if not isinstance(value, Promise) else object
