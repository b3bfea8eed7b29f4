"""``StorageSettings`` (which blob store a service uses) and ``store_for``, which builds it.

Services embed ``StorageSettings`` in their own settings tree (pydantic-settings reads YAML and
environment at the edge) and call ``store_for`` once in ``main()``. Validation errors name the field to
set, e.g. ``storage.kind is 's3' but storage.bucket is not set``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from flytestdlib.storage._local import LocalBlobStore
from flytestdlib.storage._protocol import BlobStore
from flytestdlib.storage._s3 import S3BlobStore

__all__ = ["StorageSettings", "store_for"]


class StorageSettings(BaseModel):
    """Where blobs live: a local folder (``kind="local"``, ``root``) or an S3 bucket (``kind="s3"``,
    ``bucket``, optional ``prefix``, ``endpoint_url`` for S3-compatible servers, ``region`` and
    credentials; without credentials boto3's default chain applies)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["local", "s3"] = "local"
    root: Path | None = None
    bucket: str | None = None
    prefix: str = ""
    endpoint_url: str | None = None
    region: str | None = None
    access_key_id: str | None = None
    # Kept out of repr() so settings can be logged.
    secret_access_key: str | None = Field(default=None, repr=False)

    @field_validator("bucket")
    @classmethod
    def _bare_bucket(cls, bucket: str | None) -> str | None:
        if bucket is None:
            return None
        if bucket.startswith("s3://"):
            raise ValueError(
                f"storage.bucket must be a bare bucket name, not a URI: use {bucket[5:].split('/')[0]!r} "
                "and put any path into storage.prefix."
            )
        if not bucket or "/" in bucket:
            raise ValueError(f"storage.bucket {bucket!r} is not a bucket name; use e.g. 'my-flyte-data'.")
        return bucket

    @field_validator("prefix")
    @classmethod
    def _strip_prefix(cls, prefix: str) -> str:
        return prefix.strip("/")

    @field_validator("endpoint_url")
    @classmethod
    def _http_endpoint(cls, endpoint_url: str | None) -> str | None:
        if endpoint_url is not None and not endpoint_url.startswith(("http://", "https://")):
            raise ValueError(
                f"storage.endpoint_url {endpoint_url!r} must be an http:// or https:// URL, "
                "e.g. 'http://localhost:9000'."
            )
        return endpoint_url

    @model_validator(mode="after")
    def _complete_for_kind(self) -> Self:
        if self.kind == "local" and self.root is None:
            raise ValueError("storage.kind is 'local' but storage.root is not set; set it to a folder path.")
        if self.kind == "s3" and self.bucket is None:
            raise ValueError("storage.kind is 's3' but storage.bucket is not set; set it to the bucket name.")
        if (self.access_key_id is None) != (self.secret_access_key is None):
            raise ValueError(
                "set both storage.access_key_id and storage.secret_access_key, or neither "
                "(to use the default AWS credential chain)."
            )
        return self


def store_for(settings: StorageSettings) -> BlobStore:
    """The blob store ``settings`` describe (no I/O happens until the store is used)."""
    if settings.kind == "s3":
        assert settings.bucket is not None  # guaranteed by validation
        return S3BlobStore(
            settings.bucket,
            prefix=settings.prefix,
            endpoint_url=settings.endpoint_url,
            region=settings.region,
            access_key_id=settings.access_key_id,
            secret_access_key=settings.secret_access_key,
        )
    assert settings.root is not None  # guaranteed by validation
    return LocalBlobStore(settings.root)
