"""``FileAccessProvider`` on local paths, ``file://`` URIs and a real S3 protocol server (moto)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flytekit.configuration import DataConfig, S3Config
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.errors import FlyteDataAccessException
from tests.services.s3 import S3Bucket, S3Server


def provider(tmp_path: Path, raw: str = "", data_config: DataConfig | None = None) -> FileAccessProvider:
    return FileAccessProvider(tmp_path / "sandbox", raw or str(tmp_path / "raw"), data_config)


def test_paths_and_names(tmp_path: Path) -> None:
    fa = provider(tmp_path, raw="s3://bucket/raw")
    assert FileAccessProvider.is_remote("s3://b/k") and FileAccessProvider.is_remote("https://x/y")
    assert not FileAccessProvider.is_remote("file:///tmp/x") and not FileAccessProvider.is_remote("/tmp/x")
    assert FileAccessProvider.join("s3://b/", "/a/", "c.pb") == "s3://b/a/c.pb"
    assert FileAccessProvider.join("/tmp/x", "outputs.pb") == "/tmp/x/outputs.pb"
    assert fa.raw_output_prefix == "s3://bucket/raw/"
    remote = fa.get_random_remote_path("/some/where/data.csv")
    assert remote.startswith("s3://bucket/raw/") and remote.endswith("/data.csv")
    assert fa.get_random_local_path() != fa.get_random_local_path()
    assert Path(fa.get_random_local_directory()).is_dir()


def test_local_and_file_uris(tmp_path: Path) -> None:
    fa = provider(tmp_path)
    uri = f"file://{tmp_path}/a/b/outputs.pb"
    assert fa.write_bytes(uri, b"data") == uri
    assert (tmp_path / "a" / "b" / "outputs.pb").read_bytes() == b"data"
    assert fa.read_bytes(str(tmp_path / "a" / "b" / "outputs.pb")) == b"data"
    assert fa.exists(uri) and not fa.exists(f"file://{tmp_path}/missing")
    (tmp_path / "dir" / "sub").mkdir(parents=True)
    (tmp_path / "dir" / "sub" / "f.txt").write_text("x")
    fa.put_data(str(tmp_path / "dir"), f"file://{tmp_path}/copy", is_multipart=True)
    assert (tmp_path / "copy" / "sub" / "f.txt").read_text() == "x"
    fa.get_data(str(tmp_path / "copy" / "sub" / "f.txt"), str(tmp_path / "down" / "f.txt"))
    assert (tmp_path / "down" / "f.txt").read_text() == "x"
    with pytest.raises(FlyteDataAccessException, match="Failed to read"):
        fa.read_bytes(str(tmp_path / "missing.pb"))
    with pytest.raises(FlyteDataAccessException, match="download-only"):
        fa.write_bytes("https://example.com/x", b"")


@pytest.mark.integration
def test_s3(tmp_path: Path, s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    config = DataConfig(
        s3=S3Config(
            endpoint=s3_server.endpoint_url,
            access_key_id=s3_server.access_key_id,
            secret_access_key=s3_server.secret_access_key,
        )
    )
    fa = provider(tmp_path, raw=f"s3://{s3_bucket.name}/raw", data_config=config)
    key = f"s3://{s3_bucket.name}/metadata/inputs.pb"
    fa.write_bytes(key, b"payload")
    assert fa.read_bytes(key) == b"payload"
    assert fa.exists(key) and not fa.exists(f"s3://{s3_bucket.name}/nothing")
    (tmp_path / "tree" / "nested").mkdir(parents=True)
    (tmp_path / "tree" / "one.txt").write_text("1")
    (tmp_path / "tree" / "nested" / "two.txt").write_text("2")
    fa.put_data(str(tmp_path / "tree"), f"s3://{s3_bucket.name}/tree", is_multipart=True)
    listed = sorted(
        o["Key"] for o in s3_bucket.client.list_objects_v2(Bucket=s3_bucket.name, Prefix="tree/")["Contents"]
    )
    assert listed == ["tree/nested/two.txt", "tree/one.txt"]
    fa.get_data(f"s3://{s3_bucket.name}/tree", str(tmp_path / "back"), is_multipart=True)
    assert (tmp_path / "back" / "nested" / "two.txt").read_text() == "2"
    fa.put_data(str(tmp_path / "tree" / "one.txt"), f"s3://{s3_bucket.name}/single.txt")
    fa.get_data(f"s3://{s3_bucket.name}/single.txt", str(tmp_path / "single.txt"))
    assert (tmp_path / "single.txt").read_text() == "1"
    with pytest.raises(FlyteDataAccessException, match="no bucket"):
        fa.read_bytes("s3:///key")
