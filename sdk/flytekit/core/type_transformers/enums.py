"""``enum.Enum`` subclasses with str values as ``enum_type`` literal types and string primitives.

The literal type lists the members' values in definition order; a value is written as its
``.value`` and read back by value. Non-str values are refused (Flyte enums are strings).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import TransformerRegistry, TypeTransformer, TypeTransformerFailedError
from flytekit.core.type_transformers.primitives import primitive_kind

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext


class EnumTransformer(TypeTransformer[enum.Enum]):
    def __init__(self) -> None:
        super().__init__("DefaultEnumTransformer", enum.Enum)

    def assert_type(self, t: Any, v: Any) -> None:
        if not isinstance(v, enum.Enum) or not isinstance(v, t):
            raise TypeTransformerFailedError(f"Value {v} needs to be an Enum in {t}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        values = [member.value for member in t]
        if not all(isinstance(v, str) for v in values):
            raise TypeTransformerFailedError(
                f"Enum {t} has non-str values {values}; only str-valued enums are supported"
            )
        return types_pb2.LiteralType(enum_type=types_pb2.EnumType(values=values))

    def to_literal(
        self, ctx: FlyteContext, python_val: enum.Enum, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        if not isinstance(python_val, enum.Enum):
            raise TypeTransformerFailedError(f"Expected an enum of {python_type}, got '{python_val}'")
        if not isinstance(python_val.value, str):
            raise TypeTransformerFailedError(
                f"Enum value {python_val!r} is no str; only str-valued enums are supported"
            )
        primitive = literals_pb2.Primitive(string_value=python_val.value)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=primitive))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> enum.Enum:
        if primitive_kind(lv) != "string_value":
            raise TypeTransformerFailedError(
                f"Cannot read enum {expected_python_type} from a literal holding no string"
            )
        try:
            member: enum.Enum = expected_python_type(lv.scalar.primitive.string_value)
        except ValueError as exc:
            raise TypeTransformerFailedError(str(exc)) from exc
        return member

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "enum_type":
            values = list(literal_type.enum_type.values)
            return enum.Enum("DynamicEnum", {v: v for v in values})
        raise ValueError("not an enum type")


def register(registry: TransformerRegistry) -> None:
    registry.register(EnumTransformer())
