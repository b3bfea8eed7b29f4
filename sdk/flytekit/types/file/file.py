"""``FlyteFile``: a path to one file, uploaded when a task returns it and downloaded lazily when one receives it.

The value class holds no I/O of its own beyond a downloader callable the type transformer
(``flytekit.core.type_transformers.files``) installs on received files; ``os.fspath(ff)``,
``open(ff)`` and ``ff.download()`` run it once. ``FlyteFile["csv"]`` (or ``FlyteFile[TypeVar("csv")]``)
is a subclass that carries the blob format.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import IO, Any

from flytekit.types._blob_paths import BlobPath


class FlyteFile(BlobPath):
    """A file by local path or remote URI; ``FlyteFile["csv"]`` names its format."""

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

    def open(self, mode: str = "rb", **kwargs: Any) -> IO[Any]:
        return open(self.download(), mode, **kwargs)
