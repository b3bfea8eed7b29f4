"""Every flytekit.models dataset class shares the one FlyteIdlEntity base (equality, hash, repr)."""

from __future__ import annotations

from typing import Any

from flyteidl.core import types_pb2
from flytekit.models._idl import FlyteIdlEntity
from flytekit.models.literals import StructuredDataset, StructuredDatasetMetadata
from flytekit.models.types import StructuredDatasetType


def test_dataset_models_share_the_idl_base() -> None:
    column = StructuredDatasetType.DatasetColumn("a", types_pb2.LiteralType(simple=types_pb2.INTEGER))
    dataset_type = StructuredDatasetType(columns=[column], format="parquet")
    dataset = StructuredDataset("s3://bucket/ds", StructuredDatasetMetadata(dataset_type))
    values: list[Any] = [column, dataset_type, dataset.metadata, dataset]
    for value in values:
        assert isinstance(value, FlyteIdlEntity)
        copy = getattr(type(value), "from_flyte_idl")(value.to_flyte_idl())  # noqa: B009
        assert copy == value and hash(copy) == hash(value)
        assert repr(value).startswith(type(value).__name__ + "(")
    assert dataset != StructuredDataset("s3://bucket/other", dataset.metadata)
    assert not dataset.is_empty and StructuredDatasetMetadata().is_empty
