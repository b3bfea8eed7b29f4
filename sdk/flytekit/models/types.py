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


def _literal_type_message(literal_type: Any) -> types_pb2.LiteralType:
    """A ``LiteralType`` message from a message or anything with ``to_flyte_idl``."""
    message = literal_type.to_flyte_idl() if hasattr(literal_type, "to_flyte_idl") else literal_type
    if not isinstance(message, types_pb2.LiteralType):
        raise TypeError(f"A dataset column needs a LiteralType, got {literal_type!r}")
    return message


class StructuredDatasetType(FlyteIdlEntity):
    """Columns (each a name and a literal type), storage ``format`` and optional external schema."""

    class DatasetColumn(FlyteIdlEntity):
        """One named column of a dataset and its literal type."""

        def __init__(self, name: str, literal_type: Any) -> None:
            self._name = name
            self._literal_type = _literal_type_message(literal_type)

        @property
        def name(self) -> str:
            return self._name

        @property
        def literal_type(self) -> types_pb2.LiteralType:
            return self._literal_type

        def to_flyte_idl(self) -> types_pb2.StructuredDatasetType.DatasetColumn:
            return types_pb2.StructuredDatasetType.DatasetColumn(
                name=self._name, literal_type=self._literal_type
            )

        @classmethod
        def from_flyte_idl(
            cls, proto: types_pb2.StructuredDatasetType.DatasetColumn
        ) -> StructuredDatasetType.DatasetColumn:
            return cls(proto.name, proto.literal_type)

    def __init__(
        self,
        columns: list[Any] | None = None,
        format: str = "",
        external_schema_type: str | None = None,
        external_schema_bytes: bytes | None = None,
    ) -> None:
        self._columns = [self._column(c) for c in columns or []]
        self.format = format or ""
        self._external_schema_type = external_schema_type
        self._external_schema_bytes = external_schema_bytes

    @classmethod
    def _column(cls, column: Any) -> StructuredDatasetType.DatasetColumn:
        if isinstance(column, StructuredDatasetType.DatasetColumn):
            return column
        if isinstance(column, types_pb2.StructuredDatasetType.DatasetColumn):
            return cls.DatasetColumn.from_flyte_idl(column)
        return cls.DatasetColumn(column.name, column.literal_type)

    @property
    def columns(self) -> list[StructuredDatasetType.DatasetColumn]:
        return self._columns

    @property
    def external_schema_type(self) -> str | None:
        return self._external_schema_type

    @property
    def external_schema_bytes(self) -> bytes | None:
        return self._external_schema_bytes

    def to_flyte_idl(self) -> types_pb2.StructuredDatasetType:
        return types_pb2.StructuredDatasetType(
            columns=[c.to_flyte_idl() for c in self._columns],
            format=self.format,
            external_schema_type=self._external_schema_type or "",
            external_schema_bytes=self._external_schema_bytes or b"",
        )

    @classmethod
    def from_flyte_idl(cls, proto: types_pb2.StructuredDatasetType) -> StructuredDatasetType:
        return cls(
            columns=[cls.DatasetColumn.from_flyte_idl(c) for c in proto.columns],
            format=proto.format,
            external_schema_type=proto.external_schema_type or None,
            external_schema_bytes=proto.external_schema_bytes or None,
        )


def dataset_type_message(value: Any) -> types_pb2.StructuredDatasetType:
    """A ``StructuredDatasetType`` message from the message itself or this module's class."""
    if isinstance(value, StructuredDatasetType):
        return value.to_flyte_idl()
    if isinstance(value, types_pb2.StructuredDatasetType):
        return value
    raise TypeError(f"Expected a StructuredDatasetType, got {value!r}")
