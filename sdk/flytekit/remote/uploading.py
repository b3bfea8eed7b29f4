"""PUT a local file to the signed URL admin's DataProxy handed out.

``CreateUploadLocation`` answers with a ``signed_url`` (HTTP PUT, valid for a while), the
``native_url`` the object will have (``s3://...`` or ``file://...``) and headers the PUT must carry.
The PUT sends ``Content-MD5`` (base64 of the md5 digest) so the store can check the bytes; 200 and
201 mean success. ``httpx`` is imported on first use.
"""

from __future__ import annotations

import base64
import logging
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlparse

from flytekit.errors import FlyteDataAccessException

logger = logging.getLogger(__name__)

UPLOAD_TIMEOUT_SECONDS = 300.0


def put_file(
    path: str | os.PathLike[str], signed_url: str, md5_bytes: bytes, headers: Mapping[str, str] | None = None
) -> None:
    """Upload ``path`` to ``signed_url``; raises ``FlyteDataAccessException`` naming the URL on failure."""
    source = Path(path)
    parsed = urlparse(signed_url)
    if parsed.scheme == "file":
        target = Path(unquote(parsed.path))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        return
    if parsed.scheme not in ("http", "https"):
        raise FlyteDataAccessException(
            f"Cannot upload {source.name} to {signed_url!r}: only http(s) and file URLs can be written."
        )
    import httpx

    content = source.read_bytes()
    request_headers = {
        "Content-Length": str(len(content)),
        "Content-MD5": base64.b64encode(md5_bytes).decode("ascii"),
    }
    request_headers.update(headers or {})
    logger.debug("uploading %s (%d bytes) to %s", source, len(content), parsed.netloc)
    try:
        response = httpx.put(
            signed_url, content=content, headers=request_headers, timeout=UPLOAD_TIMEOUT_SECONDS
        )
    except httpx.HTTPError as exc:
        raise FlyteDataAccessException(f"Uploading {source.name} to {parsed.netloc} failed: {exc}") from exc
    if response.status_code not in (200, 201):
        raise FlyteDataAccessException(
            f"Uploading {source.name} to {parsed.netloc} failed with HTTP {response.status_code}: "
            f"{response.text[:500]}"
        )
