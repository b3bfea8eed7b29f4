"""Fixtures of the flytestdlib tests: one ``store`` fixture over every blob-store implementation."""

from __future__ import annotations

from pathlib import Path

import pytest

from flytestdlib.storage import BlobStore, LocalBlobStore, S3BlobStore
from tests.services.s3 import S3Bucket, S3Server


def s3_store(server: S3Server, bucket: S3Bucket, prefix: str = "") -> S3BlobStore:
    """An ``S3BlobStore`` on the test's moto bucket."""
    return S3BlobStore(
        bucket.name,
        prefix=prefix,
        endpoint_url=server.endpoint_url,
        region=server.region,
        access_key_id=server.access_key_id,
        secret_access_key=server.secret_access_key,
    )


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.integration)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    """Each contract test runs once per implementation: a local folder and a real S3 server (moto)."""
    if request.param == "local":
        return LocalBlobStore(tmp_path / "blobs")
    server: S3Server = request.getfixturevalue("s3_server")
    bucket: S3Bucket = request.getfixturevalue("s3_bucket")
    return s3_store(server, bucket)
