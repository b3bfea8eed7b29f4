"""``enum.Enum`` subclasses with str values as ``enum_type`` literal types and string primitives.

The literal type lists the members' values in definition order; a value (a member, or a str that
is one's value) is written as the value and read back as the member. Non-str values are refused
(Flyte enums are strings).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    TransformerRegistry,
    TypeTransformer,
    TypeTransformerFailedError,
    get_underlying_type,
    is_annotated,
)
from flytekit.core.type_transformers.primitives import primitive_kind

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext


class EnumTransformer(TypeTransformer[enum.Enum]):
    def __init__(self) -> None:
        super().__init__("DefaultEnumTransformer", enum.Enum)

    def assert_type(self, t: Any, v: Any) -> None:
        value = v.value if isinstance(v, enum.Enum) else v
        if value not in [member.value for member in get_underlying_type(t)]:
            raise TypeTransformerFailedError(f"Value {v} is not in Enum {t}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        if is_annotated(t):
            raise ValueError(
                f"Flytekit does not currently have support for FlyteAnnotations applied to enums. {t} cannot be parsed."
            )
        values = [member.value for member in t]
        if not isinstance(values[0], str):
            raise TypeTransformerFailedError("Only EnumTypes with value of string are supported")
        return types_pb2.LiteralType(enum_type=types_pb2.EnumType(values=values))

    def to_literal(
        self,
        ctx: FlyteContext,
        python_val: enum.Enum | str,
        python_type: Any,
        expected: types_pb2.LiteralType,
    ) -> literals_pb2.Literal:
        # an enum member, or a str that is the value of one
        value = python_val.value if isinstance(python_val, enum.Enum) else python_val
        if not isinstance(value, str):
            raise TypeTransformerFailedError(f"Expected an enum or matching string, got {type(python_val)}")
        if value not in [member.value for member in get_underlying_type(python_type)]:
            raise TypeTransformerFailedError(f"Value {python_val} is not in Enum {python_type}")
        primitive = literals_pb2.Primitive(string_value=value)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=primitive))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> enum.Enum:
        if primitive_kind(lv) != "string_value":
            raise TypeTransformerFailedError(
                f"Cannot read enum {expected_python_type} from a literal holding no string"
            )
        try:
            member: enum.Enum = get_underlying_type(expected_python_type)(lv.scalar.primitive.string_value)
        except ValueError as exc:
            raise TypeTransformerFailedError(str(exc)) from exc
        return member

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "enum_type":
            values = list(literal_type.enum_type.values)
            return enum.Enum("DynamicEnum", {v: v for v in values})
        raise ValueError("not an enum type")


def register(registry: TransformerRegistry) -> None:
    registry.register_enum(EnumTransformer())
