"""Signed URLs that admin serves itself (for blob stores that cannot sign, i.e. the local one).

A URL grants one method (GET or PUT) on one blob key until ``expires`` (unix seconds); for uploads it
may also bind the content MD5. The signature is an HMAC-SHA256 over all of them with admin's secret,
so a URL cannot be altered, reused for another blob, or used after it expires.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from flyteadmin.errors import Unauthenticated

__all__ = ["UrlSigner"]


class UrlSigner:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the URL signing secret must be at least 16 bytes long")
        self._secret = secret

    def signature(self, method: str, key: str, expires: int, content_md5: str) -> str:
        message = "\n".join((method.upper(), key, str(expires), content_md5)).encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def verify(self, method: str, key: str, expires: int, content_md5: str, signature: str) -> None:
        """Raise ``Unauthenticated`` unless ``signature`` is valid and not expired."""
        expected = self.signature(method, key, expires, content_md5)
        if not hmac.compare_digest(expected, signature):
            raise Unauthenticated(
                f"The signature of this {method.upper()} URL for {key} does not match; request a new signed URL."
            )
        if time.time() > expires:
            raise Unauthenticated(
                f"The signed {method.upper()} URL for {key} has expired; request a new one."
            )
