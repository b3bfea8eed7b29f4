"""File formats spelled with ``FileExt``, the transformer names of files and folders, dataframe
renderers, and the BigQuery/Snowflake handler hooks (their client libraries are not installed here)."""

from __future__ import annotations

import importlib.util
import logging
import typing

import pytest

from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.types.directory import FlyteDirectory, FlyteDirToMultipartBlobTransformer
from flytekit.types.file import CSVFile, FileExt, FlyteFile, FlyteFilePathTransformer, csv
from flytekit.types.structured import (
    ArrowRenderer,
    StructuredDatasetTransformerEngine,
    TopFrameRenderer,
    register_arrow_handlers,
    register_bigquery_handlers,
    register_pandas_handlers,
    register_snowflake_handlers,
)


def test_file_ext_names_formats_a_type_variable_cannot() -> None:
    tar_gz = FlyteFile[typing.Annotated[str, FileExt("tar.gz")]]  # type: ignore[type-arg]
    assert tar_gz.extension() == "tar.gz"
    assert TypeEngine.to_literal_type(tar_gz).blob.format == "tar.gz"
    assert FlyteFile[csv].extension() == CSVFile.extension() == "csv"  # type: ignore[misc]
    assert FileExt.check_and_convert_to_str(typing.Annotated[str, FileExt(".onnx")]) == ".onnx"
    assert FlyteFile[typing.Annotated[str, FileExt(".onnx")]].extension() == "onnx"  # type: ignore[misc]
    with pytest.raises(ValueError, match="must annotate str"):
        FileExt.check_and_convert_to_str(typing.Annotated[int, FileExt("x")])


def test_files_and_folders_are_handled_by_the_named_transformers() -> None:
    assert isinstance(TypeEngine.get_transformer(FlyteFile), FlyteFilePathTransformer)
    assert isinstance(TypeEngine.get_transformer(FlyteDirectory), FlyteDirToMultipartBlobTransformer)


def test_dataframes_render_through_the_registered_renderers() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    register_pandas_handlers()
    register_arrow_handlers()
    assert isinstance(StructuredDatasetTransformerEngine.Renderers[pd.DataFrame], TopFrameRenderer)
    assert isinstance(StructuredDatasetTransformerEngine.Renderers[pa.Table], ArrowRenderer)
    engine = TypeEngine.get_transformer(pd.DataFrame)
    ctx = FlyteContextManager.current_context()
    html = engine.to_html(ctx, pd.DataFrame({"a": [1, 2]}), pd.DataFrame)
    assert "<table" in html and ">2<" in html


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.parametrize(
    ("register", "module", "missing"),
    [
        (register_bigquery_handlers, "google.cloud.bigquery", "google-cloud-bigquery"),
        (register_snowflake_handlers, "snowflake.connector", "snowflake-connector-python"),
    ],
)
def test_warehouse_handlers_log_when_their_client_library_is_missing(
    caplog: pytest.LogCaptureFixture, register: typing.Any, module: str, missing: str
) -> None:
    if _importable(module):
        pytest.skip(f"{module} is installed; this test covers its absence")
    register.cache_clear()
    with caplog.at_level(logging.INFO, logger="flytekit.types.structured"):
        register()
    assert missing in caplog.text
