"""Evaluating a branch node's conditions against its resolved inputs (flyte-propeller.md §2.7).

A condition is a ``core.BooleanExpression``: comparisons whose operands are either a variable of
the branch node's inputs (``.x`` for a workflow input, ``n0.o0`` for a node output) or a constant
primitive (or the ``none`` scalar), combined with AND / OR. Only primitives and None compare;
anything else is a malformed condition, reported as :class:`MalformedCondition`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from flyteidl.core import condition_pb2, literals_pb2

_Comparison = condition_pb2.ComparisonExpression
_OPERATORS: dict[int, Callable[[Any, Any], bool]] = {
    _Comparison.EQ: operator.eq,
    _Comparison.NEQ: operator.ne,
    _Comparison.GT: operator.gt,
    _Comparison.GTE: operator.ge,
    _Comparison.LT: operator.lt,
    _Comparison.LTE: operator.le,
}


class MalformedCondition(ValueError):
    """A condition that cannot be evaluated: unknown variable, non-primitive or mismatched operands."""


def evaluate(expression: condition_pb2.BooleanExpression, inputs: literals_pb2.LiteralMap) -> bool:
    """Whether ``expression`` holds for the branch node's ``inputs``."""
    kind = expression.WhichOneof("expr")
    if kind == "conjunction":
        conjunction = expression.conjunction
        left = evaluate(conjunction.left_expression, inputs)
        if conjunction.operator == condition_pb2.ConjunctionExpression.AND:
            return left and evaluate(conjunction.right_expression, inputs)
        return left or evaluate(conjunction.right_expression, inputs)
    if kind == "comparison":
        return _compare(expression.comparison, inputs)
    raise MalformedCondition("the condition is empty: it has neither a comparison nor a conjunction")


_NONE = object()


def _compare(comparison: condition_pb2.ComparisonExpression, inputs: literals_pb2.LiteralMap) -> bool:
    left = _value(comparison.left_value, inputs)
    right = _value(comparison.right_value, inputs)
    op = _OPERATORS.get(comparison.operator)
    if op is None:
        raise MalformedCondition(f"unknown comparison operator {comparison.operator}")
    if left is _NONE or right is _NONE:
        if comparison.operator == _Comparison.EQ:
            return left is right
        if comparison.operator == _Comparison.NEQ:
            return left is not right
        raise MalformedCondition("None can only be compared with == or !=")
    numeric = (int, float)
    same_kind = type(left) is type(right) or (
        isinstance(left, numeric)
        and isinstance(right, numeric)
        and not isinstance(left, bool)
        and not isinstance(right, bool)
    )
    if not same_kind:
        raise MalformedCondition(
            f"cannot compare {type(left).__name__} with {type(right).__name__}; "
            "both sides of a comparison must have the same primitive type"
        )
    return bool(op(left, right))


def _value(operand: condition_pb2.Operand, inputs: literals_pb2.LiteralMap) -> Any:
    kind = operand.WhichOneof("val")
    if kind == "var":
        literal = inputs.literals.get(operand.var)
        if literal is None:
            raise MalformedCondition(f"variable {operand.var!r} is not among the branch node's inputs")
        return (
            _scalar_value(literal.scalar, operand.var) if literal.HasField("scalar") else _fail(operand.var)
        )
    if kind == "primitive":
        return _primitive_value(operand.primitive, "constant")
    if kind == "scalar":
        return _scalar_value(operand.scalar, "constant")
    raise MalformedCondition("an operand has neither a variable nor a value")


def _fail(name: str) -> Any:
    raise MalformedCondition(f"{name!r} is not a primitive value; conditions compare primitives only")


def _scalar_value(scalar: literals_pb2.Scalar, name: str) -> Any:
    kind = scalar.WhichOneof("value")
    if kind == "none_type":
        return _NONE
    if kind == "primitive":
        return _primitive_value(scalar.primitive, name)
    return _fail(name)


def _primitive_value(primitive: literals_pb2.Primitive, name: str) -> Any:
    kind = primitive.WhichOneof("value")
    if kind is None:
        return _fail(name)
    if kind == "datetime":
        return primitive.datetime.ToDatetime()
    if kind == "duration":
        return primitive.duration.ToTimedelta()
    return getattr(primitive, kind)
