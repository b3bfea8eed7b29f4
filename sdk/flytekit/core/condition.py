"""``conditional``: if/elif/else over promises, compiled to a BranchNode or evaluated locally.

``conditional("name").if_(expr).then(call).elif_(expr).then(call).else_().then(call)`` (or
``.else_().fail("msg")``). Expressions come from comparing promises with constants or other
promises (``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` on ``Promise``), ``&`` / ``|`` between them,
and ``Promise.is_true()`` / ``is_false()`` / ``is_none()``.

While a workflow is compiled, the calls passed to ``then`` are traced in a compilation state of
their own (ids ``n0, n1, ...`` in call order, shared by all cases) and the whole conditional becomes
one node of the outer workflow, whose outputs are the branch outputs. Its input bindings are the
promises the conditions read, named ``<node id>.<var>`` (``.x`` for workflow input ``x``).

In a local run the conditions are evaluated as they come; calls inside a branch that is not taken
return without running (``ExecutionState.BranchEvalMode``), and ``fail`` raises ``ValueError``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core.context_manager import (
    CompilationState,
    ExecutionState,
    FlyteContext,
    FlyteContextManager,
)
from flytekit.core.node import Node
from flytekit.core.promise import NodeOutput, Promise, VoidPromise, _MultipleOutputs, _node_of
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import condition_pb2, literals_pb2, types_pb2, workflow_pb2
else:
    condition_pb2 = lazy_module("flyteidl.core.condition_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

# Operator names of ComparisonExpression; resolved to enum values when a proto is built, so that
# importing this module does not load protobuf.
_OPERATORS = {"==": "EQ", "!=": "NEQ", ">": "GT", ">=": "GTE", "<": "LT", "<=": "LTE"}


class Expression:
    """A boolean condition; combine with ``&`` and ``|`` (never ``and`` / ``or``)."""

    def __and__(self, other: Expression) -> ConjunctionExpression:
        return ConjunctionExpression(self, "and", other)

    def __or__(self, other: Expression) -> ConjunctionExpression:
        return ConjunctionExpression(self, "or", other)

    def __bool__(self) -> bool:
        raise ValueError(
            "A condition cannot be used as a Python bool; combine conditions with `&` and `|`, not `and`/`or`."
        )

    def promises(self) -> list[Promise]:
        raise NotImplementedError

    def to_flyte_model(self) -> condition_pb2.BooleanExpression:
        raise NotImplementedError

    def evaluate(self, ctx: FlyteContext) -> bool:
        raise NotImplementedError


class ComparisonExpression(Expression):
    """``lhs <op> rhs`` where each side is a promise or a primitive constant (or None)."""

    def __init__(self, lhs: Any, op: str, rhs: Any) -> None:
        for side in (lhs, rhs):
            if not isinstance(side, Promise):
                _check_constant(side)
        self.lhs, self.op, self.rhs = lhs, op, rhs

    def promises(self) -> list[Promise]:
        return [p for p in (self.lhs, self.rhs) if isinstance(p, Promise)]

    def to_flyte_model(self) -> condition_pb2.BooleanExpression:
        return condition_pb2.BooleanExpression(
            comparison=condition_pb2.ComparisonExpression(
                operator=_OPERATORS[self.op],
                left_value=_operand(self.lhs),
                right_value=_operand(self.rhs),
            )
        )

    def evaluate(self, ctx: FlyteContext) -> bool:
        left, right = _local_value(self.lhs), _local_value(self.rhs)
        if self.op == "==":
            return bool(left == right)
        if self.op == "!=":
            return bool(left != right)
        if left is None or right is None:
            raise FlyteAssertion(f"Cannot compare None with '{self.op}' in a condition.")
        return bool(
            {
                ">": left > right,
                ">=": left >= right,
                "<": left < right,
                "<=": left <= right,
            }[self.op]
        )

    def __repr__(self) -> str:
        return f"({self.lhs!r} {self.op} {self.rhs!r})"


class ConjunctionExpression(Expression):
    """``lhs & rhs`` or ``lhs | rhs``."""

    def __init__(self, lhs: Expression, op: str, rhs: Expression) -> None:
        for side in (lhs, rhs):
            if not isinstance(side, Expression):
                raise FlyteAssertion(f"`&` and `|` combine conditions, got {side!r}.")
        self.lhs, self.op, self.rhs = lhs, op, rhs

    def promises(self) -> list[Promise]:
        return [*self.lhs.promises(), *self.rhs.promises()]

    def to_flyte_model(self) -> condition_pb2.BooleanExpression:
        operator = (
            condition_pb2.ConjunctionExpression.AND
            if self.op == "and"
            else condition_pb2.ConjunctionExpression.OR
        )
        return condition_pb2.BooleanExpression(
            conjunction=condition_pb2.ConjunctionExpression(
                operator=operator,
                left_expression=self.lhs.to_flyte_model(),
                right_expression=self.rhs.to_flyte_model(),
            )
        )

    def evaluate(self, ctx: FlyteContext) -> bool:
        if self.op == "and":
            return self.lhs.evaluate(ctx) and self.rhs.evaluate(ctx)
        return self.lhs.evaluate(ctx) or self.rhs.evaluate(ctx)

    def __repr__(self) -> str:
        return f"({self.lhs!r} {self.op} {self.rhs!r})"


_CONSTANT_TYPES = (bool, int, float, str, datetime.datetime, datetime.timedelta)


def _check_constant(value: Any) -> None:
    if value is not None and not isinstance(value, _CONSTANT_TYPES):
        raise FlyteAssertion(
            f"Conditions compare promises with primitive constants (int, float, str, bool, datetime, "
            f"timedelta, None); got {value!r}."
        )


def _operand_var(promise: Promise) -> str:
    ref = promise.ref
    return f"{ref.node_id}.{ref.var}"


def _operand(value: Any) -> condition_pb2.Operand:
    if isinstance(value, Promise):
        return condition_pb2.Operand(var=_operand_var(value))
    if value is None:
        return condition_pb2.Operand(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))
    primitive = literals_pb2.Primitive()
    if isinstance(value, bool):
        primitive.boolean = value
    elif isinstance(value, int):
        primitive.integer = value
    elif isinstance(value, float):
        primitive.float_value = value
    elif isinstance(value, str):
        primitive.string_value = value
    elif isinstance(value, datetime.datetime):
        primitive.datetime.FromDatetime(value)
    else:
        primitive.duration.FromTimedelta(value)
    return condition_pb2.Operand(primitive=primitive)


def _local_value(value: Any) -> Any:
    if not isinstance(value, Promise):
        return value
    literal = value.val
    if literal.scalar.WhichOneof("value") == "none_type":
        return None
    primitive = literal.scalar.primitive
    kind = primitive.WhichOneof("value")
    if kind is None:
        # flytekit raises ValueError here too; attribute paths are not resolved in local conditions
        raise ValueError(
            f"Only primitive values can be used in comparison: promise '{value.var}' holds no primitive value; "
            "compare a task output of type int, float, str, bool, datetime or timedelta."
        )
    if kind == "datetime":
        return primitive.datetime.ToDatetime(tzinfo=datetime.UTC)
    if kind == "duration":
        return primitive.duration.ToTimedelta()
    return getattr(primitive, kind)


class Case:
    """One ``if_`` / ``elif_`` / ``else_`` arm; ``then`` (or ``fail`` for else) completes it."""

    def __init__(self, section: ConditionalSection, expr: Expression | None) -> None:
        self._section = section
        self.expr = expr
        self.output: Any = None
        self.err: str | None = None

    def then(self, result: Any) -> Any:
        """The call to run when this arm is taken (a task, workflow or launch-plan call)."""
        self.output = result
        return self._section.case_done(self)

    def fail(self, message: str) -> Any:
        """Fail the execution with ``message`` (else arm only)."""
        if self.expr is not None:
            raise FlyteAssertion("Only `else_()` can `fail`; give `if_`/`elif_` arms a call with `then`.")
        self.err = message
        return self._section.case_done(self)


class ConditionalSection:
    """The builder ``conditional(name)`` returns; see the module docstring."""

    def __init__(self, name: str, outer: FlyteContext | None = None) -> None:
        self._name = name
        self._cases: list[Case] = []
        self._done = False
        # ``outer``: the context whose workflow receives the node (an imperative workflow's own)
        ctx = outer or FlyteContextManager.current_context()
        self._outer = ctx
        self._compiling = ctx.compilation_state is not None
        self._selected: Case | None = None
        # A conditional inside an arm that is not taken (local run) is skipped whole: no condition
        # is evaluated, nothing runs, and its `fail` does not fire.
        self._skipped = (
            not self._compiling
            and ctx.execution_state is not None
            and ctx.execution_state.branch_eval_mode == ExecutionState.BranchEvalMode.BRANCH_SKIPPED
        )
        if self._compiling:
            assert ctx.compilation_state is not None
            builder = ctx.with_compilation_state(CompilationState(prefix=ctx.compilation_state.prefix))
        else:
            mode = ctx.execution_state.mode if ctx.execution_state else None
            if mode not in (
                ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION,
                ExecutionState.Mode.LOCAL_DYNAMIC_TASK_EXECUTION,
            ):
                raise FlyteAssertion(f"conditional('{name}') can only be used inside a workflow body.")
            builder = ctx.new_builder()
        builder.in_a_condition = True
        FlyteContextManager.push_context(builder.build())

    @property
    def name(self) -> str:
        return self._name

    @property
    def cases(self) -> list[Case]:
        return self._cases

    def _start_case(self, expr: Expression | bool | None) -> Case:
        if self._done:
            raise FlyteAssertion(f"conditional('{self._name}') already ended with else_().")
        if expr is not None and not isinstance(expr, Expression):
            raise FlyteAssertion(
                f"conditional('{self._name}'): a condition must compare a promise (e.g. `x > 5`, `p.is_true()`), "
                f"got {expr!r}."
            )
        case = Case(self, expr)
        self._cases.append(case)
        if not self._compiling:
            taken = (
                not self._skipped and self._selected is None and (expr is None or expr.evaluate(self._outer))
            )
            if taken:
                self._selected = case
            self._set_local_mode(
                ExecutionState.BranchEvalMode.BRANCH_ACTIVE
                if taken
                else ExecutionState.BranchEvalMode.BRANCH_SKIPPED
            )
        return case

    def _set_local_mode(self, mode: ExecutionState.BranchEvalMode) -> None:
        FlyteContextManager.pop_context()
        es = self._outer.execution_state
        assert es is not None
        builder = self._outer.with_execution_state(es.with_params(branch_eval_mode=mode))
        builder.in_a_condition = True
        FlyteContextManager.push_context(builder.build())

    def if_(self, expr: Expression | bool) -> Case:
        if self._cases:
            raise FlyteAssertion(f"conditional('{self._name}') has its if_ already; use elif_.")
        return self._start_case(expr)

    def elif_(self, expr: Expression | bool) -> Case:
        if not self._cases:
            raise FlyteAssertion(f"conditional('{self._name}') must start with if_.")
        return self._start_case(expr)

    def else_(self) -> Case:
        if not self._cases:
            raise FlyteAssertion(f"conditional('{self._name}') must start with if_.")
        return self._start_case(None)

    def case_done(self, case: Case) -> Any:
        if case.expr is not None:
            return self
        self._done = True
        FlyteContextManager.pop_context()
        if self._compiling:
            return self._compile()
        return self._local_result()

    def _local_result(self) -> Any:
        if self._skipped:
            return VoidPromise(self._name)
        selected = self._selected
        assert selected is not None  # the else arm is taken when nothing else was
        if selected.err is not None:
            raise ValueError(selected.err)
        return selected.output

    def _compile(self) -> Any:
        state = self._outer.compilation_state
        assert state is not None
        branch = BranchNode(self._name, self._cases)
        promises: list[Promise] = []
        seen: set[str] = set()
        for case in self._cases:
            if case.expr is not None:
                for p in case.expr.promises():
                    if _operand_var(p) not in seen:
                        seen.add(_operand_var(p))
                        promises.append(p)
        bindings = sorted(
            (
                literals_pb2.Binding(
                    var=_operand_var(p),
                    binding=literals_pb2.BindingData(promise=p.binding_reference()),
                )
                for p in promises
            ),
            key=lambda b: b.var,
        )
        upstream: list[Node] = []
        for p in promises:
            if p.ref.node is not None and p.ref.node not in upstream:
                upstream.append(p.ref.node)
        node = Node(
            id=f"{state.prefix}n{len(state.nodes)}",
            metadata=workflow_pb2.NodeMetadata(name=self._name, retries=literals_pb2.RetryStrategy()),
            bindings=bindings,
            upstream_nodes=upstream,
            flyte_entity=branch,
        )
        state.add_node(node)
        first = self._cases[0].output
        if isinstance(first, Promise):
            return Promise(first.var, NodeOutput(node, first.var))
        if isinstance(first, _MultipleOutputs):
            return type(first)(*(Promise(p.var, NodeOutput(node, p.var)) for p in first))
        return VoidPromise(self._name, NodeOutput(node, ""))


class BranchNode:
    """What a conditional's node runs: its cases, each with the node traced for its ``then`` call."""

    def __init__(self, name: str, cases: list[Case]) -> None:
        self.name = name
        self.cases = cases

    def then_nodes(self) -> list[Node | None]:
        nodes = []
        for case in self.cases:
            node = _node_of(case.output) if case.err is None else None
            if case.err is None and node is None:
                raise FlyteAssertion(
                    f"conditional('{self.name}'): `then` takes a task, workflow or launch-plan call, got {case.output!r}."
                )
            nodes.append(node)
        return nodes


def conditional(name: str) -> ConditionalSection:
    """Start an if/elif/else section named ``name``; see the module docstring."""
    return ConditionalSection(name)
