"""FlyteFile and FlyteDirectory locally and over a real S3 protocol server: upload on return, lazy download."""

from __future__ import annotations

import os
import typing
from pathlib import Path

import pytest

from flytekit import FlyteDirectory, FlyteFile, current_context, task, workflow
from flytekit.configuration import DataConfig, S3Config
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.core.type_engine import TypeEngine
from flytekit.types.file import CSVFile
from tests.services.s3 import S3Bucket, S3Server


def test_format_subscripts_and_guessing() -> None:
    assert FlyteFile["csv"].extension() == "csv" == FlyteFile[typing.TypeVar("csv")].extension()  # type: ignore[misc]
    assert issubclass(CSVFile, FlyteFile) and FlyteFile.extension() == ""
    guessed = TypeEngine.guess_python_type(TypeEngine.to_literal_type(FlyteFile.with_format("csv")))
    assert issubclass(guessed, FlyteFile) and guessed.extension() == "csv"
    assert TypeEngine.guess_python_type(TypeEngine.to_literal_type(FlyteDirectory)) is FlyteDirectory
    assert TypeEngine.get_transformer(os.PathLike).name == "FlyteFilePath"


def test_task_returns_file_and_folder_and_next_task_reads_them() -> None:
    @task
    def make() -> tuple[FlyteFile, FlyteDirectory]:
        work = current_context().working_directory
        Path(work, "f.txt").write_text("file body")
        Path(work, "d", "sub").mkdir(parents=True)
        Path(work, "d", "x.txt").write_text("x")
        Path(work, "d", "sub", "y.txt").write_text("y")
        return FlyteFile(os.path.join(work, "f.txt")), FlyteDirectory(os.path.join(work, "d"))

    @task
    def read(f: FlyteFile, d: FlyteDirectory) -> str:
        names = sorted(
            os.path.relpath(os.path.join(root, n), d.path) for root, _, files in d.walk() for n in files
        )
        listed = sorted(os.path.basename(e.path) for e in FlyteDirectory.listdir(d))
        with open(f) as handle:
            body: str = handle.read()
        return f"{body}|{','.join(names)}|{','.join(listed)}"

    @workflow
    def wf() -> str:
        f, d = make()
        result: str = read(f=f, d=d)
        return result

    assert wf() == "file body|sub/y.txt,x.txt|sub,x.txt"


def test_local_path_is_uploaded_under_the_raw_prefix(tmp_path: Path) -> None:
    ctx = FlyteContextManager.current_context()
    src = tmp_path / "data.csv"
    src.write_text("a,b")
    lv = TypeEngine.to_literal(ctx, str(src), CSVFile, TypeEngine.to_literal_type(CSVFile))
    uri = lv.scalar.blob.uri
    assert uri.startswith(ctx.file_access.raw_output_prefix) and uri.endswith("/data.csv")
    assert lv.scalar.blob.metadata.type.format == "csv"
    assert Path(uri).read_text() == "a,b"
    back = TypeEngine.to_python_value(ctx, lv, CSVFile)
    assert type(back) is CSVFile and back.path == uri and back.remote_source is None


def test_wrong_values_are_refused(tmp_path: Path) -> None:
    ctx = FlyteContextManager.current_context()
    with pytest.raises(TypeError, match="No automatic conversion"):
        TypeEngine.to_literal(ctx, 3, FlyteFile, TypeEngine.to_literal_type(FlyteFile))
    with pytest.raises(TypeError, match="not a file"):
        TypeEngine.to_literal(
            ctx, str(tmp_path / "missing"), FlyteFile, TypeEngine.to_literal_type(FlyteFile)
        )
    with pytest.raises(TypeError, match="not a directory"):
        TypeEngine.to_literal(
            ctx, str(tmp_path / "x"), FlyteDirectory, TypeEngine.to_literal_type(FlyteDirectory)
        )


