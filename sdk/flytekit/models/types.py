"""``SimpleType`` and ``LiteralType`` (``flyteidl.core.types``), as ``flytekit.models.types`` has them.

Nested types without a wrapper here (schema, union, structured dataset, structure, annotation) are
held as their messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity, idl_of
from flytekit.models.core.types import BlobType, EnumType

if TYPE_CHECKING:
    from flyteidl.core import types_pb2
else:
    types_pb2 = lazy_module("flyteidl.core.types_pb2")


class SimpleType:
    NONE = 0
    INTEGER = 1
    FLOAT = 2
    STRING = 3
    BOOLEAN = 4
    DATETIME = 5
    DURATION = 6
    BINARY = 7
    ERROR = 8
    STRUCT = 9


class LiteralType(FlyteIdlEntity):
    """A Flyte type: exactly one of the kinds, plus optional ``metadata`` (a dict) and annotation."""

    def __init__(
        self,
        simple: int | None = None,
        schema: Any = None,
        collection_type: LiteralType | None = None,
        map_value_type: LiteralType | None = None,
        blob: BlobType | None = None,
        enum_type: EnumType | None = None,
        union_type: Any = None,
        structured_dataset_type: Any = None,
        metadata: dict[str, Any] | None = None,
        structure: Any = None,
        annotation: Any = None,
    ) -> None:
        self._simple = simple
        self._schema = schema
        self._collection_type = collection_type
        self._map_value_type = map_value_type
        self._blob = blob
        self._enum_type = enum_type
        self._union_type = union_type
        self._structured_dataset_type = structured_dataset_type
        self._metadata = metadata
        self._structure = structure
        self._annotation = annotation

    simple = property(lambda self: self._simple)
    schema = property(lambda self: self._schema)
    collection_type = property(lambda self: self._collection_type)
    map_value_type = property(lambda self: self._map_value_type)
    blob = property(lambda self: self._blob)
    enum_type = property(lambda self: self._enum_type)
    union_type = property(lambda self: self._union_type)
    structured_dataset_type = property(lambda self: self._structured_dataset_type)
    metadata = property(lambda self: self._metadata)
    structure = property(lambda self: self._structure)
    annotation = property(lambda self: self._annotation)

    def to_flyte_idl(self) -> types_pb2.LiteralType:
        from google.protobuf import json_format, struct_pb2

        msg = types_pb2.LiteralType()
        if self._simple is not None:
            msg.simple = self._simple  # type: ignore[assignment]
        for field in (
            "schema",
            "collection_type",
            "map_value_type",
            "blob",
            "enum_type",
            "union_type",
            "structured_dataset_type",
            "structure",
            "annotation",
        ):
            value = getattr(self, f"_{field}")
            if value is not None:
                getattr(msg, field).CopyFrom(idl_of(value))
        if self._metadata:
            msg.metadata.CopyFrom(json_format.ParseDict(self._metadata, struct_pb2.Struct()))
        return msg

    @classmethod
    def from_flyte_idl(cls, proto: types_pb2.LiteralType) -> LiteralType:
        from google.protobuf import json_format

        kind = proto.WhichOneof("type")
        kwargs: dict[str, Any] = {}
        if kind == "simple":
            kwargs["simple"] = proto.simple
        elif kind == "collection_type":
            kwargs["collection_type"] = cls.from_flyte_idl(proto.collection_type)
        elif kind == "map_value_type":
            kwargs["map_value_type"] = cls.from_flyte_idl(proto.map_value_type)
        elif kind == "blob":
            kwargs["blob"] = BlobType.from_flyte_idl(proto.blob)
        elif kind == "enum_type":
            kwargs["enum_type"] = EnumType.from_flyte_idl(proto.enum_type)
        elif kind is not None:
            kwargs[kind] = getattr(proto, kind)
        if proto.HasField("metadata"):
            kwargs["metadata"] = json_format.MessageToDict(proto.metadata)
        if proto.HasField("structure"):
            kwargs["structure"] = proto.structure
        if proto.HasField("annotation"):
            kwargs["annotation"] = proto.annotation
        return cls(**kwargs)
