"""``LocalBlobStore``: blobs as files under one root folder, addressed by ``file://`` URIs.

The sandbox keeps all its blobs here, and task processes on the same machine (ours, or the reference
flytekit's through fsspec) read and write the same files directly by their ``file://`` URIs. Writes
go to a hidden temporary file next to the target and are renamed over it, so a reader sees either the
old or the new content. The store never reaches outside its root: a URI that does (``..`` segments
included) is refused with ``InvalidUri``.
"""

from __future__ import annotations

import builtins
import logging
import os
import secrets
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Literal

from flytestdlib.errors import BlobNotFound, InvalidUri, StorageError
from flytestdlib.storage import uris
from flytestdlib.storage._digests import checked_md5, file_md5
from flytestdlib.storage._protocol import BlobInfo, SignedUrl

__all__ = ["LocalBlobStore"]

logger = logging.getLogger(__name__)

# Temporary files of unfinished writes: hidden, and skipped by ``list``.
_TEMP_SUFFIX = ".flyte-partial"


class LocalBlobStore:
    """A ``BlobStore`` over the folder ``root`` (created on first write)."""

    def __init__(self, root: Path) -> None:
        absolute = Path(root).expanduser().absolute()
        self._root = Path(os.path.normpath(absolute))
        self._root_text = self._root.as_posix()
        self._base = uris.file_uri(self._root_text)

    def __repr__(self) -> str:
        return f"LocalBlobStore({self._base!r})"

    @property
    def base(self) -> str:
        return self._base

    @property
    def root(self) -> Path:
        """The folder holding the blobs."""
        return self._root

    def join(self, *parts: str) -> str:
        return uris.resolve(self._base, *parts)

    def read(self, uri: str) -> bytes:
        path = self._path(uri)
        try:
            return path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise BlobNotFound(uri) from None
        except OSError as error:
            raise StorageError(f"Could not read blob {uri!r} from {path}: {error}") from error

    def write(self, uri: str, data: bytes, *, content_md5: bytes | None = None) -> None:
        path = self._path(uri)
        if path == self._root:
            raise InvalidUri(uri, "it is the local blob store's root folder; write to a path below it.")
        checked_md5(uri, data, content_md5)
        # Shortened so that the temporary name stays within NAME_MAX even for a maximal blob name.
        temporary = path.with_name(f".{path.name[:200]}.{secrets.token_hex(6)}{_TEMP_SUFFIX}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError) as error:
            raise StorageError(
                f"Could not write blob {uri!r}: a blob exists where its folder would be ({error.filename}); "
                "a blob cannot hold other blobs."
            ) from error
        except OSError as error:
            raise StorageError(
                f"Could not write blob {uri!r}: cannot create {path.parent}: {error}"
            ) from error
        try:
            # os.open with 0o666 lets the process umask decide the final mode, as a plain open() would.
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as error:
            raise StorageError(f"Could not write blob {uri!r} to {path}: {error}") from error
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            if path.is_dir():
                raise StorageError(
                    f"Could not write blob {uri!r}: {path} is a folder of other blobs; choose another name."
                ) from error
            raise StorageError(f"Could not write blob {uri!r} to {path}: {error}") from error
        logger.debug("Wrote %d bytes to %s", len(data), uri)

    def exists(self, uri: str) -> bool:
        return self._path(uri).is_file()

    def head(self, uri: str) -> BlobInfo | None:
        path = self._path(uri)
        try:
            with path.open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                md5 = file_md5(stream)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        except OSError as error:
            raise StorageError(f"Could not inspect blob {uri!r} at {path}: {error}") from error
        return BlobInfo(uri=self._uri_of(path), size=size, md5=md5)

    def delete(self, uri: str) -> None:
        path = self._path(uri)
        try:
            path.unlink()
        except (FileNotFoundError, NotADirectoryError):
            return
        except IsADirectoryError:
            return  # a folder is not a blob; there is no blob to delete
        except OSError as error:
            raise StorageError(f"Could not delete blob {uri!r} at {path}: {error}") from error
        logger.debug("Deleted %s", uri)

    def local_path(self, uri: str) -> Path | None:
        return self._path(uri)

    def presign(
        self,
        uri: str,
        *,
        method: Literal["GET", "PUT"],
        expires_in: timedelta,
        content_md5: bytes | None = None,
    ) -> SignedUrl | None:
        # There is no server in front of local files; admin signs and serves these URLs itself.
        self._path(uri)
        return None

    def list(self, prefix: str) -> Iterator[str]:
        folder = self._path(prefix)
        found: builtins.list[str] = []
        for directory, subdirectories, files in os.walk(folder, onerror=_raise_walk_error):
            subdirectories.sort()
            for name in files:
                if name.startswith(".") and name.endswith(_TEMP_SUFFIX):
                    continue
                found.append(uris.file_uri(Path(directory, name).as_posix()))
        # Sorting the whole result gives the lexicographic URI order S3 listings have.
        return iter(sorted(found))

    def _path(self, uri: str) -> Path:
        """The normalized path of ``uri``; refuses other schemes and anything outside the root."""
        if uri.startswith("/"):
            text = uri
        elif uris.is_uri(uri):
            parsed = uris.parse(uri)
            if parsed.scheme != "file":
                raise InvalidUri(
                    uri,
                    f"the local blob store ({self._base}) reaches only file:// URIs; "
                    "configure storage kind 's3' to use S3.",
                )
            text = parsed.key
        else:
            raise InvalidUri(
                uri, f"expected a file:// URI or an absolute path under {self._root_text} (see store.join)."
            )
        normalized = os.path.normpath(text)
        if normalized.startswith("//"):  # POSIX keeps a leading '//' in normpath; it is still '/'
            normalized = "/" + normalized.lstrip("/")
        inside = (
            normalized == self._root_text
            or self._root_text == "/"
            or normalized.startswith(self._root_text + "/")
        )
        if not inside:
            raise InvalidUri(uri, f"it lies outside the local blob store's root folder {self._root_text}.")
        return Path(normalized)

    def _uri_of(self, path: Path) -> str:
        return uris.file_uri(path.as_posix())


def _raise_walk_error(error: OSError) -> None:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return  # no such folder: nothing below it
    raise StorageError(f"Could not list blobs under {error.filename}: {error}") from error
