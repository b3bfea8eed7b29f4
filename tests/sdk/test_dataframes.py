"""StructuredDataset, its pandas/pyarrow handlers and numpy arrays: locally and over a real S3 protocol server.

Also the lazy loading contract: the type engine never imports pandas/pyarrow/numpy itself, and their
transformers appear once user code has imported them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from flyteidl.core import literals_pb2, types_pb2
from flytekit import FlyteContext, kwtypes, task, workflow
from flytekit.configuration import DataConfig, S3Config
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.core.type_engine import TypeEngine, TypeTransformerFailedError
from flytekit.models import literals
from flytekit.models.literals import StructuredDatasetMetadata
from flytekit.models.types import StructuredDatasetType
from flytekit.types.numpy import NumpyArrayTransformer
from flytekit.types.structured import StructuredDataset
from flytekit.types.structured._handlers import HandlerRegistry
from flytekit.types.structured.structured_dataset import (
    CSV,
    PARQUET,
    DuplicateHandlerError,
    StructuredDatasetDecoder,
    StructuredDatasetEncoder,
    StructuredDatasetTransformerEngine,
)
from tests.services.s3 import S3Bucket, S3Server

DF = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_type_engine_never_imports_dataframe_libraries() -> None:
    code = (
        "import sys\n"
        "from flytekit import task, StructuredDataset\n"
        "from flytekit.core.type_engine import TypeEngine\n"
        "@task\n"
        "def t(sd: StructuredDataset) -> int:\n"
        "    return 1\n"
        "print(TypeEngine.to_literal_type(StructuredDataset).WhichOneof('type'))\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))\n"
    )
    assert _run(code).splitlines() == ["structured_dataset_type", "[]"]


def test_dataframe_transformers_load_once_the_library_is_imported() -> None:
    code = (
        "from flytekit.core.type_engine import TypeEngine\n"
        "from flyteidl.core import types_pb2\n"
        "registry = TypeEngine.registry()\n"
        "guessed = TypeEngine.guess_python_type(types_pb2.LiteralType(structured_dataset_type={}))\n"
        "print(guessed.__name__)\n"
        "import pandas as pd, numpy as np\n"
        "print(type(TypeEngine.get_transformer(pd.DataFrame)).__name__)\n"
        "print(type(TypeEngine.get_transformer(np.ndarray)).__name__)\n"
    )
    assert _run(code).splitlines() == [
        "StructuredDataset",
        "StructuredDatasetTransformerEngine",
        "NumpyArrayTransformer",
    ]


def test_pandas_between_tasks_with_column_subset() -> None:
    @task
    def make() -> pd.DataFrame:
        return DF

    @task
    def pick(df: Annotated[pd.DataFrame, kwtypes(b=str)]) -> list[str]:
        return list(df.columns) + list(df["b"])

    @workflow
    def wf() -> list[str]:
        picked: list[str] = pick(df=make())
        return picked

    assert wf() == ["b", "x", "y", "z"]


def test_structured_dataset_passthrough_keeps_the_literal() -> None:
    @task
    def make() -> StructuredDataset:
        return StructuredDataset(dataframe=DF)

    @task
    def same(sd: StructuredDataset) -> StructuredDataset:
        return sd

    ctx = FlyteContextManager.current_context()
    first = TypeEngine.to_literal(
        ctx, make(), StructuredDataset, TypeEngine.to_literal_type(StructuredDataset)
    )
    received = TypeEngine.to_python_value(ctx, first, StructuredDataset)
    again = TypeEngine.to_literal(ctx, same(sd=received), StructuredDataset, None)
    assert again.scalar.structured_dataset.uri == first.scalar.structured_dataset.uri
    assert received.uri is None and received.file_format == PARQUET  # as flytekit 1.16 leaves them
    assert received.literal is not None and received.literal.uri == first.scalar.structured_dataset.uri


def test_csv_folder_layout_and_reading_with_open(tmp_path: Path) -> None:
    ctx = FlyteContextManager.current_context()
    sd_type = Annotated[StructuredDataset, CSV]
    lit = TypeEngine.to_literal(
        ctx,
        StructuredDataset(dataframe=DF, uri=str(tmp_path / "out")),
        sd_type,
        TypeEngine.to_literal_type(sd_type),
    )
    assert lit.scalar.structured_dataset.uri == str(tmp_path / "out")
    assert os.listdir(tmp_path / "out") == [".csv"]
    sd = StructuredDataset(uri=str(tmp_path / "out"), file_format=CSV)
    pd.testing.assert_frame_equal(sd.open(pd.DataFrame).all(), DF)


def test_open_without_a_type_and_unwritten_dataframes_are_refused() -> None:
    with pytest.raises(ValueError, match="Use open"):
        StructuredDataset(uri="s3://b/k").all()
    with pytest.raises(ValueError, match="has not been written yet"):
        StructuredDataset(dataframe=DF).open(pd.DataFrame).all()


def test_wrong_literal_is_a_type_error() -> None:
    ctx = FlyteContextManager.current_context()
    lv = literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=1)))
    with pytest.raises(TypeTransformerFailedError, match="no structured dataset"):
        TypeEngine.to_python_value(ctx, lv, pd.DataFrame)


def test_legacy_schema_literal_reads_as_parquet_dataset(tmp_path: Path) -> None:
    DF.to_parquet(tmp_path / "00000")
    column = types_pb2.SchemaType.SchemaColumn(name="a", type=types_pb2.SchemaType.SchemaColumn.INTEGER)
    schema = literals_pb2.Schema(uri=str(tmp_path), type=types_pb2.SchemaType(columns=[column]))
    lv = literals_pb2.Literal(scalar=literals_pb2.Scalar(schema=schema))
    ctx = FlyteContextManager.current_context()
    frame = TypeEngine.to_python_value(ctx, lv, pd.DataFrame)
    assert list(frame.columns) == ["a"]
    sd = TypeEngine.to_python_value(ctx, lv, StructuredDataset)
    assert sd.file_format == PARQUET and sd.metadata.structured_dataset_type.columns[0].name == "a"


class Rows:
    """A user dataframe type with a handler pair written against the public API, iterator included."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows


