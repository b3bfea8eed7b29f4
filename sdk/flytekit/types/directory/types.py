"""``FlyteDirectory``: a folder by local path or remote prefix, uploaded on return, downloaded lazily on receipt.

Like ``FlyteFile`` it holds a downloader callable installed by the type transformer
(``flytekit.core.type_transformers.files``); ``os.fspath(fd)`` and ``fd.download()`` run it once.
``listdir`` and ``crawl`` work on the local copy.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from flytekit.types._blob_paths import BlobPath
from flytekit.types.file.file import FlyteFile


class FlyteDirectory(BlobPath):
    """A folder by local path or remote URI; ``FlyteDirectory["csv"]`` names the format of its files."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        downloader: Callable[[], Any] | None = None,
        remote_directory: str | os.PathLike[str] | bool | None = None,
    ) -> None:
        super().__init__(path, downloader)
        self._remote_directory = (
            os.fspath(remote_directory)
            if isinstance(remote_directory, str | os.PathLike)
            else remote_directory
        )

    @property
    def remote_directory(self) -> str | bool | None:
        return self._remote_directory

    @staticmethod
    def listdir(directory: FlyteDirectory) -> list[FlyteFile | FlyteDirectory]:
        """The entries directly inside ``directory`` (downloaded first), as FlyteFile / FlyteDirectory."""
        root = directory.download()
        entries: list[FlyteFile | FlyteDirectory] = []
        for name in os.listdir(root):
            full = os.path.join(root, name)
            entries.append(FlyteDirectory(full) if os.path.isdir(full) else FlyteFile(full))
        return entries

    def crawl(self, maxdepth: int | None = None, topdown: bool = True) -> Iterator[tuple[str, str]]:
        """``(base, relative path)`` of every file below this folder (downloaded first)."""
        root = self.download()
        base = self._remote_source or self._path
        for dirpath, _dirnames, filenames in os.walk(root, topdown=topdown):
            rel_dir = os.path.relpath(dirpath, root)
            depth = 0 if rel_dir == "." else rel_dir.count(os.sep) + 1
            if maxdepth is not None and depth >= maxdepth:
                continue
            for name in filenames:
                yield base, name if rel_dir == "." else os.path.join(rel_dir, name)

    def walk(self) -> Iterator[tuple[str, list[str], list[str]]]:
        """``os.walk`` over the local copy."""
        return os.walk(self.download())

    def new_file(self, name: str | None = None) -> FlyteFile:
        """A FlyteFile for a new file inside this (local) folder."""
        import uuid

        return FlyteFile(os.path.join(self._path, name or uuid.uuid4().hex))

    def new_dir(self, name: str | None = None) -> FlyteDirectory:
        import uuid

        return FlyteDirectory(os.path.join(self._path, name or uuid.uuid4().hex))
