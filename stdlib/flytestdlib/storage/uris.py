"""Blob URIs: parsing and joining of ``s3://bucket/key`` and ``file:///absolute/path``.

Every blob in the platform is addressed by one of these two schemes. The helpers here are pure string
functions shared by both stores; they do not decide what a store may reach (the stores do that).
File URIs are taken literally, without percent-decoding, the way fsspec's local filesystem (used by
task processes of the reference flytekit) treats them, so ``file:///a b`` names the path ``/a b``.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import NamedTuple

from flytestdlib.errors import InvalidUri

__all__ = ["ParsedUri", "file_uri", "is_uri", "join", "parse", "resolve"]

SCHEMES = ("s3", "file")


class ParsedUri(NamedTuple):
    """The parts of a blob URI; ``bucket`` is empty for ``file`` URIs, whose key is the absolute path."""

    scheme: str
    bucket: str
    key: str


def is_uri(value: str) -> bool:
    """Whether ``value`` carries a scheme (``scheme://...``) rather than being a plain path or key."""
    scheme, separator, _ = value.partition("://")
    return bool(separator) and scheme.isidentifier()


def parse(uri: str) -> ParsedUri:
    """Split ``uri`` into scheme, bucket and key.

    ``s3://bucket/a/b`` -> ``("s3", "bucket", "a/b")``; ``file:///abs/path`` -> ``("file", "",
    "/abs/path")``. Raises ``InvalidUri`` for other schemes, a missing bucket, or a relative file path.
    """
    scheme, separator, rest = uri.partition("://")
    if not separator:
        raise InvalidUri(uri, "expected 's3://<bucket>/<key>' or 'file:///<absolute path>'.")
    scheme = scheme.lower()
    if scheme == "s3":
        bucket, _, key = rest.partition("/")
        if not bucket:
            raise InvalidUri(uri, "an s3 URI needs a bucket: 's3://<bucket>/<key>'.")
        return ParsedUri("s3", bucket, key.lstrip("/"))
    if scheme == "file":
        if rest.startswith("localhost/"):
            rest = rest[len("localhost") :]
        if not rest.startswith("/"):
            raise InvalidUri(
                uri, "a file URI needs an absolute path after 'file://' (three slashes: 'file:///data/x')."
            )
        return ParsedUri("file", "", rest)
    raise InvalidUri(uri, f"unsupported scheme {scheme!r}; use one of {', '.join(SCHEMES)}.")


def file_uri(path: str | PurePosixPath) -> str:
    """The ``file://`` URI of an absolute path (no percent-encoding; see the module docstring)."""
    text = str(path)
    if not text.startswith("/"):
        raise InvalidUri(text, "only absolute paths have file URIs; resolve the path first.")
    return "file://" + text


def join(base: str, *parts: str) -> str:
    """Join ``parts`` onto ``base`` with single slashes: ``join("s3://b/x/", "/y", "z/")`` -> ``s3://b/x/y/z``.

    Empty parts are skipped; slashes inside a part are kept (collapsed where doubled). The scheme's own
    ``://`` (and the ``/`` starting a file path) is never touched.
    """
    scheme, separator, rest = base.partition("://")
    if separator:
        head = scheme + separator
        if rest.startswith("/"):  # file:///abs: the path's leading slash belongs to the path
            head += "/"
        segments = [rest]
    else:
        head = "/" if base.startswith("/") else ""
        segments = [base]
    segments.extend(parts)
    pieces = [piece for segment in segments for piece in segment.split("/") if piece]
    return head + "/".join(pieces)


def resolve(base: str, *parts: str) -> str:
    """``BlobStore.join``: ``parts`` joined onto ``parts[0]`` if that is a full URI, else onto ``base``."""
    if parts and is_uri(parts[0]):
        return join(parts[0], *parts[1:])
    return join(base, *parts)
