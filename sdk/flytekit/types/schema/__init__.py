"""``FlyteSchema``, the legacy dataframe type (flytekit recommends ``StructuredDataset`` instead)."""

from __future__ import annotations

from flytekit.types.schema._io import (
    LocalIOSchemaReader,
    LocalIOSchemaWriter,
    SchemaEngine,
    SchemaFormat,
    SchemaHandler,
    SchemaOpenMode,
    SchemaReader,
    SchemaWriter,
)
from flytekit.types.schema.types import FlyteSchema, FlyteSchemaTransformer

__all__ = [
    "FlyteSchema",
    "FlyteSchemaTransformer",
    "LocalIOSchemaReader",
    "LocalIOSchemaWriter",
    "SchemaEngine",
    "SchemaFormat",
    "SchemaHandler",
    "SchemaOpenMode",
    "SchemaReader",
    "SchemaWriter",
]