@pytest.fixture
def s3_provider(tmp_path: Path, s3_server: S3Server, s3_bucket: S3Bucket) -> FileAccessProvider:
    config = DataConfig(
        s3=S3Config(
            endpoint=s3_server.endpoint_url,
            access_key_id=s3_server.access_key_id,
            secret_access_key=s3_server.secret_access_key,
        )
    )
    return FileAccessProvider(tmp_path / "sandbox", f"s3://{s3_bucket.name}/raw", config)


def test_s3_round_trip_downloads_lazily(tmp_path: Path, s3_provider: FileAccessProvider) -> None:
    (tmp_path / "f.txt").write_text("remote body")
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "y.txt").write_text("y")
    builder = FlyteContextManager.current_context().with_file_access(s3_provider)
    with FlyteContextManager.with_context(builder) as ctx:
        f_lv = TypeEngine.to_literal(
            ctx, FlyteFile(str(tmp_path / "f.txt")), FlyteFile, TypeEngine.to_literal_type(FlyteFile)
        )
        d_lv = TypeEngine.to_literal(
            ctx, str(tmp_path / "d"), FlyteDirectory, TypeEngine.to_literal_type(FlyteDirectory)
        )
        f_uri, d_uri = f_lv.scalar.blob.uri, d_lv.scalar.blob.uri
        assert f_uri.startswith(s3_provider.raw_output_prefix) and f_uri.endswith("/f.txt")

        ff = TypeEngine.to_python_value(ctx, f_lv, FlyteFile)
        assert ff.remote_source == f_uri and not os.path.exists(ff.path)
        with open(ff) as handle:
            assert handle.read() == "remote body"
        assert ff.download() == ff.path and ff.open("rb").read() == b"remote body"

        fd = TypeEngine.to_python_value(ctx, d_lv, FlyteDirectory)
        assert fd.remote_source == d_uri and not os.path.exists(fd.path)
        assert Path(os.fspath(fd), "sub", "y.txt").read_text() == "y"
        assert [rel for _, rel in fd.crawl()] == ["sub/y.txt"]

        # Returned unchanged, a received value keeps its URI; a remote string is passed through.
        again = TypeEngine.to_literal(ctx, ff, FlyteFile, TypeEngine.to_literal_type(FlyteFile))
        assert again.scalar.blob.uri == f_uri
        passed = TypeEngine.to_literal(ctx, "s3://other/k", FlyteFile, TypeEngine.to_literal_type(FlyteFile))
        assert passed.scalar.blob.uri == "s3://other/k"


def test_remote_files_are_streamed_and_folders_listed_without_download(
    tmp_path: Path, s3_provider: FileAccessProvider
) -> None:
    builder = FlyteContextManager.current_context().with_file_access(s3_provider)
    with FlyteContextManager.with_context(builder):
        ff = FlyteFile.new_remote_file(name="note.txt")
        assert ff.path == f"{s3_provider.raw_output_prefix.rsplit('/', 1)[0]}/note.txt"
        with ff.open("w") as out:
            out.write("streamed")
        with ff.open("rb") as back:
            assert back.read() == b"streamed"
        received = FlyteFile.from_source(ff.path)
        assert received.remote_source == ff.path and not os.path.exists(received.path)
        assert Path(received.download()).read_text() == "streamed"

        folder = FlyteDirectory.new_remote(stem="out")
        for name in ("a.txt", "sub/b.txt"):
            with folder.new_file(name).open("wb") as out:
                out.write(name.encode())
        entries = FlyteDirectory.listdir(folder)
        assert [e.remote_source for e in entries] == [f"{folder.path}/a.txt", f"{folder.path}/sub"]
        assert isinstance(entries[1], FlyteDirectory) and not os.path.exists(entries[0].path)
        assert Path(entries[0].download()).read_text() == "a.txt"
        assert [rel for _, rel in folder.crawl()] == ["a.txt", "sub/b.txt"]
        assert [rel for _, rel in folder.crawl(maxdepth=1)] == ["a.txt"]
        with pytest.raises(ValueError, match="extension"):
            FlyteDirectory.new_remote(stem="x.txt")