class RowsEncoder(StructuredDatasetEncoder[Rows]):
    def encode(
        self,
        ctx: FlyteContext,
        structured_dataset: StructuredDataset,
        structured_dataset_type: StructuredDatasetType,
    ) -> literals.StructuredDataset:
        rows = typing.cast(Rows, structured_dataset.dataframe)
        local = ctx.file_access.get_random_local_directory()
        pd.DataFrame(rows.rows).to_parquet(os.path.join(local, "00000"))
        remote = ctx.file_access.get_random_remote_directory()
        ctx.file_access.upload_directory(local, remote)
        return literals.StructuredDataset(
            uri=remote, metadata=StructuredDatasetMetadata(structured_dataset_type)
        )


class RowsDecoder(StructuredDatasetDecoder[Rows]):
    def decode(
        self,
        ctx: FlyteContext,
        flyte_value: literals.StructuredDataset,
        current_task_metadata: StructuredDatasetMetadata,
    ) -> Iterator[Rows]:
        frame = pd.read_parquet(flyte_value.uri)
        for record in frame.to_dict(orient="records"):
            yield Rows([record])


def test_user_handlers_with_iter() -> None:
    StructuredDatasetTransformerEngine.register(RowsEncoder(Rows, None, "rows"), override=True)
    StructuredDatasetTransformerEngine.register(RowsDecoder(Rows, None, "rows"), override=True)
    with pytest.raises(DuplicateHandlerError):
        StructuredDatasetTransformerEngine.register(RowsEncoder(Rows, "s3", "rows"))
        StructuredDatasetTransformerEngine.register(RowsEncoder(Rows, "s3", "rows"))

    @task
    def make() -> Annotated[StructuredDataset, "rows"]:
        return StructuredDataset(dataframe=Rows([{"k": 1}, {"k": 2}]))

    @task
    def count(sd: StructuredDataset) -> int:
        return sum(len(chunk.rows) for chunk in sd.open(Rows).iter())

    @workflow
    def wf() -> int:
        total: int = count(sd=make())
        return total

    assert wf() == 2
    with pytest.raises(ValueError, match="returned iterator"):
        make().open(Rows).all()


def test_handler_lookup_rules() -> None:
    registry = HandlerRegistry()

    class Enc(StructuredDatasetEncoder[Rows]):
        def encode(self, ctx: Any, structured_dataset: Any, structured_dataset_type: Any) -> Any:
            raise AssertionError("not called")

    generic_parquet = Enc(Rows, None, PARQUET)
    generic_csv = Enc(Rows, None, CSV)
    s3_any = Enc(Rows, "s3://", None)
    registry.add(generic_parquet, default_format_for_type=True)
    registry.add(generic_csv)
    assert registry.find(registry.encoders, Rows, "file", CSV) is generic_csv
    assert registry.find(registry.encoders, Rows, "file", "") is generic_parquet
    registry.add(s3_any)
    assert registry.find(registry.encoders, Rows, "s3", CSV) is s3_any
    with pytest.raises(ValueError, match="Failed to find a handler"):
        registry.find(registry.encoders, Rows, "gs", "orc")
    with pytest.raises(ValueError, match="cannot be the default"):
        registry.add(Enc(Rows, None, "x"), default_for_type=True)
    with pytest.raises(TypeError, match="only those can be registered"):
        registry.add(object())  # type: ignore[arg-type]


def test_numpy_annotations() -> None:
    transformer = NumpyArrayTransformer()
    with pytest.raises(TypeTransformerFailedError, match="kwtypes or HashMethod"):
        transformer.to_literal(
            FlyteContextManager.current_context(),
            np.arange(2),
            Annotated[np.ndarray, "x"],
            types_pb2.LiteralType(),
        )
    with pytest.raises(TypeTransformerFailedError, match="Expected value of type"):
        TypeEngine.to_literal(FlyteContextManager.current_context(), [1], np.ndarray)


# ---------------------------------------------------------------- S3


