"""What FlyteFile and FlyteDirectory share: a format carried by subscripting, and a local path that
stands for a remote blob and is downloaded on first use.

``FlyteFile["csv"]`` / ``FlyteDirectory[TypeVar("csv")]`` / ``FlyteFile[Annotated[str, FileExt("tar.gz")]]``
(for formats that are not identifiers) return a subclass remembering the format;
the files transformer reads it back with ``extension()``. The downloader, when given, fills the
local path the first time the object is used as a path (``os.fspath``, ``open``, ``download``).
"""

from __future__ import annotations

import os
import typing
from collections.abc import Callable
from typing import Any, Self


class FileExt:
    """A file format as metadata of ``Annotated[str, ...]``, for formats a ``TypeVar`` cannot spell
    (``FlyteFile[Annotated[str, FileExt("tar.gz")]]``)."""

    def __init__(self, ext: str) -> None:
        self._ext = ext

    def __str__(self) -> str:
        return self._ext

    def __repr__(self) -> str:
        return self._ext

    @staticmethod
    def check_and_convert_to_str(item: Any) -> str:
        """The format text of a subscript: ``str(item)``, or the ``FileExt`` of an ``Annotated[str, FileExt]``."""
        if typing.get_origin(item) is not typing.Annotated:
            return str(item)
        args = typing.get_args(item)
        if args[0] is str:
            return str(item.__metadata__[0])
        raise ValueError(f"A file extension must annotate str (Annotated[str, FileExt(...)]), got {item!r}")


def format_of(item: Any) -> str:
    """The format string of a ``FlyteFile[...]`` / ``FlyteDirectory[...]`` subscript (str, TypeVar, or
    ``Annotated[str, FileExt(...)]``)."""
    if typing.get_origin(item) is typing.Annotated:
        return FileExt.check_and_convert_to_str(item).strip().lstrip("~").lstrip(".")
    if isinstance(item, typing.TypeVar):
        return item.__name__
    if isinstance(item, str):
        return item.lstrip(".")
    raise TypeError(f"A file or directory format must be a str or a TypeVar, got {item!r}")


class BlobPath(os.PathLike[str]):
    """A local path, possibly standing for a remote blob that is fetched lazily."""

    _format: typing.ClassVar[str] = ""

    @classmethod
    def extension(cls) -> str:
        return cls._format

    def __class_getitem__(cls, item: Any) -> type[Self]:
        return cls.with_format(format_of(item))

    @classmethod
    def with_format(cls, fmt: str) -> type[Self]:
        """The subclass for format ``fmt`` (what ``cls[fmt]`` returns; type checkers accept this one)."""
        if not fmt:
            return cls
        name = getattr(cls, "_format_class_name", cls.__name__)
        return type(name, (cls,), {"_format": fmt, "__module__": cls.__module__})

    def __init__(self, path: str | os.PathLike[str], downloader: Callable[[], Any] | None = None) -> None:
        self._path = os.fspath(path)
        self._downloader = downloader
        self._downloaded = downloader is None
        self._remote_source: str | None = None

    @classmethod
    def from_source(cls, source: str | os.PathLike[str]) -> Self:
        """An object that refers to ``source`` (a local path or a remote URI) as it is."""
        return cls(source)

    @classmethod
    def from_remote(cls, uri: str, local_path: str, fetch: Callable[[], Any]) -> Self:
        """Stands for the remote blob ``uri``; ``fetch`` copies it to ``local_path`` on first use."""
        value = cls(local_path, downloader=fetch)
        value._remote_source = uri
        return value

    @property
    def path(self) -> str:
        return self._path

    @property
    def remote_source(self) -> str | None:
        """The URI this was received from, when it came from a remote store."""
        return self._remote_source

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

    @classmethod
    def _family(cls) -> type[BlobPath]:
        """FlyteFile or FlyteDirectory: the class right below BlobPath, whatever the format subclass."""
        return next(klass for klass in cls.__mro__ if BlobPath in klass.__bases__)

    def __eq__(self, other: object) -> bool:
        # A file equals a file (of any format), a folder a folder: same local path and remote origin.
        if isinstance(other, BlobPath) and other._family() is self._family():
            return self._path == other._path and self._remote_source == other._remote_source
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._path)

    def __repr__(self) -> str:
        return self._path

    # ---- pydantic v2 fields (pydantic is imported only when a model uses one)
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from flytekit.types._pydantic_fields import blob_path_core_schema

        return blob_path_core_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        from flytekit.types._pydantic_fields import blob_path_json_schema

        return blob_path_json_schema(cls)

    def __str__(self) -> str:
        return self._path
