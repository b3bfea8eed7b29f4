"""pandas DataFrames in ``FlyteSchema``: parquet parts read and written with pandas (pyarrow engine)."""

from __future__ import annotations

import functools
import os
from typing import Any

from flytekit.types.schema._io import (
    LocalIOSchemaReader,
    LocalIOSchemaWriter,
    SchemaEngine,
    SchemaFormat,
    SchemaHandler,
)


class ParquetIO:
    PARQUET_ENGINE = "pyarrow"

    def _read(self, chunk: os.PathLike[str], columns: list[str] | None, **kwargs: Any) -> Any:
        import pandas as pd

        return pd.read_parquet(chunk, columns=columns, engine=self.PARQUET_ENGINE, **kwargs)

    def read(self, *files: os.PathLike[str], columns: list[str] | None = None, **kwargs: Any) -> Any:
        """One DataFrame of all non-empty ``files`` (an empty one when there are none)."""
        import pandas as pd

        frames = [self._read(f, columns, **kwargs) for f in files if os.path.getsize(f) > 0]
        if len(frames) == 1:
            return frames[0]
        if frames:
            return pd.concat(frames, copy=True)
        return pd.DataFrame()

    def write(
        self,
        df: Any,
        to_file: os.PathLike[str],
        coerce_timestamps: str = "us",
        allow_truncated_timestamps: bool = False,
        **kwargs: Any,
    ) -> None:
        df.to_parquet(
            to_file,
            coerce_timestamps=coerce_timestamps,
            allow_truncated_timestamps=allow_truncated_timestamps,
            **kwargs,
        )


class PandasSchemaReader(LocalIOSchemaReader[Any]):
    def __init__(self, local_dir: str, cols: dict[str, type] | None, fmt: SchemaFormat) -> None:
        super().__init__(local_dir, cols, fmt)
        self._parquet_engine = ParquetIO()

    def _read(self, *path: os.PathLike[str], **kwargs: Any) -> Any:
        return self._parquet_engine.read(*path, columns=self.column_names, **kwargs)


class PandasSchemaWriter(LocalIOSchemaWriter[Any]):
    def __init__(self, local_dir: str, cols: dict[str, type] | None, fmt: SchemaFormat) -> None:
        super().__init__(local_dir, cols, fmt)
        self._parquet_engine = ParquetIO()

    def _write(self, df: Any, path: os.PathLike[str], **kwargs: Any) -> None:
        self._parquet_engine.write(df, to_file=path, **kwargs)


@functools.cache
def register_pandas_schema_handler() -> None:
    import pandas as pd

    SchemaEngine.register_handler(
        SchemaHandler("pandas-dataframe-schema", pd.DataFrame, PandasSchemaReader, PandasSchemaWriter)
    )