@pytest.fixture
def s3_context(tmp_path: Path, s3_server: S3Server, s3_bucket: S3Bucket) -> Iterator[FlyteContext]:
    config = DataConfig(
        s3=S3Config(
            endpoint=s3_server.endpoint_url,
            access_key_id=s3_server.access_key_id,
            secret_access_key=s3_server.secret_access_key,
        )
    )
    provider = FileAccessProvider(tmp_path / "sandbox", f"s3://{s3_bucket.name}/raw", config)
    with FlyteContextManager.with_context(
        FlyteContextManager.current_context().with_file_access(provider)
    ) as ctx:
        yield ctx


def _keys(bucket: S3Bucket, prefix: str) -> list[str]:
    listed = bucket.client.list_objects_v2(Bucket=bucket.name, Prefix=prefix)
    return sorted(obj["Key"][len(prefix) :] for obj in listed.get("Contents", []))


@pytest.mark.integration
@pytest.mark.parametrize(
    ("python_type", "value", "read_as", "part"),
    [
        (pd.DataFrame, DF, pd.DataFrame, "00000"),
        (Annotated[StructuredDataset, CSV], StructuredDataset(dataframe=DF), pd.DataFrame, ".csv"),
        (pa.Table, pa.Table.from_pandas(DF, preserve_index=False), pd.DataFrame, "00000"),
    ],
    ids=["pandas-parquet", "pandas-csv", "arrow-parquet"],
)
def test_s3_round_trip(
    s3_context: FlyteContext, s3_bucket: S3Bucket, python_type: Any, value: Any, read_as: Any, part: str
) -> None:
    lit = TypeEngine.to_literal(s3_context, value, python_type, TypeEngine.to_literal_type(python_type))
    uri = lit.scalar.structured_dataset.uri
    assert uri.startswith(f"s3://{s3_bucket.name}/raw/")
    assert _keys(s3_bucket, uri[len(f"s3://{s3_bucket.name}/") :] + "/") == [part]
    pd.testing.assert_frame_equal(TypeEngine.to_python_value(s3_context, lit, read_as), DF)
    subset = TypeEngine.to_python_value(s3_context, lit, Annotated[pd.DataFrame, kwtypes(b=str)])
    assert list(subset.columns) == ["b"]


@pytest.mark.integration
def test_s3_single_object_uri_and_numpy(
    s3_context: FlyteContext, s3_bucket: S3Bucket, tmp_path: Path
) -> None:
    DF.to_parquet(tmp_path / "df.parquet")
    s3_bucket.client.upload_file(str(tmp_path / "df.parquet"), s3_bucket.name, "given/df.parquet")
    sd = StructuredDataset(uri=f"s3://{s3_bucket.name}/given/df.parquet", file_format=PARQUET)
    pd.testing.assert_frame_equal(sd.open(pd.DataFrame).all(), DF)

    array = np.arange(12).reshape(3, 4)
    lit = TypeEngine.to_literal(s3_context, array, np.ndarray, TypeEngine.to_literal_type(np.ndarray))
    assert lit.scalar.blob.uri.startswith(f"s3://{s3_bucket.name}/raw/") and lit.scalar.blob.uri.endswith(
        ".npy"
    )
    np.testing.assert_array_equal(TypeEngine.to_python_value(s3_context, lit, np.ndarray), array)


# ---------------------------------------------------------------- FlyteSchema


def test_schema_modes_and_readonly_copies() -> None:
    from flytekit.types.schema import FlyteSchema, SchemaOpenMode

    typed: Any = FlyteSchema[kwtypes(a=int)]  # type: ignore[misc]
    written = typed()
    written.open().write(DF)
    readonly = written.as_readonly()
    assert list(readonly.open().all().columns) == ["a"]
    with pytest.raises(AssertionError, match="Readonly schema cannot be opened in write mode"):
        readonly.open(override_mode=SchemaOpenMode.WRITE)
    with pytest.raises(ValueError, match="remote_path is required"):
        FlyteSchema(supported_mode=SchemaOpenMode.READ)
    with pytest.raises(AssertionError, match="downloader cannot be None"):
        FlyteSchema(remote_path="s3://b/k", supported_mode=SchemaOpenMode.READ).open()
    with pytest.raises(ValueError, match="not supported currently"):
        written.open(dict)


@pytest.mark.integration
def test_schema_over_s3(s3_context: FlyteContext, s3_bucket: S3Bucket) -> None:
    from flytekit.types.schema import FlyteSchema

    typed: Any = FlyteSchema[kwtypes(b=str)]  # type: ignore[misc]
    lit = TypeEngine.to_literal(s3_context, DF, typed, TypeEngine.to_literal_type(typed))
    uri = lit.scalar.schema.uri
    assert uri.startswith(f"s3://{s3_bucket.name}/raw/")
    assert _keys(s3_bucket, uri[len(f"s3://{s3_bucket.name}/") :] + "/") == ["00000"]
    received = TypeEngine.to_python_value(s3_context, lit, typed)
    assert list(received.open().all()["b"]) == ["x", "y", "z"]
    # read as a dataframe, a schema literal gives the columns its type names
    pd.testing.assert_frame_equal(TypeEngine.to_python_value(s3_context, lit, pd.DataFrame), DF[["b"]])
