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


class IntTransformer(TypeTransformer[int]):
    def __init__(self) -> None:
        super().__init__("int", int)

    def assert_type(self, t: Any, v: Any) -> None:
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeTransformerFailedError(f"Expected value of type {int} but got '{v}' of type {type(v)}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.INTEGER)

    def to_literal(
        self, ctx: FlyteContext, python_val: int, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(int, python_val)
        return _primitive_literal(integer=python_val)

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> int:
        if primitive_kind(lv) != "integer":
            raise TypeTransformerFailedError(f"Cannot read an int from a literal holding {_describe(lv)}")
        return int(lv.scalar.primitive.integer)

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "simple" and literal_type.simple == types_pb2.INTEGER:
            return int
        raise ValueError("not an integer type")


class FloatTransformer(TypeTransformer[float]):
    def __init__(self) -> None:
        super().__init__("float", float)

    def assert_type(self, t: Any, v: Any) -> None:
        if not isinstance(v, float):
            raise TypeTransformerFailedError(
                f"Expected value of type {float} but got '{v}' of type {type(v)}"
            )

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.FLOAT)

    def to_literal(
        self, ctx: FlyteContext, python_val: float, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(float, python_val)
        return _primitive_literal(float_value=float(python_val))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> float:
        kind = primitive_kind(lv)
        if kind == "float_value":
            return float(lv.scalar.primitive.float_value)
        if kind == "integer":
            return float(lv.scalar.primitive.integer)
        raise TypeTransformerFailedError(f"Cannot read a float from a literal holding {_describe(lv)}")

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "simple" and literal_type.simple == types_pb2.FLOAT:
            return float
        raise ValueError("not a float type")


class StrTransformer(TypeTransformer[str]):
    def __init__(self) -> None:
        super().__init__("str", str)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.STRING)

    def to_literal(
        self, ctx: FlyteContext, python_val: str, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(str, python_val)
        return _primitive_literal(string_value=python_val)

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> str:
        if primitive_kind(lv) != "string_value":
            raise TypeTransformerFailedError(f"Cannot read a str from a literal holding {_describe(lv)}")
        return str(lv.scalar.primitive.string_value)

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "simple" and literal_type.simple == types_pb2.STRING:
            return str
        raise ValueError("not a string type")


class BoolTransformer(TypeTransformer[bool]):
    def __init__(self) -> None:
        super().__init__("bool", bool)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.BOOLEAN)

    def to_literal(
        self, ctx: FlyteContext, python_val: bool, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(bool, python_val)
        return _primitive_literal(boolean=python_val)

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> bool:
        if primitive_kind(lv) != "boolean":
            raise TypeTransformerFailedError(f"Cannot read a bool from a literal holding {_describe(lv)}")
        return bool(lv.scalar.primitive.boolean)

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "simple" and literal_type.simple == types_pb2.BOOLEAN:
            return bool
        raise ValueError("not a boolean type")


class NoneTransformer(TypeTransformer[None]):
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
