"""``FlyteFile``: a path to one file, uploaded when a task returns it and downloaded lazily when one receives it.

The value class holds no I/O of its own beyond a downloader callable the type transformer
(``flytekit.core.type_transformers.files``) installs on received files; ``os.fspath(ff)``,
``open(ff)`` and ``ff.download()`` run it once. ``FlyteFile["csv"]`` (or ``FlyteFile[TypeVar("csv")]``)
is a subclass that carries the blob format.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import IO, Any, Self

from flytekit.types._blob_paths import BlobPath


class FlyteFile(BlobPath):
    """A file by local path or remote URI; ``FlyteFile["csv"]`` names its format."""

    # flytekit names the class of every FlyteX["fmt"] this way; user code may print it
    _format_class_name = "_SpecificFormatClass"

    def __init__(
        self,
        path: str | os.PathLike[str],
        downloader: Callable[[], Any] | None = None,
        remote_path: str | os.PathLike[str] | bool | None = None,
    ) -> None:
        super().__init__(path, downloader)
        # flytekit accepts remote_path=False meaning "do not upload"; a str names the upload target.
        self._remote_path = (
            os.fspath(remote_path) if isinstance(remote_path, str | os.PathLike) else remote_path
        )

    @property
    def remote_path(self) -> str | bool | None:
        return self._remote_path

    @classmethod
    def new_remote_file(cls, name: str | None = None, alt: str | None = None) -> Self:
        """A file at a new path under the raw output prefix (``name`` instead of a random one; ``alt`` bucket);
        write it with ``.open("w")`` and return it: it is passed on as it is."""
        from flytekit.core.context_manager import FlyteContextManager

        return cls(
            FlyteContextManager.current_context().file_access.generate_new_custom_path(alt=alt, stem=name)
        )

    @classmethod
    def new(cls, filename: str | os.PathLike[str]) -> Self:
        """A file named ``filename`` in the current task's working directory."""
        from flytekit.core.context_manager import FlyteContextManager

        if os.path.isabs(filename):
            raise ValueError("Path should be relative.")
        params = FlyteContextManager.current_context().user_space_params
        base = params.working_directory if params is not None else os.getcwd()
        return cls(os.path.join(base, os.fspath(filename)))

    @classmethod
    def from_source(cls, source: str | os.PathLike[str]) -> Self:
        """The file at ``source``; a remote URI is downloaded on first local use, as a received file is."""
        from flyteidl.core import literals_pb2, types_pb2
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.core.type_engine import TypeEngine

        blob_type = types_pb2.BlobType(format="", dimensionality=types_pb2.BlobType.SINGLE)
        blob = literals_pb2.Blob(metadata=literals_pb2.BlobMetadata(type=blob_type), uri=os.fspath(source))
        literal = literals_pb2.Literal(scalar=literals_pb2.Scalar(blob=blob))
        value: Self = TypeEngine.to_python_value(FlyteContextManager.current_context(), literal, cls)
        return value

    def open(
        self, mode: str = "rb", cache_type: str | None = None, cache_options: Any = None, **kwargs: Any
    ) -> IO[Any]:
        """A file object for this file: a remote one (received, or made by ``new_remote_file``) is read or
        written in place, without downloading it first; a local one is opened directly."""
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.core.data_persistence import FileAccessProvider
        from flytekit.types._remote_streams import open_remote

        target = (
            self.remote_source
            or (self.remote_path if isinstance(self.remote_path, str) else None)
            or self.path
        )
        if FileAccessProvider.is_remote(target):
            return open_remote(FlyteContextManager.current_context().file_access, target, mode, **kwargs)
        if any(m in mode for m in "wxa"):
            os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
        return open(target, mode, **kwargs)
