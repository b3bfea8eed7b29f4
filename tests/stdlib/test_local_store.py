"""What only the local store does: its root confinement, plain paths, atomic writes and file modes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from flytestdlib.errors import InvalidUri, StorageError
from flytestdlib.storage import BlobInfo, LocalBlobStore


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "blobs"


@pytest.fixture
def local(root: Path) -> LocalBlobStore:
    return LocalBlobStore(root)


def test_base_is_the_file_uri_of_the_root(local: LocalBlobStore, root: Path) -> None:
    assert local.base == f"file://{root}"
    assert local.join("a", "b") == f"file://{root}/a/b"
    assert not root.exists()  # nothing is created before the first write


def test_relative_root_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert LocalBlobStore(Path("data/../blobs")).base == f"file://{tmp_path}/blobs"


def test_plain_absolute_paths_and_file_uris_name_the_same_blob(local: LocalBlobStore, root: Path) -> None:
    local.write(str(root / "x" / "y.pb"), b"data")
    assert (root / "x" / "y.pb").read_bytes() == b"data"
    assert local.read(f"file://{root}/x/y.pb") == b"data"
    assert local.read(f"file://{root}/x/./z/../y.pb") == b"data"
    info = local.head(str(root / "x" / "y.pb"))
    assert info is not None and info.uri == f"file://{root}/x/y.pb"
    assert local.local_path(local.join("x", "y.pb")) == root / "x" / "y.pb"


@pytest.mark.parametrize(
    "outside",
    ["file:///etc/passwd", "/etc/passwd", "{root}/../escape", "file://{root}-sibling/x", "{root}/a/../../b"],
)
def test_uris_outside_the_root_are_refused(local: LocalBlobStore, root: Path, outside: str) -> None:
    uri = outside.format(root=root)
    for call in (local.read, local.exists, local.head, local.delete, local.local_path, local.list):
        with pytest.raises(InvalidUri, match="outside the local blob store's root"):
            call(uri)
    with pytest.raises(InvalidUri, match="outside"):
        local.write(uri, b"x")
    assert not (root.parent / "escape").exists()


def test_the_root_itself_is_not_a_blob(local: LocalBlobStore) -> None:
    with pytest.raises(InvalidUri, match="root folder"):
        local.write(local.base, b"x")


def test_writing_over_a_folder_fails_clearly(local: LocalBlobStore) -> None:
    local.write(local.join("dir", "child"), b"1")
    with pytest.raises(StorageError, match="is a folder"):
        local.write(local.join("dir"), b"2")
    assert local.read(local.join("dir", "child")) == b"1"


def test_writing_below_a_blob_fails_clearly(local: LocalBlobStore) -> None:
    local.write(local.join("file"), b"1")
    with pytest.raises(StorageError, match="a blob exists where its folder would be"):
        local.write(local.join("file", "child"), b"2")


def test_writes_leave_no_temporary_files_and_honour_the_umask(local: LocalBlobStore, root: Path) -> None:
    previous = os.umask(0o022)
    try:
        local.write(local.join("a", "b"), b"x")
    finally:
        os.umask(previous)
    assert sorted(p.name for p in (root / "a").iterdir()) == ["b"]
    assert (root / "a" / "b").stat().st_mode & 0o777 == 0o644


def test_list_skips_unfinished_writes(local: LocalBlobStore, root: Path) -> None:
    local.write(local.join("d", "done"), b"x")
    (root / "d" / ".next.0123456789ab.flyte-partial").write_bytes(b"half")
    assert list(local.list(local.join("d"))) == [local.join("d", "done")]


def test_list_of_a_blob_is_empty(local: LocalBlobStore) -> None:
    local.write(local.join("single"), b"x")
    assert list(local.list(local.join("single"))) == []


def test_readers_never_see_a_partial_write(local: LocalBlobStore) -> None:
    uri = local.join("hot")
    versions = [bytes([n]) * 200_000 for n in range(2)]
    local.write(uri, versions[0])
    stop = threading.Event()

    def writer() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            local.write(uri, versions[n % 2])

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for _ in range(200):
            assert local.read(uri) in versions
    finally:
        stop.set()
        thread.join(timeout=10)


def test_head_md5_is_computed_from_the_file(local: LocalBlobStore, root: Path) -> None:
    (root / "made-by-a-task").parent.mkdir(parents=True)
    (root / "made-by-a-task").write_bytes(b"hello world")
    assert local.head(str(root / "made-by-a-task")) == BlobInfo(
        uri=local.join("made-by-a-task"),
        size=11,
        md5=bytes.fromhex("5eb63bbbe01eeed093cb22bb8f5acdc3"),
    )


def test_blob_names_of_maximal_length_can_be_written(local: LocalBlobStore) -> None:
    uri = local.join("n" * 255)
    local.write(uri, b"x")
    assert local.read(uri) == b"x"
