"""``StorageSettings`` validation and ``store_for``."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from flytestdlib.storage import LocalBlobStore, S3BlobStore, StorageSettings, store_for


def test_local_settings_build_a_local_store(tmp_path: Path) -> None:
    store = store_for(StorageSettings(root=tmp_path / "blobs"))
    assert isinstance(store, LocalBlobStore)
    assert store.base == f"file://{tmp_path}/blobs"


def test_s3_settings_build_an_s3_store() -> None:
    settings = StorageSettings(
        kind="s3",
        bucket="my-bucket",
        prefix="/flyte/",
        endpoint_url="http://localhost:9000",
        access_key_id="id",
        secret_access_key="very-secret-value",
    )
    store = store_for(settings)
    assert isinstance(store, S3BlobStore)
    assert store.base == "s3://my-bucket/flyte"
    assert "very-secret-value" not in repr(settings)


def test_settings_are_read_from_plain_data() -> None:
    settings = StorageSettings.model_validate({"kind": "s3", "bucket": "b-1", "region": "eu-west-1"})
    assert store_for(settings).base == "s3://b-1"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "storage.kind is 'local' but storage.root is not set"),
        ({"kind": "s3"}, "storage.kind is 's3' but storage.bucket is not set"),
        ({"kind": "s3", "bucket": "s3://b/x"}, "bare bucket name, not a URI: use 'b'"),
        ({"kind": "s3", "bucket": "a/b"}, "is not a bucket name"),
        (
            {"kind": "s3", "bucket": "b", "endpoint_url": "localhost:9000"},
            "must be an http:// or https:// URL",
        ),
        ({"kind": "s3", "bucket": "b", "access_key_id": "x"}, "set both storage.access_key_id"),
        ({"kind": "gcs", "bucket": "b"}, "'local' or 's3'"),
        ({"root": "/x", "bukket": "b"}, "bukket"),
    ],
)
def test_invalid_settings_say_what_to_set(values: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        StorageSettings.model_validate(values)
