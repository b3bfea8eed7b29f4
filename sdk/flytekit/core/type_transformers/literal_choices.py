"""``typing.Literal["a", "b"]`` as its base type (``simple: STRING`` here) annotated with ``literal_values``.

All choices must share one Python type (str, int, float, bool, datetime or timedelta); values are
written and read by the base type's transformer, so a literal-typed input is a plain string literal.
"""

from __future__ import annotations

import datetime
import typing
from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
)

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

_SIMPLE_OF: dict[type, types_pb2.SimpleType] = {
    str: types_pb2.STRING,
    int: types_pb2.INTEGER,
    float: types_pb2.FLOAT,
    bool: types_pb2.BOOLEAN,
    datetime.datetime: types_pb2.DATETIME,
    datetime.timedelta: types_pb2.DURATION,
}


def base_type(t: Any) -> type:
    """The one Python type of every choice of ``Literal[...]``."""
    choices = typing.get_args(t)
    if not choices:
        raise TypeTransformerFailedError("Literal must have at least one value")
    first = type(choices[0])
    if not all(type(c) is first for c in choices):
        raise TypeTransformerFailedError("All values must be of the same type")
    return first


class LiteralTypeTransformer(TypeTransformer[object]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("LiteralTypeTransformer", object)

    def assert_type(self, t: Any, v: Any) -> None:
        base = base_type(t)
        TypeEngine.get_transformer(base).assert_type(base, v)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        base = base_type(t)
        simple = _SIMPLE_OF.get(base)
        if simple is None:
            raise TypeTransformerFailedError(f"Unsupported type: {base}")
        literal_type = types_pb2.LiteralType(simple=simple)
        literal_type.annotation.annotations.update({"literal_values": list(typing.get_args(t))})
        return literal_type

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        base = base_type(python_type)
        return TypeEngine.get_transformer(base).to_literal(ctx, python_val, base, expected)

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        base = base_type(expected_python_type)
        return TypeEngine.get_transformer(base).to_python_value(ctx, lv, base)

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.HasField("annotation") and "literal_values" in literal_type.annotation.annotations:
            values: Any = literal_type.annotation.annotations["literal_values"]
            return typing.Literal[tuple(values)]
        raise ValueError(f"LiteralType transformer cannot reverse {literal_type}")


def register(registry: TransformerRegistry) -> None:
    registry.register_literal(LiteralTypeTransformer())
