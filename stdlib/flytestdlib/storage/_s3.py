"""``S3BlobStore``: blobs in S3 or an S3-compatible server (MinIO, moto, ...), addressed by ``s3://``.

boto3 is imported on first use, never at import time. Any bucket the credentials reach can be read
and written (Flyte lets executions put raw data in other buckets); ``bucket``/``prefix`` only set the
store's ``base``. Every write sends ``Content-MD5`` (S3 rejects corrupted uploads) and records the
digest as the ``flytecontentmd5`` user metadata, the key Flyte's data proxy compares against; presigned
PUT URLs made with a digest require the same two headers from the uploader. botocore errors are
translated into ``flytestdlib.errors`` here and nowhere else.
"""

from __future__ import annotations

import builtins
import logging
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from flytestdlib.errors import (
    BlobNotFound,
    ChecksumMismatch,
    InvalidUri,
    StorageError,
    StorageUnavailable,
)
from flytestdlib.storage import uris
from flytestdlib.storage._digests import b64_md5, checked_md5, md5_from_b64, md5_from_etag
from flytestdlib.storage._protocol import BlobInfo, SignedUrl

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

__all__ = ["MD5_METADATA_KEY", "S3BlobStore"]

logger = logging.getLogger(__name__)

MD5_METADATA_KEY = "flytecontentmd5"
"""User-metadata key holding the base64 MD5 of a blob (sent as the ``x-amz-meta-flytecontentmd5`` header)."""

# The longest validity S3 accepts for a SigV4 presigned URL.
MAX_PRESIGN_EXPIRY = timedelta(days=7)

_NOT_FOUND_CODES = frozenset({"NoSuchKey", "NotFound", "404"})
_CHECKSUM_CODES = frozenset({"BadDigest", "InvalidDigest"})
_TRANSIENT_CODES = frozenset(
    {
        "InternalError",
        "ServiceUnavailable",
        "SlowDown",
        "Throttling",
        "ThrottlingException",
        "RequestTimeout",
        "RequestTimeTooSkewed",
    }
)


