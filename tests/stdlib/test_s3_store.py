"""What only the S3 store does: prefixes, MD5 metadata, other buckets, error translation, lazy boto3."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from flytestdlib.errors import InvalidUri, StorageError, StorageUnavailable
from flytestdlib.storage import BlobInfo, S3BlobStore
from tests.services.s3 import S3Bucket, S3Server
from tests.stdlib.conftest import s3_store

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


def test_prefix_is_part_of_base_and_keys(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    store = s3_store(s3_server, s3_bucket, prefix="/flyte/data/")
    assert store.base == f"s3://{s3_bucket.name}/flyte/data"
    store.write(store.join("metadata", "x.pb"), b"x")
    keys = [item["Key"] for item in s3_bucket.client.list_objects_v2(Bucket=s3_bucket.name)["Contents"]]
    assert keys == ["flyte/data/metadata/x.pb"]
    assert list(store.list(store.base)) == [f"s3://{s3_bucket.name}/flyte/data/metadata/x.pb"]


def test_writes_record_the_md5_as_flyte_metadata(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    store = s3_store(s3_server, s3_bucket)
    store.write(store.join("k"), b"hello world")
    head = s3_bucket.client.head_object(Bucket=s3_bucket.name, Key="k")
    assert head["Metadata"] == {"flytecontentmd5": "XrY7u+Ae7tCTyyK7j1rNww=="}


def test_head_falls_back_to_the_etag_for_foreign_objects(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    s3_bucket.client.put_object(Bucket=s3_bucket.name, Key="foreign", Body=b"hello world")
    store = s3_store(s3_server, s3_bucket)
    assert store.head(store.join("foreign")) == BlobInfo(
        uri=store.join("foreign"), size=11, md5=hashlib.md5(b"hello world").digest()
    )


def test_folder_markers_are_not_listed(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    s3_bucket.client.put_object(Bucket=s3_bucket.name, Key="dir/", Body=b"")
    s3_bucket.client.put_object(Bucket=s3_bucket.name, Key="dir/file", Body=b"x")
    store = s3_store(s3_server, s3_bucket)
    assert list(store.list(store.join("dir"))) == [store.join("dir", "file")]


def test_other_buckets_are_reachable(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    other = f"{s3_bucket.name}-raw"
    s3_bucket.client.create_bucket(Bucket=other)
    try:
        store = s3_store(s3_server, s3_bucket)
        store.write(f"s3://{other}/raw/a", b"raw data")
        assert store.read(f"s3://{other}/raw/a") == b"raw data"
        assert list(store.list(f"s3://{other}/raw")) == [f"s3://{other}/raw/a"]
        store.delete(f"s3://{other}/raw/a")
    finally:
        s3_bucket.client.delete_bucket(Bucket=other)


def test_missing_bucket_is_a_clear_error(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    store = s3_store(s3_server, s3_bucket)
    with pytest.raises(StorageError, match=r"bucket does not exist.*fix the storage bucket setting"):
        store.write("s3://no-such-bucket-here/x", b"x")
    with pytest.raises(StorageError, match="bucket does not exist"):
        list(store.list("s3://no-such-bucket-here/"))


def test_bucket_uris_are_not_blobs(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    store = s3_store(s3_server, s3_bucket)
    with pytest.raises(InvalidUri, match="names a bucket"):
        store.write(store.base, b"x")
    with pytest.raises(InvalidUri, match="names a bucket"):
        store.delete(store.base + "/")
    assert store.head(store.base) is None


def test_presign_validates_expiry(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    store = s3_store(s3_server, s3_bucket)
    for expires_in in (timedelta(0), timedelta(days=8)):
        with pytest.raises(ValueError, match="between 1 second and 7 days"):
            store.presign(store.join("k"), method="GET", expires_in=expires_in)
    signed = store.presign(store.join("k"), method="PUT", expires_in=timedelta(hours=1))
    assert signed is not None and signed.headers == {}
    assert "X-Amz-Expires=3600" in signed.url


def test_unreachable_endpoint_is_retryable() -> None:
    # Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
    store = S3BlobStore(
        "bucket",
        endpoint_url="http://127.0.0.1:9",
        access_key_id="a",
        secret_access_key="b",
        region="us-east-1",
    )
    with pytest.raises(
        StorageUnavailable, match=re.escape("Could not read 's3://bucket/x' at http://127.0.0.1:9")
    ) as caught:
        store.read("s3://bucket/x")
    assert caught.value.retryable


def test_missing_credentials_are_a_clear_error(
    s3_server: S3Server, s3_bucket: S3Bucket, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    store = S3BlobStore(s3_bucket.name, endpoint_url=s3_server.endpoint_url)
    with pytest.raises(StorageError, match="no S3 credentials found; set access_key_id"):
        store.read(store.join("x"))


def test_head_names_the_blob_canonically(s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    store = s3_store(s3_server, s3_bucket)
    store.write(store.join("a", "b"), b"x")
    info = store.head(f"s3://{s3_bucket.name}//a/b")
    assert info is not None and info.uri == store.join("a", "b")


def test_half_given_credentials_are_refused() -> None:
    with pytest.raises(StorageError, match="set both access_key_id and secret_access_key"):
        S3BlobStore("bucket", access_key_id="only-the-id")
    with pytest.raises(InvalidUri, match="bare bucket name"):
        S3BlobStore("s3://bucket")


def test_boto3_is_not_imported_until_used() -> None:
    code = (
        "import sys, flytestdlib.storage as s; "
        "s.S3BlobStore('b', endpoint_url='http://127.0.0.1:9'); "
        "assert 'boto3' not in sys.modules and 'botocore' not in sys.modules, 'imported too early'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
