"""Literal values (``flyteidl.core.literals``), as ``flytekit.models.literals`` wraps them.

``Literal`` holds a ``Scalar``, a ``LiteralCollection`` or a ``LiteralMap``; a ``Scalar`` holds a
``Primitive``, a ``Blob`` (uri + ``BlobMetadata(type=BlobType)``), a ``Binary``, a ``Void`` or one
of the messages without a wrapper here (schema, union, error, generic struct, structured dataset).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity, idl_of
from flytekit.models.core.types import BlobType
from flytekit.models.types import StructuredDatasetType, dataset_type_message

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")


class Primitive(FlyteIdlEntity):
    """One of: integer, float_value, string_value, boolean, datetime (UTC), duration."""

    def __init__(
        self,
        integer: int | None = None,
        float_value: float | None = None,
        string_value: str | None = None,
        boolean: bool | None = None,
        datetime: datetime.datetime | None = None,
        duration: datetime.timedelta | None = None,
    ) -> None:
        self._integer = integer
        self._float_value = float_value
        self._string_value = string_value
        self._boolean = boolean
        self._datetime = datetime
        self._duration = duration

    integer = property(lambda self: self._integer)
    float_value = property(lambda self: self._float_value)
    string_value = property(lambda self: self._string_value)
    boolean = property(lambda self: self._boolean)
    datetime = property(lambda self: self._datetime)
    duration = property(lambda self: self._duration)

    @property
    def value(self) -> Any:
        for v in (
            self._integer,
            self._float_value,
            self._string_value,
            self._boolean,
            self._datetime,
            self._duration,
        ):
            if v is not None:
                return v
        return None

    def to_flyte_idl(self) -> literals_pb2.Primitive:
        msg = literals_pb2.Primitive()
        if self._integer is not None:
            msg.integer = self._integer
        elif self._float_value is not None:
            msg.float_value = self._float_value
        elif self._string_value is not None:
            msg.string_value = self._string_value
        elif self._boolean is not None:
            msg.boolean = self._boolean
        elif self._datetime is not None:
            dt = self._datetime
            if dt.tzinfo is not None:
                dt = dt.astimezone(datetime_utc()).replace(tzinfo=None)
            msg.datetime.FromDatetime(dt)
        elif self._duration is not None:
            msg.duration.FromTimedelta(self._duration)
        return msg

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.Primitive) -> Primitive:
        kind = proto.WhichOneof("value")
        if kind == "datetime":
            return cls(datetime=proto.datetime.ToDatetime().replace(tzinfo=datetime_utc()))
        if kind == "duration":
            return cls(duration=proto.duration.ToTimedelta())
        return cls(**{kind: getattr(proto, kind)}) if kind else cls()


def datetime_utc() -> datetime.timezone:
    return datetime.UTC


class Void(FlyteIdlEntity):
    def to_flyte_idl(self) -> literals_pb2.Void:
        return literals_pb2.Void()

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.Void) -> Void:
        return cls()


class BlobMetadata(FlyteIdlEntity):
    def __init__(self, type: BlobType) -> None:
        self._type = type

    @property
    def type(self) -> BlobType:
        return self._type

    def to_flyte_idl(self) -> literals_pb2.BlobMetadata:
        return literals_pb2.BlobMetadata(type=self._type.to_flyte_idl())

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.BlobMetadata) -> BlobMetadata:
        return cls(type=BlobType.from_flyte_idl(proto.type))


class Blob(FlyteIdlEntity):
    """A file or folder in the object store: its metadata (type) and uri."""

    def __init__(self, metadata: BlobMetadata, uri: str) -> None:
        self._metadata = metadata
        self._uri = uri

    @property
    def metadata(self) -> BlobMetadata:
        return self._metadata

    @property
    def uri(self) -> str:
        return self._uri

    def to_flyte_idl(self) -> literals_pb2.Blob:
        return literals_pb2.Blob(metadata=self._metadata.to_flyte_idl(), uri=self._uri)

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.Blob) -> Blob:
        return cls(metadata=BlobMetadata.from_flyte_idl(proto.metadata), uri=proto.uri)


class Binary(FlyteIdlEntity):
    """Bytes with a ``tag`` naming their encoding (e.g. ``msgpack``)."""

    def __init__(self, value: bytes, tag: str) -> None:
        self._value = value
        self._tag = tag

    value = property(lambda self: self._value)
    tag = property(lambda self: self._tag)

    def to_flyte_idl(self) -> literals_pb2.Binary:
        return literals_pb2.Binary(value=self._value, tag=self._tag)

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.Binary) -> Binary:
        return cls(value=proto.value, tag=proto.tag)


_SCALAR_KINDS = (
    "primitive",
    "blob",
    "binary",
    "schema",
    "union",
    "none_type",
    "error",
    "generic",
    "structured_dataset",
)


class Scalar(FlyteIdlEntity):
    """Exactly one scalar kind."""

    def __init__(
        self,
        primitive: Primitive | None = None,
        blob: Blob | None = None,
        binary: Binary | None = None,
        schema: Any = None,
        union: Any = None,
        none_type: Void | None = None,
        error: Any = None,
        generic: Any = None,
        structured_dataset: Any = None,
    ) -> None:
        self._values = {
            "primitive": primitive,
            "blob": blob,
            "binary": binary,
            "schema": schema,
            "union": union,
            "none_type": none_type,
            "error": error,
            "generic": generic,
            "structured_dataset": structured_dataset,
        }

    primitive = property(lambda self: self._values["primitive"])
    blob = property(lambda self: self._values["blob"])
    binary = property(lambda self: self._values["binary"])
    schema = property(lambda self: self._values["schema"])
    union = property(lambda self: self._values["union"])
    none_type = property(lambda self: self._values["none_type"])
    error = property(lambda self: self._values["error"])
    generic = property(lambda self: self._values["generic"])
    structured_dataset = property(lambda self: self._values["structured_dataset"])

    @property
    def value(self) -> Any:
        return next((v for v in self._values.values() if v is not None), None)

    def to_flyte_idl(self) -> literals_pb2.Scalar:
        msg = literals_pb2.Scalar()
        for kind, value in self._values.items():
            if value is not None:
                getattr(msg, kind).CopyFrom(idl_of(value))
                break
        return msg

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.Scalar) -> Scalar:
        kind = proto.WhichOneof("value")
        wrappers: dict[str, Any] = {"primitive": Primitive, "blob": Blob, "binary": Binary, "none_type": Void}
        if kind is None:
            return cls()
        value = getattr(proto, kind)
        return cls(**{kind: wrappers[kind].from_flyte_idl(value) if kind in wrappers else value})


class LiteralCollection(FlyteIdlEntity):
    def __init__(self, literals: list[Literal]) -> None:
        self._literals = list(literals)

    literals = property(lambda self: list(self._literals))

    def to_flyte_idl(self) -> literals_pb2.LiteralCollection:
        return literals_pb2.LiteralCollection(literals=[lit.to_flyte_idl() for lit in self._literals])

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.LiteralCollection) -> LiteralCollection:
        return cls([Literal.from_flyte_idl(lit) for lit in proto.literals])


class LiteralMap(FlyteIdlEntity):
    def __init__(self, literals: dict[str, Literal]) -> None:
        self._literals = dict(literals)

    literals = property(lambda self: dict(self._literals))

    def to_flyte_idl(self) -> literals_pb2.LiteralMap:
        return literals_pb2.LiteralMap(literals={k: v.to_flyte_idl() for k, v in self._literals.items()})

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.LiteralMap) -> LiteralMap:
        return cls({k: Literal.from_flyte_idl(v) for k, v in proto.literals.items()})


class Literal(FlyteIdlEntity):
    """A value: a scalar, a collection or a map, with an optional cache ``hash`` and ``metadata``."""

    def __init__(
        self,
        scalar: Scalar | None = None,
        collection: LiteralCollection | None = None,
        map: LiteralMap | None = None,
        hash: str | None = None,
        metadata: dict[str, str] | None = None,
        offloaded_metadata: Any = None,
    ) -> None:
        self._scalar = scalar
        self._collection = collection
        self._map = map
        self._hash = hash
        self._metadata = metadata
        self._offloaded_metadata = offloaded_metadata

    scalar = property(lambda self: self._scalar)
    collection = property(lambda self: self._collection)
    map = property(lambda self: self._map)
    metadata = property(lambda self: self._metadata)
    offloaded_metadata = property(lambda self: self._offloaded_metadata)

    @property
    def hash(self) -> str | None:
        return self._hash

    @hash.setter
    def hash(self, value: str | None) -> None:
        self._hash = value

    @property
    def value(self) -> Any:
        return self._scalar or self._collection or self._map

    def set_metadata(self, metadata: dict[str, str]) -> None:
        self._metadata = dict(metadata)

    def to_flyte_idl(self) -> literals_pb2.Literal:
        msg = literals_pb2.Literal()
        if self._scalar is not None:
            msg.scalar.CopyFrom(self._scalar.to_flyte_idl())
        elif self._collection is not None:
            msg.collection.CopyFrom(self._collection.to_flyte_idl())
        elif self._map is not None:
            msg.map.CopyFrom(self._map.to_flyte_idl())
        elif self._offloaded_metadata is not None:
            msg.offloaded_metadata.CopyFrom(idl_of(self._offloaded_metadata))
        if self._hash:
            msg.hash = self._hash
        if self._metadata:
            msg.metadata.update(self._metadata)
        return msg

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.Literal) -> Literal:
        kind = proto.WhichOneof("value")
        return cls(
            scalar=Scalar.from_flyte_idl(proto.scalar) if kind == "scalar" else None,
            collection=LiteralCollection.from_flyte_idl(proto.collection) if kind == "collection" else None,
            map=LiteralMap.from_flyte_idl(proto.map) if kind == "map" else None,
            hash=proto.hash or None,
            metadata=dict(proto.metadata) or None,
            offloaded_metadata=proto.offloaded_metadata if kind == "offloaded_metadata" else None,
        )


class StructuredDatasetMetadata(FlyteIdlEntity):
    """The dataset type a literal carries along (columns and format as written)."""

    def __init__(self, structured_dataset_type: Any = None) -> None:
        if structured_dataset_type is not None and not isinstance(
            structured_dataset_type, StructuredDatasetType
        ):
            structured_dataset_type = StructuredDatasetType.from_flyte_idl(
                dataset_type_message(structured_dataset_type)
            )
        self._structured_dataset_type: StructuredDatasetType | None = structured_dataset_type

    @property
    def structured_dataset_type(self) -> StructuredDatasetType | None:
        return self._structured_dataset_type

    def to_flyte_idl(self) -> literals_pb2.StructuredDatasetMetadata:
        if self._structured_dataset_type is None:
            return literals_pb2.StructuredDatasetMetadata()
        return literals_pb2.StructuredDatasetMetadata(
            structured_dataset_type=self._structured_dataset_type.to_flyte_idl()
        )

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.StructuredDatasetMetadata) -> StructuredDatasetMetadata:
        if not proto.HasField("structured_dataset_type"):
            return cls()
        return cls(StructuredDatasetType.from_flyte_idl(proto.structured_dataset_type))


class StructuredDataset(FlyteIdlEntity):
    """Where a dataset lives (``uri``, usually a folder of part files) and its ``metadata``."""

    def __init__(self, uri: str, metadata: StructuredDatasetMetadata | None = None) -> None:
        self._uri = uri
        self._metadata = metadata

    @property
    def uri(self) -> str:
        return self._uri

    @property
    def metadata(self) -> StructuredDatasetMetadata | None:
        return self._metadata

    def to_flyte_idl(self) -> literals_pb2.StructuredDataset:
        proto = literals_pb2.StructuredDataset(uri=self._uri)
        if self._metadata is not None:
            proto.metadata.CopyFrom(idl_of(self._metadata))
        return proto

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.StructuredDataset) -> StructuredDataset:
        metadata = (
            StructuredDatasetMetadata.from_flyte_idl(proto.metadata) if proto.HasField("metadata") else None
        )
        return cls(uri=proto.uri, metadata=metadata)


def dataset_message(value: Any) -> literals_pb2.StructuredDataset:
    """A ``StructuredDataset`` message from the message itself or this module's class."""
    if isinstance(value, StructuredDataset):
        return value.to_flyte_idl()
    if isinstance(value, literals_pb2.StructuredDataset):
        return value
    raise TypeError(f"Expected a StructuredDataset literal, got {value!r}")
