"""The blob-store seam: the ``BlobStore`` protocol and the values it returns.

Admin, propeller and datacatalog address every blob by URI (``file://`` for the sandbox's local
directory, ``s3://`` for S3 and S3-compatible servers) and reach it only through this protocol, so
they never know which backend they run on. Implementations: ``LocalBlobStore`` (``_local.py``) and
``S3BlobStore`` (``_s3.py``); ``store_for(settings)`` picks one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

__all__ = ["BlobInfo", "BlobStore", "SignedUrl"]


@dataclass(frozen=True)
class BlobInfo:
    """What ``head`` knows about a blob: its URI, size in bytes and MD5 digest (None if unknown)."""

    uri: str
    size: int
    md5: bytes | None


@dataclass(frozen=True)
class SignedUrl:
    """A URL granting one HTTP method on one blob; the client must send ``headers`` with its request."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class BlobStore(Protocol):
    """Read and write blobs addressed by URI.

    Errors are those of ``flytestdlib.errors``: ``BlobNotFound`` from ``read``, ``InvalidUri`` for a URI
    the store cannot reach, ``StorageUnavailable`` (retryable) when the backend does not answer.
    """

    @property
    def base(self) -> str:
        """The root URI everything is joined to: ``file:///abs/dir``, ``s3://bucket`` or ``s3://bucket/prefix``."""
        ...

    def join(self, *parts: str) -> str:
        """A URI made of ``parts`` joined with single slashes.

        If ``parts[0]`` is a full URI (has a scheme) the rest are joined onto it; otherwise all parts
        are joined onto ``base``.
        """
        ...

    def read(self, uri: str) -> bytes:
        """The blob's bytes; raises ``BlobNotFound`` if there is none."""
        ...

    def write(self, uri: str, data: bytes, *, content_md5: bytes | None = None) -> None:
        """Store ``data`` at ``uri``, replacing any blob there; readers see the old or the new bytes,
        never a mix. If ``content_md5`` (raw 16-byte digest) is given and does not match, nothing is
        written and ``ChecksumMismatch`` is raised."""
        ...

    def exists(self, uri: str) -> bool:
        """Whether a blob is stored at ``uri``."""
        ...

    def head(self, uri: str) -> BlobInfo | None:
        """Size and MD5 of the blob at ``uri``, or None if there is none."""
        ...

    def list(self, prefix: str) -> Iterator[str]:
        """URIs of all blobs below the folder ``prefix`` (recursively), in lexicographic order."""
        ...

    def delete(self, uri: str) -> None:
        """Remove the blob at ``uri``; a missing blob is not an error."""
        ...

    def local_path(self, uri: str) -> Path | None:
        """The filesystem path of ``uri`` if this store keeps blobs as local files, else None."""
        ...

    def presign(
        self,
        uri: str,
        *,
        method: Literal["GET", "PUT"],
        expires_in: timedelta,
        content_md5: bytes | None = None,
    ) -> SignedUrl | None:
        """A URL letting a plain HTTP client GET or PUT the blob without credentials, or None if this
        store cannot sign URLs itself (the local store: admin serves and signs those)."""
        ...