class S3BlobStore:
    """A ``BlobStore`` over S3; ``endpoint_url`` points it at an S3-compatible server (path-style)."""

    def __init__(
        self,
        bucket: str,
        *,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
    ) -> None:
        if not bucket or "/" in bucket or "://" in bucket:
            raise InvalidUri(f"s3://{bucket}", "the bucket must be a bare bucket name such as 'my-bucket'.")
        if (access_key_id is None) != (secret_access_key is None):
            raise StorageError(
                f"S3 store for bucket {bucket!r}: set both access_key_id and secret_access_key, or "
                "neither (to use boto3's default credential chain)."
            )
        self._bucket = bucket
        self._prefix = prefix.strip("/")
        self._endpoint_url = endpoint_url
        self._region = region
        self._access_key_id = access_key_id
        self._secret_access_key = secret_access_key
        self._base = uris.join(f"s3://{bucket}", self._prefix)
        self._client_lock = threading.Lock()
        self._s3: S3Client | None = None

    def __repr__(self) -> str:
        where = f", endpoint_url={self._endpoint_url!r}" if self._endpoint_url else ""
        return f"S3BlobStore({self._base!r}{where})"

    @property
    def base(self) -> str:
        return self._base

    @property
    def bucket(self) -> str:
        return self._bucket

    def join(self, *parts: str) -> str:
        return uris.resolve(self._base, *parts)

    def read(self, uri: str) -> bytes:
        bucket, key = self._locate(uri)
        try:
            response = self._client().get_object(Bucket=bucket, Key=key)
            with response["Body"] as body:
                return body.read()
        except Exception as error:
            self._raise(error, uri, "read")

    def write(self, uri: str, data: bytes, *, content_md5: bytes | None = None) -> None:
        bucket, key = self._locate(uri)
        if not key:
            raise InvalidUri(uri, "it names a bucket, not a blob; add a key after the bucket.")
        encoded = b64_md5(checked_md5(uri, data, content_md5))
        try:
            self._client().put_object(
                Bucket=bucket, Key=key, Body=data, ContentMD5=encoded, Metadata={MD5_METADATA_KEY: encoded}
            )
        except Exception as error:
            self._raise(error, uri, "write")
        logger.debug("Wrote %d bytes to %s", len(data), uri)

    def exists(self, uri: str) -> bool:
        return self.head(uri) is not None

    def head(self, uri: str) -> BlobInfo | None:
        bucket, key = self._locate(uri)
        if not key:
            return None
        try:
            response = self._client().head_object(Bucket=bucket, Key=key)
        except Exception as error:
            if _error_code(error) in _NOT_FOUND_CODES:
                return None
            self._raise(error, uri, "inspect")
        stored = response.get("Metadata", {}).get(MD5_METADATA_KEY)
        md5 = md5_from_b64(stored) if stored else None
        if md5 is None:
            md5 = md5_from_etag(response.get("ETag", ""))
        return BlobInfo(uri=f"s3://{bucket}/{key}", size=response["ContentLength"], md5=md5)

    def delete(self, uri: str) -> None:
        bucket, key = self._locate(uri)
        if not key:
            raise InvalidUri(uri, "it names a bucket, not a blob; the store never deletes buckets.")
        try:
            self._client().delete_object(Bucket=bucket, Key=key)
        except Exception as error:
            if _error_code(error) in _NOT_FOUND_CODES:
                return
            self._raise(error, uri, "delete")
        logger.debug("Deleted %s", uri)

    def local_path(self, uri: str) -> Path | None:
        self._locate(uri)
        return None

    def presign(
        self,
        uri: str,
        *,
        method: Literal["GET", "PUT"],
        expires_in: timedelta,
        content_md5: bytes | None = None,
    ) -> SignedUrl | None:
        bucket, key = self._locate(uri)
        if not key:
            raise InvalidUri(uri, "it names a bucket, not a blob; sign a URL for a key inside it.")
        if not timedelta(seconds=1) <= expires_in <= MAX_PRESIGN_EXPIRY:
            raise ValueError(
                f"Cannot sign {uri!r} for {expires_in}: S3 signed URLs last between 1 second and 7 days."
            )
        params: dict[str, Any] = {"Bucket": bucket, "Key": key}
        headers: dict[str, str] = {}
        if method == "GET":
            operation = "get_object"
        elif method == "PUT":
            operation = "put_object"
            if content_md5 is not None:
                encoded = b64_md5(content_md5)
                params["ContentMD5"] = encoded
                params["Metadata"] = {MD5_METADATA_KEY: encoded}
                # Both are signed headers of the URL: the uploader must send them verbatim.
                headers = {"Content-MD5": encoded, f"x-amz-meta-{MD5_METADATA_KEY}": encoded}
        else:
            raise ValueError(f"Cannot sign {uri!r} for HTTP method {method!r}; use 'GET' or 'PUT'.")
        try:
            url = self._client().generate_presigned_url(
                operation, Params=params, ExpiresIn=int(expires_in.total_seconds()), HttpMethod=method
            )
        except Exception as error:
            self._raise(error, uri, "sign a URL for")
        return SignedUrl(url=url, headers=headers)

    def list(self, prefix: str) -> Iterator[str]:
        bucket, key = self._locate(prefix)
        folder = key.rstrip("/")
        paginator = self._client().get_paginator("list_objects_v2")
        pages = paginator.paginate(Bucket=bucket, Prefix=f"{folder}/" if folder else "")
        found: builtins.list[str] = []
        try:
            for page in pages:
                for item in page.get("Contents", []):
                    name = item.get("Key", "")
                    # Zero-byte "folder/" markers made by consoles are not blobs.
                    if name and not name.endswith("/"):
                        found.append(f"s3://{bucket}/{name}")
        except Exception as error:
            self._raise(error, prefix, "list blobs under")
        return iter(found)

    def _locate(self, uri: str) -> tuple[str, str]:
        parsed = uris.parse(uri)
        if parsed.scheme != "s3":
            raise InvalidUri(
                uri,
                f"the S3 blob store ({self._base}) reaches only s3:// URIs; "
                "configure storage kind 'local' to use local files.",
            )
        return parsed.bucket, parsed.key

    def _client(self) -> S3Client:
        with self._client_lock:
            if self._s3 is None:
                self._s3 = self._make_client()
            return self._s3

    def _make_client(self) -> S3Client:
        import boto3.session
        from botocore.config import Config

        config = Config(
            signature_version="s3v4",
            # Loopback and in-cluster S3 servers have no per-bucket host names.
            s3={"addressing_style": "path" if self._endpoint_url else "auto"},
            retries={"mode": "standard", "max_attempts": 3},
            connect_timeout=10,
            read_timeout=60,
            # Only checksum when the API demands it: S3-compatible servers differ in support for the
            # newer flexible checksums, and every write carries Content-MD5 anyway.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        # A session of our own: boto3's default session is shared, mutable and not thread-safe.
        session = boto3.session.Session()
        logger.info("Connecting to S3 bucket %s (endpoint %s)", self._bucket, self._endpoint_url or "AWS")
        return session.client(
            "s3",
            endpoint_url=self._endpoint_url,
            region_name=self._region,
            aws_access_key_id=self._access_key_id,
            aws_secret_access_key=self._secret_access_key,
            config=config,
        )

    def _raise(self, error: Exception, uri: str, action: str) -> NoReturn:
        """Re-raise a boto3/botocore ``error`` from ``action`` on ``uri`` as a flytestdlib error."""
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        where = self._endpoint_url or "AWS S3"
        if isinstance(error, ClientError):
            code = _error_code(error)
            if code in _NOT_FOUND_CODES:
                raise BlobNotFound(uri) from error
            if code == "NoSuchBucket":
                raise StorageError(
                    f"Could not {action} {uri!r}: the bucket does not exist at {where}; "
                    "create it or fix the storage bucket setting."
                ) from error
            if code in _CHECKSUM_CODES:
                raise ChecksumMismatch(
                    uri, f"{where} found that the bytes it received do not match their Content-MD5 ({code})."
                ) from error
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            message = f"Could not {action} {uri!r} at {where}: {code}: {error}"
            if code in _TRANSIENT_CODES or status >= 500:
                raise StorageUnavailable(message) from error
            if code in {"AccessDenied", "403", "InvalidAccessKeyId", "SignatureDoesNotMatch"}:
                raise StorageError(f"{message} (check the storage credentials and bucket policy)") from error
            raise StorageError(message) from error
        if isinstance(error, NoCredentialsError):
            raise StorageError(
                f"Could not {action} {uri!r}: no S3 credentials found; set access_key_id and "
                "secret_access_key in the storage settings or the AWS_* environment variables."
            ) from error
        if isinstance(error, BotoCoreError):
            # Connection refused, timeouts, DNS failures: the server may come back.
            raise StorageUnavailable(f"Could not {action} {uri!r} at {where}: {error}") from error
        raise error


def _error_code(error: Exception) -> str:
    from botocore.exceptions import ClientError

    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code", ""))
    return ""
