"""Dataframes as Flyte structured datasets: ``StructuredDataset``, its transformer and the handlers.

pandas and pyarrow handlers are registered once those libraries are imported (by the user), the
way flytekit does it: ``lazy_import_structured_dataset_handler`` is called by the type engine's
lazy families and by ``StructuredDataset.open``; ``register_*_handlers`` may also be called directly.
"""

from __future__ import annotations

import functools
import logging
import sys

from flytekit.deck.renderer import ArrowRenderer, TopFrameRenderer
from flytekit.types.structured.structured_dataset import (
    DuplicateHandlerError,
    StructuredDataset,
    StructuredDatasetDecoder,
    StructuredDatasetEncoder,
    StructuredDatasetTransformerEngine,
)

logger = logging.getLogger(__name__)


@functools.cache
def register_csv_handlers() -> None:
    from flytekit.types.structured.basic_dfs import CSVToPandasDecodingHandler, PandasToCSVEncodingHandler

    StructuredDatasetTransformerEngine.register(PandasToCSVEncodingHandler(), default_format_for_type=True)
    StructuredDatasetTransformerEngine.register(CSVToPandasDecodingHandler(), default_format_for_type=True)


@functools.cache
def register_pandas_handlers() -> None:
    from flytekit.types.structured.basic_dfs import (
        PandasToParquetEncodingHandler,
        ParquetToPandasDecodingHandler,
    )

    StructuredDatasetTransformerEngine.register(
        PandasToParquetEncodingHandler(), default_format_for_type=True
    )
    StructuredDatasetTransformerEngine.register(
        ParquetToPandasDecodingHandler(), default_format_for_type=True
    )
    import pandas as pd

    StructuredDatasetTransformerEngine.register_renderer(pd.DataFrame, TopFrameRenderer())


@functools.cache
def register_arrow_handlers() -> None:
    from flytekit.types.structured.basic_dfs import (
        ArrowToParquetEncodingHandler,
        ParquetToArrowDecodingHandler,
    )

    StructuredDatasetTransformerEngine.register(ArrowToParquetEncodingHandler(), default_format_for_type=True)
    StructuredDatasetTransformerEngine.register(ParquetToArrowDecodingHandler(), default_format_for_type=True)
    import pyarrow as pa

    StructuredDatasetTransformerEngine.register_renderer(pa.Table, ArrowRenderer())


@functools.cache
def register_bigquery_handlers() -> None:
    """BigQuery (``bq://``) handlers for pandas and pyarrow, when the Google Cloud client libraries are
    installed; otherwise a log line says they are missing (as in flytekit)."""
    try:
        from flytekit.types.structured.bigquery import (
            ArrowToBQEncodingHandlers,
            BQToArrowDecodingHandler,
            BQToPandasDecodingHandler,
            PandasToBQEncodingHandlers,
        )
    except ImportError:
        logger.info(
            "We won't register bigquery handler for structured dataset because "
            "we can't find the packages google-cloud-bigquery-storage and google-cloud-bigquery"
        )
        return
    StructuredDatasetTransformerEngine.register(PandasToBQEncodingHandlers())
    StructuredDatasetTransformerEngine.register(BQToPandasDecodingHandler())
    StructuredDatasetTransformerEngine.register(ArrowToBQEncodingHandlers())
    StructuredDatasetTransformerEngine.register(BQToArrowDecodingHandler())


@functools.cache
def register_snowflake_handlers() -> None:
    """Snowflake (``snowflake://``) handlers for pandas, when ``snowflake-connector-python`` is installed;
    otherwise a log line says it is missing (as in flytekit)."""
    try:
        from flytekit.types.structured.snowflake import (
            PandasToSnowflakeEncodingHandlers,
            SnowflakeToPandasDecodingHandler,
        )
    except ImportError:
        logger.info(
            "We won't register snowflake handler for structured dataset because "
            "we can't find package snowflake-connector-python"
        )
        return
    StructuredDatasetTransformerEngine.register(SnowflakeToPandasDecodingHandler())
    StructuredDatasetTransformerEngine.register(PandasToSnowflakeEncodingHandlers())


def lazy_import_structured_dataset_handler() -> None:
    """Register the handlers of every dataframe library that has been imported so far."""
    if "pandas" in sys.modules:
        try:
            register_pandas_handlers()
            register_csv_handlers()
        except DuplicateHandlerError:
            logger.debug("pandas dataset handlers are registered already")
    if "pyarrow" in sys.modules:
        try:
            register_arrow_handlers()
        except DuplicateHandlerError:
            logger.debug("pyarrow dataset handlers are registered already")
    if "google.cloud.bigquery" in sys.modules:
        try:
            register_bigquery_handlers()
        except DuplicateHandlerError:
            logger.debug("bigquery dataset handlers are registered already")


__all__ = [
    "ArrowRenderer",
    "DuplicateHandlerError",
    "StructuredDataset",
    "StructuredDatasetDecoder",
    "StructuredDatasetEncoder",
    "StructuredDatasetTransformerEngine",
    "TopFrameRenderer",
    "lazy_import_structured_dataset_handler",
    "register_arrow_handlers",
    "register_bigquery_handlers",
    "register_csv_handlers",
    "register_pandas_handlers",
    "register_snowflake_handlers",
]
