"""``flytekit.models.literals``: the dataset literal that dataframe encoders return and decoders read.

``StructuredDataset`` (a ``uri`` plus ``StructuredDatasetMetadata``) mirrors
``flyteidl.core.StructuredDataset``; both take flytekit's positional or keyword arguments and
convert with ``to_flyte_idl`` / ``from_flyte_idl``. The metadata accepts this package's
``StructuredDatasetType`` or the message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.models.types import StructuredDatasetType, dataset_type_message

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")


class StructuredDatasetMetadata:
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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StructuredDatasetMetadata) and self.to_flyte_idl() == other.to_flyte_idl()

    def __hash__(self) -> int:
        return hash(self.to_flyte_idl().SerializeToString(deterministic=True))

    def __repr__(self) -> str:
        return f"StructuredDatasetMetadata(structured_dataset_type={self._structured_dataset_type!r})"


class StructuredDataset:
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
            metadata = (
                self._metadata.to_flyte_idl()
                if isinstance(self._metadata, StructuredDatasetMetadata)
                else self._metadata
            )
            proto.metadata.CopyFrom(metadata)
        return proto

    @classmethod
    def from_flyte_idl(cls, proto: literals_pb2.StructuredDataset) -> StructuredDataset:
        metadata = (
            StructuredDatasetMetadata.from_flyte_idl(proto.metadata) if proto.HasField("metadata") else None
        )
        return cls(uri=proto.uri, metadata=metadata)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StructuredDataset) and self.to_flyte_idl() == other.to_flyte_idl()

    def __hash__(self) -> int:
        return hash(self.to_flyte_idl().SerializeToString(deterministic=True))

    def __repr__(self) -> str:
        return f"StructuredDataset(uri={self._uri!r}, metadata={self._metadata!r})"


def dataset_message(value: Any) -> literals_pb2.StructuredDataset:
    """A ``StructuredDataset`` message from the message itself or this module's class."""
    if isinstance(value, StructuredDataset):
        return value.to_flyte_idl()
    if isinstance(value, literals_pb2.StructuredDataset):
        return value
    raise TypeError(f"Expected a StructuredDataset literal, got {value!r}")
