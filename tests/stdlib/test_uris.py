"""URI parsing and joining shared by the blob stores."""

from __future__ import annotations

import pytest

from flytestdlib.errors import InvalidUri
from flytestdlib.storage.uris import ParsedUri, file_uri, is_uri, join, parse


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("s3://bucket/a/b.pb", ParsedUri("s3", "bucket", "a/b.pb")),
        ("s3://bucket", ParsedUri("s3", "bucket", "")),
        ("s3://bucket/", ParsedUri("s3", "bucket", "")),
        ("S3://bucket//a", ParsedUri("s3", "bucket", "a")),
        ("file:///data/blobs/x", ParsedUri("file", "", "/data/blobs/x")),
        ("file://localhost/data/x", ParsedUri("file", "", "/data/x")),
        ("file:///", ParsedUri("file", "", "/")),
    ],
)
def test_parse(uri: str, expected: ParsedUri) -> None:
    assert parse(uri) == expected


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("bucket/key", "expected 's3://"),
        ("s3:///key", "needs a bucket"),
        ("file://data/x", "three slashes"),
        ("gs://bucket/key", "unsupported scheme 'gs'"),
        ("", "expected 's3://"),
    ],
)
def test_parse_rejects_with_a_hint(uri: str, message: str) -> None:
    with pytest.raises(InvalidUri, match=message):
        parse(uri)


def test_is_uri() -> None:
    assert is_uri("s3://b/k")
    assert is_uri("file:///x")
    assert not is_uri("/abs/path")
    assert not is_uri("relative/key")
    assert not is_uri("a/b://c")


@pytest.mark.parametrize(
    ("base", "parts", "expected"),
    [
        ("s3://b", ("x", "y"), "s3://b/x/y"),
        ("s3://b/", ("/x/", "//y"), "s3://b/x/y"),
        ("s3://b/pre", ("", "x"), "s3://b/pre/x"),
        ("s3://b", (), "s3://b"),
        ("file:///root", ("a/b", "c.pb"), "file:///root/a/b/c.pb"),
        ("file:///", ("a",), "file:///a"),
        ("file:///", (), "file:///"),
        ("file:///root/", ("a//b/",), "file:///root/a/b"),
        ("/abs", ("x",), "/abs/x"),
        ("rel", ("x",), "rel/x"),
    ],
)
def test_join(base: str, parts: tuple[str, ...], expected: str) -> None:
    assert join(base, *parts) == expected


def test_file_uri() -> None:
    assert file_uri("/data/x y") == "file:///data/x y"
    with pytest.raises(InvalidUri, match="absolute"):
        file_uri("data/x")
