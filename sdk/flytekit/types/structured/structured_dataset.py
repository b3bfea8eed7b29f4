"""``flytekit.types.structured.structured_dataset``: the names flytekit users import from this path.

The dataset class, the encoder/decoder bases and the transformer live in private modules; this one
pins the public surface (formats, helpers) under flytekit's module path.
"""

from __future__ import annotations

from flytekit.models.types import StructuredDatasetType
from flytekit.types.structured._columns import (
    StructuredDatasetFormat,
    extract_cols_and_format,
    flatten_dict,
)
from flytekit.types.structured._dataset import StructuredDataset
from flytekit.types.structured._engine import (
    StructuredDatasetTransformerEngine,
    flyte_dataset_transformer,
    protocol_of,
)
from flytekit.types.structured._handlers import (
    GENERIC_FORMAT,
    DuplicateHandlerError,
    StructuredDatasetDecoder,
    StructuredDatasetEncoder,
)

PARQUET: StructuredDatasetFormat = "parquet"
CSV: StructuredDatasetFormat = "csv"
GENERIC_PROTOCOL = "generic protocol"

__all__ = [
    "CSV",
    "GENERIC_FORMAT",
    "GENERIC_PROTOCOL",
    "PARQUET",
    "DuplicateHandlerError",
    "StructuredDataset",
    "StructuredDatasetDecoder",
    "StructuredDatasetEncoder",
    "StructuredDatasetFormat",
    "StructuredDatasetTransformerEngine",
    "StructuredDatasetType",
    "extract_cols_and_format",
    "flatten_dict",
    "flyte_dataset_transformer",
    "protocol_of",
]
