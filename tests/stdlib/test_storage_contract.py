"""The ``BlobStore`` contract, run against ``LocalBlobStore`` and ``S3BlobStore`` (moto server)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import httpx
import pytest

from flyteidl.core import literals_pb2
from flytestdlib.errors import BlobNotFound, ChecksumMismatch, CorruptBlob, InvalidUri
from flytestdlib.storage import BlobInfo, BlobStore, read_proto, write_proto


def md5(data: bytes) -> bytes:
    return hashlib.md5(data).digest()


def test_write_then_read_round_trips_bytes(store: BlobStore) -> None:
    uri = store.join("metadata", "run-1", "inputs.pb")
    store.write(uri, b"\x0a\x01x\x00\xff")
    assert store.read(uri) == b"\x0a\x01x\x00\xff"


def test_write_replaces_existing_blob(store: BlobStore) -> None:
    uri = store.join("a", "b.txt")
    store.write(uri, b"first, longer content")
    store.write(uri, b"second")
    assert store.read(uri) == b"second"


def test_empty_blob_is_a_blob(store: BlobStore) -> None:
    uri = store.join("empty")
    store.write(uri, b"")
    assert store.read(uri) == b""
    assert store.head(uri) == BlobInfo(uri=uri, size=0, md5=md5(b""))


def test_missing_blob_raises_blob_not_found(store: BlobStore) -> None:
    uri = store.join("no", "such", "blob")
    with pytest.raises(BlobNotFound) as caught:
        store.read(uri)
    assert caught.value.uri == uri
    assert uri in str(caught.value)


def test_exists_and_head_report_size_and_md5(store: BlobStore) -> None:
    uri = store.join("data", "x.bin")
    assert not store.exists(uri)
    assert store.head(uri) is None
    store.write(uri, b"hello world")
    assert store.exists(uri)
    assert store.head(uri) == BlobInfo(uri=uri, size=11, md5=md5(b"hello world"))


def test_write_with_matching_content_md5(store: BlobStore) -> None:
    uri = store.join("uploads", "f.txt")
    store.write(uri, b"payload", content_md5=md5(b"payload"))
    info = store.head(uri)
    assert info is not None and info.md5 == md5(b"payload")


def test_write_with_wrong_content_md5_writes_nothing(store: BlobStore) -> None:
    uri = store.join("uploads", "g.txt")
    with pytest.raises(ChecksumMismatch, match=r"g\.txt"):
        store.write(uri, b"payload", content_md5=md5(b"other"))
    assert not store.exists(uri)


def test_folder_is_not_a_blob(store: BlobStore) -> None:
    store.write(store.join("folder", "child"), b"1")
    folder = store.join("folder")
    assert not store.exists(folder)
    assert store.head(folder) is None
    with pytest.raises(BlobNotFound):
        store.read(folder)


def test_list_is_recursive_sorted_and_folder_scoped(store: BlobStore) -> None:
    for name in ["m/r1/b", "m/r1/a", "m/r1/sub/c", "m/r10/d", "m/other", "n/e"]:
        store.write(store.join(name), name.encode())
    assert list(store.list(store.join("m", "r1"))) == [
        store.join("m/r1/a"),
        store.join("m/r1/b"),
        store.join("m/r1/sub/c"),
    ]
    # A trailing slash names the same folder; "m/r1" does not match "m/r10".
    assert list(store.list(store.join("m", "r1") + "/")) == list(store.list(store.join("m", "r1")))
    assert len(list(store.list(store.base))) == 6
    assert list(store.list(store.join("nothing-here"))) == []


def test_delete_removes_blob_and_tolerates_missing(store: BlobStore) -> None:
    uri = store.join("to", "delete")
    store.write(uri, b"x")
    store.delete(uri)
    assert not store.exists(uri)
    store.delete(uri)  # missing is fine
    store.delete(store.join("never", "written"))


def test_join_builds_uris_under_base_without_doubled_slashes(store: BlobStore) -> None:
    assert store.join("a", "b") == f"{store.base}/a/b"
    assert store.join("/a/", "/b//c/", "", "d") == f"{store.base}/a/b/c/d"
    assert store.join() == store.base
    full = store.join("metadata", "x")
    assert store.join(full, "y", "z.pb") == f"{store.base}/metadata/x/y/z.pb"
    assert store.join(full + "/", "/y") == f"{store.base}/metadata/x/y"


def test_proto_round_trip_is_deterministic(store: BlobStore) -> None:
    message = literals_pb2.LiteralMap()
    for name, value in [("z", 3), ("a", 1), ("m", 2)]:
        message.literals[name].scalar.primitive.integer = value
    first, second = store.join("p", "one.pb"), store.join("p", "two.pb")
    write_proto(store, first, message)
    reordered = literals_pb2.LiteralMap()
    for name in ["m", "z", "a"]:
        reordered.literals[name].CopyFrom(message.literals[name])
    write_proto(store, second, reordered)
    assert read_proto(store, first, literals_pb2.LiteralMap) == message
    assert store.read(first) == store.read(second)


def test_read_proto_of_garbage_raises_corrupt_blob(store: BlobStore) -> None:
    uri = store.join("bad.pb")
    store.write(uri, b"\xff\xff\xff\xff")
    with pytest.raises(CorruptBlob, match=r"flyteidl\.core\.LiteralMap"):
        read_proto(store, uri, literals_pb2.LiteralMap)
    with pytest.raises(BlobNotFound):
        read_proto(store, store.join("missing.pb"), literals_pb2.LiteralMap)


def test_uri_of_another_scheme_is_refused(store: BlobStore) -> None:
    foreign = "s3://some-bucket/x" if store.base.startswith("file://") else "file:///tmp/x"
    with pytest.raises(InvalidUri, match="reaches only"):
        store.read(foreign)
    with pytest.raises(InvalidUri, match="unsupported scheme"):
        store.exists("gs://bucket/key")
    with pytest.raises(InvalidUri):
        store.write("relative/key", b"x")


def test_presign_put_then_upload_with_httpx(store: BlobStore) -> None:
    uri = store.join("uploads", "flytesnacks", "development", "fast123.tar.gz")
    data = b"a code tarball"
    signed = store.presign(uri, method="PUT", expires_in=timedelta(minutes=5), content_md5=md5(data))
    if store.local_path(uri) is not None:
        assert signed is None  # admin signs and serves local URLs itself
        return
    assert signed is not None
    assert signed.headers == {
        "Content-MD5": "C1y8VSvpC8hJJLpSZCYLsw==",
        "x-amz-meta-flytecontentmd5": "C1y8VSvpC8hJJLpSZCYLsw==",
    }
    # The digest is part of the signature: S3 rejects an upload of other bytes under this URL.
    assert "content-md5" in httpx.URL(signed.url).params["X-Amz-SignedHeaders"].split(";")
    response = httpx.put(signed.url, content=data, headers=signed.headers, timeout=10)
    assert response.status_code == 200, response.text
    assert store.read(uri) == data
    assert store.head(uri) == BlobInfo(uri=uri, size=len(data), md5=md5(data))

    download = store.presign(uri, method="GET", expires_in=timedelta(minutes=5))
    assert download is not None
    assert httpx.get(download.url, headers=download.headers, timeout=10).content == data


def test_implements_the_protocol(store: BlobStore) -> None:
    assert isinstance(store, BlobStore)
    assert store.base.startswith(("file:///", "s3://"))
