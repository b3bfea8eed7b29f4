"""``FlyteDirectory``: a folder by local path or remote prefix, uploaded on return, downloaded lazily on receipt.

Like ``FlyteFile`` it holds a downloader callable installed by the type transformer
(``flytekit.core.type_transformers.files``); ``os.fspath(fd)`` and ``fd.download()`` run it once.
``listdir`` and ``crawl`` list a remote folder without downloading it; ``new_remote``/``new_file``
make paths to write into directly.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any, Self

from flytekit.types._blob_paths import BlobPath
from flytekit.types.file.file import FlyteFile


class FlyteDirectory(BlobPath):
    """A folder by local path or remote URI; ``FlyteDirectory["csv"]`` names the format of its files."""

    # flytekit names the class of every FlyteX["fmt"] this way; user code may print it
    _format_class_name = "_SpecificFormatDirectoryClass"

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

    @classmethod
    def new_remote(cls, stem: str | None = None, alt: str | None = None) -> Self:
        """A folder at a new prefix under the raw output prefix (``stem`` instead of a random name; ``alt``
        bucket); create files in it with ``new_file(...).open("w")`` and return it."""
        from flytekit.core.context_manager import FlyteContextManager

        if stem and os.path.splitext(stem)[1]:
            raise ValueError("Stem should not have a file extension.")
        return cls(
            FlyteContextManager.current_context().file_access.generate_new_custom_path(alt=alt, stem=stem)
        )

    @classmethod
    def new(cls, dirname: str | os.PathLike[str]) -> Self:
        """A new (created) folder named ``dirname`` in the current task's working directory."""
        from flytekit.core.context_manager import FlyteContextManager

        if os.path.isabs(dirname):
            raise ValueError("Path should be relative.")
        params = FlyteContextManager.current_context().user_space_params
        base = params.working_directory if params is not None else os.getcwd()
        path = os.path.join(base, os.fspath(dirname))
        os.makedirs(path, exist_ok=True)
        return cls(path)

    @classmethod
    def from_source(cls, source: str | os.PathLike[str]) -> Self:
        """The folder at ``source``; a remote prefix is downloaded on first local use, as a received folder is."""
        from flyteidl.core import literals_pb2, types_pb2
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.core.type_engine import TypeEngine

        blob_type = types_pb2.BlobType(format="", dimensionality=types_pb2.BlobType.MULTIPART)
        blob = literals_pb2.Blob(metadata=literals_pb2.BlobMetadata(type=blob_type), uri=os.fspath(source))
        literal = literals_pb2.Literal(scalar=literals_pb2.Scalar(blob=blob))
        value: Self = TypeEngine.to_python_value(FlyteContextManager.current_context(), literal, cls)
        return value

    def _listing_root(self) -> str:
        """Where the contents are: the remote origin, the upload target, or the local path."""
        if self._remote_source:
            return self._remote_source
        if isinstance(self._remote_directory, str):
            return self._remote_directory
        return self._path

    @staticmethod
    def listdir(directory: FlyteDirectory) -> list[FlyteFile | FlyteDirectory]:
        """The entries right inside ``directory`` without downloading anything; entries of a remote folder
        download lazily when used."""
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.core.data_persistence import FileAccessProvider

        root = directory._listing_root()
        fa = FlyteContextManager.current_context().file_access
        entries: list[FlyteFile | FlyteDirectory] = []
        if not FileAccessProvider.is_remote(root):
            for name, is_dir in fa.list_children(root):
                full = os.path.join(root, name)
                entries.append(FlyteDirectory(full) if is_dir else FlyteFile(full))
            return entries
        for name, is_dir in fa.list_children(root):
            uri = f"{root.rstrip('/')}/{name}"
            if is_dir:
                local_dir = fa.get_random_local_path()
                entries.append(
                    FlyteDirectory.from_remote(uri, local_dir, _fetcher(fa, uri, local_dir, multipart=True))
                )
            else:
                local_file = fa.get_random_local_path(name)
                entries.append(
                    FlyteFile.from_remote(uri, local_file, _fetcher(fa, uri, local_file, multipart=False))
                )
        return entries

    def crawl(self, maxdepth: int | None = None, topdown: bool = True) -> Iterator[tuple[str, str]]:
        """``(base, relative path)`` of every file below this folder; a remote folder is listed, not downloaded."""
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.core.data_persistence import FileAccessProvider

        root = self._listing_root()
        if FileAccessProvider.is_remote(root):
            fa = FlyteContextManager.current_context().file_access
            for relative in sorted(rel for _key, rel in fa._s3_keys(root)):
                if maxdepth is None or relative.count("/") < maxdepth:
                    yield root, relative
            return
        for dirpath, _dirnames, filenames in os.walk(root, topdown=topdown):
            rel_dir = os.path.relpath(dirpath, root)
            depth = 0 if rel_dir == "." else rel_dir.count(os.sep) + 1
            if maxdepth is not None and depth >= maxdepth:
                continue
            for name in filenames:
                yield root, name if rel_dir == "." else os.path.join(rel_dir, name)

    def walk(self) -> Iterator[tuple[str, list[str], list[str]]]:
        """``os.walk`` over the local copy."""
        return os.walk(self.download())

    def _child(self, name: str | None) -> str:
        import uuid

        base = self._path
        sep = "/" if "://" in base else os.sep
        return sep.join([base.rstrip(sep), name or uuid.uuid4().hex])

    def new_file(self, name: str | None = None) -> FlyteFile:
        """A FlyteFile for a new file inside this folder's path (local, or remote for ``new_remote`` folders)."""
        return FlyteFile(self._child(name))

    def new_dir(self, name: str | None = None) -> FlyteDirectory:
        """A FlyteDirectory for a new folder inside this one (local or remote)."""
        return FlyteDirectory(self._child(name))


def _fetcher(fa: Any, uri: str, local: str, multipart: bool) -> Callable[[], Any]:
    def fetch() -> Any:
        if not multipart:
            os.makedirs(os.path.dirname(local), exist_ok=True)
        return fa.get_data(uri, local, is_multipart=multipart)

    return fetch
