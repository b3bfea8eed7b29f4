"""pydantic v2 models as ``simple: STRUCT`` literal types with msgpack ``Binary`` values, like dataclasses.

The literal type carries the model's own JSON schema (``model_json_schema``) as ``metadata``, the
literal type of each field as ``structure.dataclass_type`` (fields without one are left out, with a
warning) and the ``cache-key-metadata`` msgpack annotation. A value is its JSON dump
(``model_dump_json``, which also uploads nested FlyteFile/FlyteDirectory fields) packed with msgpack;
reading validates the unpacked JSON back into the model. Values written as a ``generic`` Struct (the
console, older flytekits, ``FLYTE_USE_OLD_DC_FORMAT``) are read too.

Importing this module imports pydantic, so the type engine only does it once pydantic is loaded.
"""

from __future__ import annotations

import json
import logging
import os
from typing import TYPE_CHECKING, Any

from google.protobuf import json_format, struct_pb2
from pydantic import BaseModel

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
)
from flytekit.core.type_transformers.structs import MESSAGEPACK, msgpack_annotation

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

logger = logging.getLogger(__name__)

OLD_FORMAT_ENV = "FLYTE_USE_OLD_DC_FORMAT"
# tells FlyteFile/FlyteDirectory validators they are reading a stored value (download lazily)
DESERIALIZE_CONTEXT = {"deserialize": True}


def _old_format() -> bool:
    return os.environ.get(OLD_FORMAT_ENV, "").strip().lower() in ("true", "1", "t", "yes", "y")


class PydanticTransformer(TypeTransformer[BaseModel]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("Pydantic Transformer", BaseModel, enable_type_assertions=False)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        fields: dict[str, types_pb2.LiteralType] = {}
        for name, info in t.model_fields.items():
            try:
                fields[name] = TypeEngine.to_literal_type(info.annotation)
            except Exception as exc:
                logger.warning(
                    "Field %s of type %s cannot be converted to a literal type. Error: %s",
                    name,
                    info.annotation,
                    exc,
                )
        literal_type = types_pb2.LiteralType(
            simple=types_pb2.STRUCT,
            annotation=msgpack_annotation(),
            structure=types_pb2.TypeStructure(tag="", dataclass_type=fields),
        )
        literal_type.metadata.update(t.model_json_schema())
        return literal_type

    def to_literal(
        self, ctx: FlyteContext, python_val: BaseModel, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        # flytekit does not check the value (type assertions are off): a non-model fails right here
        dumped = python_val.model_dump_json()
        if _old_format():
            return literals_pb2.Literal(
                scalar=literals_pb2.Scalar(generic=json_format.Parse(dumped, struct_pb2.Struct()))
            )
        import msgpack  # type: ignore[import-untyped]

        binary = literals_pb2.Binary(value=msgpack.dumps(json.loads(dumped)), tag=MESSAGEPACK)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(binary=binary))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> BaseModel:
        kind = lv.scalar.WhichOneof("value") if lv.WhichOneof("value") == "scalar" else None
        if kind == "binary":
            if lv.scalar.binary.tag != MESSAGEPACK:
                raise TypeTransformerFailedError(f"Unsupported binary format: `{lv.scalar.binary.tag}`")
            import msgpack

            text = json.dumps(msgpack.loads(lv.scalar.binary.value, strict_map_key=False))
        elif kind == "generic":
            text = json_format.MessageToJson(lv.scalar.generic)
        else:
            raise TypeTransformerFailedError(
                f"Cannot read {expected_python_type} from a literal that holds no msgpack binary or struct"
            )
        model: BaseModel = expected_python_type.model_validate_json(
            text, strict=False, context=DESERIALIZE_CONTEXT
        )
        return model


def register(registry: TransformerRegistry) -> None:
    registry.register(PydanticTransformer())
