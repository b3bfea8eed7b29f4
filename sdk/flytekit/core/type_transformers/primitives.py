"""int, float, str, bool and None as ``scalar.primitive`` / ``scalar.none_type`` literals.

Writing is strict, as in flytekit: a bool is not an int and an int is not a float. Reading accepts
an integer literal where a float is expected, since other producers (the console, JSON inputs)
write whole floats as integers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    NoneType,
    T,
    TransformerRegistry,
    TypeTransformer,
    TypeTransformerFailedError,
)

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext


def _primitive_literal(**kwargs: Any) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(**kwargs)))


def primitive_kind(lv: literals_pb2.Literal) -> str | None:
    """Which field of ``scalar.primitive`` the literal holds, or None when it is no primitive."""
    if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "primitive":
        return None
    kind = lv.scalar.primitive.WhichOneof("value")
    return str(kind) if kind is not None else None


def _describe(lv: literals_pb2.Literal) -> str:
    kind = lv.WhichOneof("value")
    if kind == "scalar":
        inner = lv.scalar.WhichOneof("value")
        if inner == "primitive":
            return f"primitive {lv.scalar.primitive.WhichOneof('value')}"
        return f"scalar {inner}"
    return str(kind)


class _PrimitiveTransformer(TypeTransformer[T]):
    """A Python type held in one field of ``scalar.primitive``, typed as one ``simple`` literal type."""

    strips_annotations = True

    def __init__(
        self, t: type[T], simple: types_pb2.SimpleType, field: str, a_value: str, a_type: str
    ) -> None:
        super().__init__(t.__name__, t)
        self._simple = simple
        self._field = field
        self._a_value = a_value  # "an int": what a message says cannot be read
        self._a_type = a_type  # "an integer": what a literal type is not

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=self._simple)

    def to_literal(
        self, ctx: FlyteContext, python_val: T, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(self._t, python_val)
        return _primitive_literal(**{self._field: python_val})

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> T:
        if primitive_kind(lv) != self._field:
            raise TypeTransformerFailedError(
                f"Cannot read {self._a_value} from a literal holding {_describe(lv)}"
            )
        value: T = getattr(lv.scalar.primitive, self._field)  # already an int, float, str or bool
        return value

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "simple" and literal_type.simple == self._simple:
            return self._t
        raise ValueError(f"not {self._a_type} type")


class IntTransformer(_PrimitiveTransformer[int]):
    def __init__(self) -> None:
        super().__init__(int, types_pb2.INTEGER, "integer", "an int", "an integer")

    def assert_type(self, t: Any, v: Any) -> None:
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeTransformerFailedError(f"Expected value of type {int} but got '{v}' of type {type(v)}")


class FloatTransformer(_PrimitiveTransformer[float]):
    def __init__(self) -> None:
        super().__init__(float, types_pb2.FLOAT, "float_value", "a float", "a float")

    def assert_type(self, t: Any, v: Any) -> None:
        if not isinstance(v, float):
            raise TypeTransformerFailedError(
                f"Expected value of type {float} but got '{v}' of type {type(v)}"
            )

    def to_literal(
        self, ctx: FlyteContext, python_val: float, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(float, python_val)
        return _primitive_literal(float_value=float(python_val))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> float:
        if primitive_kind(lv) == "integer":
            return float(lv.scalar.primitive.integer)
        return super().to_python_value(ctx, lv, expected_python_type)


class StrTransformer(_PrimitiveTransformer[str]):
    def __init__(self) -> None:
        super().__init__(str, types_pb2.STRING, "string_value", "a str", "a string")


class BoolTransformer(_PrimitiveTransformer[bool]):
    def __init__(self) -> None:
        super().__init__(bool, types_pb2.BOOLEAN, "boolean", "a bool", "a boolean")


class NoneTransformer(TypeTransformer[None]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("none", NoneType)

    def assert_type(self, t: Any, v: Any) -> None:
        if v is not None:
            raise TypeTransformerFailedError(f"Expected None but got '{v}' of type {type(v)}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.NONE)

    def to_literal(
        self, ctx: FlyteContext, python_val: None, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(NoneType, python_val)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> None:
        if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "none_type":
            raise TypeTransformerFailedError(f"Cannot read None from a literal holding {_describe(lv)}")
        return None

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "simple" and literal_type.simple == types_pb2.NONE:
            return NoneType
        raise ValueError("not a none type")


def register(registry: TransformerRegistry) -> None:
    registry.register(IntTransformer())
    registry.register(FloatTransformer())
    registry.register(StrTransformer())
    registry.register(BoolTransformer())
    registry.register(NoneTransformer(), additional_types=[None])
