"""MD5 digests of blobs: computing, checking against a declared Content-MD5, and base64 forms.

S3 (and Flyte's data proxy) carry MD5 digests base64-encoded in the ``Content-MD5`` header; the stores
take and return raw 16-byte digests and convert only at the HTTP edge.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import BinaryIO

from flytestdlib.errors import ChecksumMismatch

__all__ = ["b64_md5", "checked_md5", "file_md5", "md5_from_b64", "md5_from_etag"]

_CHUNK = 1 << 20


def checked_md5(uri: str, data: bytes, declared: bytes | None) -> bytes:
    """The MD5 of ``data``; raises ``ChecksumMismatch`` if ``declared`` is given and differs."""
    actual = hashlib.md5(data, usedforsecurity=False).digest()
    if declared is not None and declared != actual:
        raise ChecksumMismatch(
            uri,
            f"its content MD5 is {actual.hex()} but {declared.hex()} was declared; the data was "
            "corrupted or the wrong checksum was sent.",
        )
    return actual


def file_md5(stream: BinaryIO) -> bytes:
    """The MD5 of everything left in ``stream``, read in chunks."""
    digest = hashlib.md5(usedforsecurity=False)
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    return digest.digest()


def b64_md5(md5: bytes) -> str:
    """The base64 text of a raw digest, as the ``Content-MD5`` header carries it."""
    return base64.b64encode(md5).decode("ascii")


def md5_from_b64(text: str) -> bytes | None:
    """The raw digest in a base64 ``Content-MD5`` value, or None if it is not one."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 16 else None


def md5_from_etag(etag: str) -> bytes | None:
    """The digest an S3 ETag stands for: single-part uploads without KMS use the hex MD5 as ETag;
    multipart ETags (``<hex>-<parts>``) are not an MD5 of the content and give None."""
    text = etag.strip('"')
    if len(text) != 32:
        return None
    try:
        return bytes.fromhex(text)
    except ValueError:
        return None
