"""``flytekit.models.types``: the dataset type that dataframe encoders and decoders receive and return.

``StructuredDatasetType`` mirrors ``flyteidl.core.StructuredDatasetType`` (columns, storage format,
external schema) as a mutable value with flytekit's constructor (positional or keyword arguments);
``to_flyte_idl`` / ``from_flyte_idl`` convert to and from the message. Column literal types stay
``flyteidl.core.LiteralType`` messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.core import types_pb2
else:
    types_pb2 = lazy_module("flyteidl.core.types_pb2")


def _literal_type_message(literal_type: Any) -> types_pb2.LiteralType:
    """A ``LiteralType`` message from a message or anything with ``to_flyte_idl``."""
    message = literal_type.to_flyte_idl() if hasattr(literal_type, "to_flyte_idl") else literal_type
    if not isinstance(message, types_pb2.LiteralType):
        raise TypeError(f"A dataset column needs a LiteralType, got {literal_type!r}")
    return message


class StructuredDatasetType:
    """Columns (each a name and a literal type), storage ``format`` and optional external schema."""

    class DatasetColumn:
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

        def __eq__(self, other: object) -> bool:
            return isinstance(other, type(self)) and self.to_flyte_idl() == other.to_flyte_idl()

        def __hash__(self) -> int:
            return hash(self.to_flyte_idl().SerializeToString(deterministic=True))

        def __repr__(self) -> str:
            return f"DatasetColumn(name={self._name!r}, literal_type={self._literal_type})"

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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StructuredDatasetType) and self.to_flyte_idl() == other.to_flyte_idl()

    def __hash__(self) -> int:
        return hash(self.to_flyte_idl().SerializeToString(deterministic=True))

    def __repr__(self) -> str:
        return f"StructuredDatasetType(columns={self._columns!r}, format={self.format!r})"


def dataset_type_message(value: Any) -> types_pb2.StructuredDatasetType:
    """A ``StructuredDatasetType`` message from the message itself or this module's class."""
    if isinstance(value, StructuredDatasetType):
        return value.to_flyte_idl()
    if isinstance(value, types_pb2.StructuredDatasetType):
        return value
    raise TypeError(f"Expected a StructuredDatasetType, got {value!r}")
