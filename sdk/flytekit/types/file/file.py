"""``FlyteFile``: a path to one file, uploaded when a task returns it and downloaded lazily when one receives it.

The value class holds no I/O of its own beyond a downloader callable the type transformer
(``flytekit.core.type_transformers.files``) installs on received files; ``os.fspath(ff)``,
``open(ff)`` and ``ff.download()`` run it once. ``FlyteFile["csv"]`` (or ``FlyteFile[TypeVar("csv")]``)
is a subclass that carries the blob format.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Callable
from typing import IO, Any


def format_of(item: Any) -> str:
    """The format string of a ``FlyteFile[...]`` / ``FlyteDirectory[...]`` subscript (str or TypeVar)."""
    if isinstance(item, typing.TypeVar):
        return item.__name__
    if isinstance(item, str):
        return item.lstrip(".")
    raise TypeError(f"A file or directory format must be a str or a TypeVar, got {item!r}")


class FlyteFile(os.PathLike[str]):
    """A file by local path or remote URI; ``FlyteFile["csv"]`` names its format."""

    _format: typing.ClassVar[str] = ""

    @classmethod
    def extension(cls) -> str:
        return cls._format

    def __class_getitem__(cls, item: Any) -> type[FlyteFile]:
        return cls.with_format(format_of(item))

    @classmethod
    def with_format(cls, fmt: str) -> type[FlyteFile]:
        """The subclass for format ``fmt`` (what ``FlyteFile[fmt]`` returns; type checkers accept this one)."""
        if not fmt:
            return cls
        return type(cls.__name__, (cls,), {"_format": fmt, "__module__": cls.__module__})

    def __init__(
        self,
        path: str | os.PathLike[str],
        downloader: Callable[[], Any] | None = None,
        remote_path: str | os.PathLike[str] | bool | None = None,
    ) -> None:
        self._path = os.fspath(path)
        self._downloader = downloader
        self._downloaded = downloader is None
        self._remote_source: str | None = None
        # flytekit accepts remote_path=False meaning "do not upload"; a str names the upload target.
        self._remote_path = (
            os.fspath(remote_path) if isinstance(remote_path, str | os.PathLike) else remote_path
        )

    @classmethod
    def from_source(cls, source: str | os.PathLike[str]) -> FlyteFile:
        """A file that refers to ``source`` (a local path or a remote URI) as it is."""
        return cls(source)

    @property
    def path(self) -> str:
        return self._path

    @property
    def remote_source(self) -> str | None:
        """The URI this file was received from, when it came from a remote store."""
        return self._remote_source

    @property
    def remote_path(self) -> str | bool | None:
        return self._remote_path

    @property
    def downloaded(self) -> bool:
        return self._downloaded

    def download(self) -> str:
        if not self._downloaded and self._downloader is not None:
            self._downloader()
            self._downloaded = True
        return self._path

    def __fspath__(self) -> str:
        return self.download()

    def open(self, mode: str = "rb", **kwargs: Any) -> IO[Any]:
        return open(self.download(), mode, **kwargs)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FlyteFile):
            return self._path == other._path and self._remote_source == other._remote_source
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._path)

    def __repr__(self) -> str:
        return self._path

    def __str__(self) -> str:
        return self._path
