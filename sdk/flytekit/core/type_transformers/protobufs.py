"""Protobuf ``Message`` subclasses as ``simple: STRUCT`` with ``metadata.pb_type`` = ``module.ClassName``.

Values are written as the message's JSON form in a ``generic`` Struct (``struct_pb2.ListValue``
becomes a collection of its items) and parsed back into the expected message class.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from google.protobuf import json_format, struct_pb2
from google.protobuf.message import Message

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
)

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

PB_FIELD_KEY = "pb_type"


def pb_tag(t: Any) -> str:
    return f"{t.__module__}.{t.__name__}"


class ProtobufTransformer(TypeTransformer[Message]):
    strips_annotations = True
    PB_FIELD_KEY = PB_FIELD_KEY

    def __init__(self) -> None:
        super().__init__("Protobuf-Transformer", Message)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        literal_type = types_pb2.LiteralType(simple=types_pb2.STRUCT)
        literal_type.metadata.update({PB_FIELD_KEY: pb_tag(t)})
        return literal_type

    def to_literal(
        self, ctx: FlyteContext, python_val: Message, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        try:
            if type(python_val) is struct_pb2.ListValue:
                items = [
                    TypeEngine.to_literal(ctx, v, type(v), TypeEngine.to_literal_type(type(v)))
                    for v in python_val
                ]
                return literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=items))
            generic = struct_pb2.Struct()
            generic.update(json_format.MessageToDict(python_val))
            return literals_pb2.Literal(scalar=literals_pb2.Scalar(generic=generic))
        except Exception as exc:
            raise TypeTransformerFailedError("Failed to convert to generic protobuf struct") from exc

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> Message:
        if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "generic":
            raise TypeTransformerFailedError("Can only convert a generic literal to a Protobuf")
        message: Message = json_format.ParseDict(
            json_format.MessageToDict(lv.scalar.generic), expected_python_type()
        )
        return message

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if (
            literal_type.WhichOneof("type") == "simple"
            and literal_type.simple == types_pb2.STRUCT
            and literal_type.metadata.fields.get(PB_FIELD_KEY)
        ):
            module, _, name = str(literal_type.metadata[PB_FIELD_KEY]).rpartition(".")
            return getattr(importlib.import_module(module), name)
        raise ValueError(f"Transformer {self} cannot reverse {literal_type}")


def register(registry: TransformerRegistry) -> None:
    registry.register(ProtobufTransformer())
