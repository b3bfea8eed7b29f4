"""File objects over a blob store path: ``FlyteFile.open`` on a remote file reads or writes it without a
local copy the user has to manage.

Reading fetches the object once into memory; writing buffers and stores the object when the stream
is closed (leaving a ``with`` block). Text modes wrap the byte stream in UTF-8 text.
"""

from __future__ import annotations

import io
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flytekit.core.data_persistence import FileAccessProvider


class _StoreOnClose(io.BytesIO):
    """Collects written bytes and stores them at ``uri`` when closed."""

    def __init__(self, fa: FileAccessProvider, uri: str, initial: bytes = b"") -> None:
        super().__init__(initial)
        self.seek(0, io.SEEK_END)
        self._fa = fa
        self._uri = uri

    def close(self) -> None:
        if not self.closed:
            self._fa.write_bytes(self._uri, self.getvalue())
        super().close()


def open_remote(fa: FileAccessProvider, uri: str, mode: str, **kwargs: Any) -> IO[Any]:
    """A file object for ``uri`` opened with ``mode`` ("r", "rb", "w", "wb", "a", "ab", with optional "t")."""
    binary = "b" in mode
    raw: io.BytesIO
    if "r" in mode and "+" not in mode:
        raw = io.BytesIO(fa.read_bytes(uri))
    elif "w" in mode or "x" in mode:
        raw = _StoreOnClose(fa, uri)
    elif "a" in mode:
        raw = _StoreOnClose(fa, uri, fa.read_bytes(uri) if fa.exists(uri) else b"")
    else:
        raise ValueError(
            f"Mode {mode!r} is not supported for remote file {uri}; use r, w or a (with b or t)."
        )
    if binary:
        return raw
    return io.TextIOWrapper(raw, encoding=kwargs.get("encoding") or "utf-8", newline=kwargs.get("newline"))
