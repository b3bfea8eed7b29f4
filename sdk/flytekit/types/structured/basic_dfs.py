"""Encoders and decoders for pandas DataFrames (parquet, csv) and pyarrow Tables (parquet).

A dataset is a folder: parquet data is written as its part file ``00000``, csv as its file
``.csv`` (flytekit 1.16's layout, so each SDK reads what the other wrote). Local folders are
written and read in place; remote ones (``s3://``) are staged in a local folder and moved with the
context's ``FileAccessProvider``. Decoders read only the columns the running task asked for.
pandas and pyarrow are imported when a handler is built, never at module import.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flytekit.core.data_persistence import FileAccessProvider
from flytekit.models.literals import StructuredDataset as DatasetLiteral
from flytekit.models.literals import StructuredDatasetMetadata
from flytekit.types.structured._handlers import StructuredDatasetDecoder, StructuredDatasetEncoder

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext
    from flytekit.models.types import StructuredDatasetType
    from flytekit.types.structured._dataset import StructuredDataset

PARQUET = "parquet"
CSV = "csv"
PARQUET_PART = f"{0:05}"
CSV_FILE = ".csv"


def _local(uri: str) -> str:
    return uri[len("file://") :] if uri.startswith("file://") else uri


def _target_folder(ctx: FlyteContext, sd: StructuredDataset) -> str:
    fa = ctx.file_access
    return sd.uri or fa.join(fa.raw_output_prefix, fa.get_random_string())


def write_dataset_file(ctx: FlyteContext, uri: str, name: str, write: Callable[[str], None]) -> None:
    """Write file ``name`` of the dataset folder ``uri`` with ``write(local_path)``."""
    if not FileAccessProvider.is_remote(uri):
        folder = _local(uri)
        os.makedirs(folder, exist_ok=True)
        write(os.path.join(folder, name))
        return
    staging = ctx.file_access.get_random_local_directory()
    write(os.path.join(staging, name))
    ctx.file_access.put_data(staging, uri, is_multipart=True)


def local_dataset_path(ctx: FlyteContext, uri: str) -> str:
    """A local path holding the dataset at ``uri``: the folder itself when local, else a downloaded copy."""
    if not FileAccessProvider.is_remote(uri):
        return _local(uri)
    fa = ctx.file_access
    staging = fa.get_random_local_directory()
    fa.get_data(uri, staging, is_multipart=True)
    if os.listdir(staging):
        return staging
    single = os.path.join(staging, os.path.basename(uri.rstrip("/")) or "data")
    fa.get_data(uri, single)  # the uri names one object, not a folder
    return single


def wanted_columns(metadata: StructuredDatasetMetadata) -> list[str] | None:
    sdt = metadata.structured_dataset_type
    if sdt is None or not sdt.columns:
        return None
    return [c.name for c in sdt.columns]


def _literal(uri: str, sdt: StructuredDatasetType, fmt: str | None) -> DatasetLiteral:
    if fmt is not None:
        sdt.format = fmt
    return DatasetLiteral(uri=uri, metadata=StructuredDatasetMetadata(sdt))


class PandasToCSVEncodingHandler(StructuredDatasetEncoder[Any]):
    def __init__(self) -> None:
        import pandas as pd

        super().__init__(pd.DataFrame, None, CSV)

    def encode(
        self,
        ctx: FlyteContext,
        structured_dataset: StructuredDataset,
        structured_dataset_type: StructuredDatasetType,
    ) -> DatasetLiteral:
        uri = _target_folder(ctx, structured_dataset)
        df: Any = structured_dataset.dataframe
        write_dataset_file(ctx, uri, CSV_FILE, lambda path: df.to_csv(path, index=False))
        return _literal(uri, structured_dataset_type, CSV)


class CSVToPandasDecodingHandler(StructuredDatasetDecoder[Any]):
    def __init__(self) -> None:
        import pandas as pd

        super().__init__(pd.DataFrame, None, CSV)

    def decode(
        self, ctx: FlyteContext, flyte_value: DatasetLiteral, current_task_metadata: StructuredDatasetMetadata
    ) -> Any:
        import pandas as pd

        folder = local_dataset_path(ctx, flyte_value.uri)
        return pd.read_csv(os.path.join(folder, CSV_FILE), usecols=wanted_columns(current_task_metadata))


class PandasToParquetEncodingHandler(StructuredDatasetEncoder[Any]):
    def __init__(self) -> None:
        import pandas as pd

        super().__init__(pd.DataFrame, None, PARQUET)

    def encode(
        self,
        ctx: FlyteContext,
        structured_dataset: StructuredDataset,
        structured_dataset_type: StructuredDatasetType,
    ) -> DatasetLiteral:
        uri = _target_folder(ctx, structured_dataset)
        df: Any = structured_dataset.dataframe

        def write(path: str) -> None:
            df.to_parquet(path, coerce_timestamps="us", allow_truncated_timestamps=False)

        write_dataset_file(ctx, uri, PARQUET_PART, write)
        return _literal(uri, structured_dataset_type, PARQUET)


class ParquetToPandasDecodingHandler(StructuredDatasetDecoder[Any]):
    def __init__(self) -> None:
        import pandas as pd

        super().__init__(pd.DataFrame, None, PARQUET)

    def decode(
        self, ctx: FlyteContext, flyte_value: DatasetLiteral, current_task_metadata: StructuredDatasetMetadata
    ) -> Any:
        import pandas as pd

        path = local_dataset_path(ctx, flyte_value.uri)
        return pd.read_parquet(path, columns=wanted_columns(current_task_metadata))


class ArrowToParquetEncodingHandler(StructuredDatasetEncoder[Any]):
    def __init__(self) -> None:
        import pyarrow as pa

        super().__init__(pa.Table, None, PARQUET)

    def encode(
        self,
        ctx: FlyteContext,
        structured_dataset: StructuredDataset,
        structured_dataset_type: StructuredDatasetType,
    ) -> DatasetLiteral:
        import pyarrow.parquet as pq

        uri = _target_folder(ctx, structured_dataset)
        table: Any = structured_dataset.dataframe
        write_dataset_file(ctx, uri, PARQUET_PART, lambda path: pq.write_table(table, path))
        return _literal(uri, structured_dataset_type, None)


class ParquetToArrowDecodingHandler(StructuredDatasetDecoder[Any]):
    def __init__(self) -> None:
        import pyarrow as pa

        super().__init__(pa.Table, None, PARQUET)

    def decode(
        self, ctx: FlyteContext, flyte_value: DatasetLiteral, current_task_metadata: StructuredDatasetMetadata
    ) -> Any:
        import pyarrow.parquet as pq

        path = local_dataset_path(ctx, flyte_value.uri)
        return pq.read_table(path, columns=wanted_columns(current_task_metadata))
