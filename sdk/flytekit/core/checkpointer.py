"""Intra-task checkpoints: state a task saves so that a retry can resume (``current_context().checkpoint``).

``Checkpoint`` is the interface; ``SyncCheckpoint`` copies synchronously: ``save``/``write`` put a
file, folder or bytes under the attempt's checkpoint prefix (``--checkpoint-path``),
``restore``/``read`` fetch what the previous attempt saved (``--prev-checkpoint``). Locally each
task invocation gets a fresh checkpoint folder and no previous checkpoint.
"""

from __future__ import annotations

import abc
import io
from pathlib import Path
from typing import Any


class Checkpoint(abc.ABC):
    """Save and restore checkpoint data of a task attempt."""

    @abc.abstractmethod
    def prev_exists(self) -> bool:
        """Whether a previous attempt left a checkpoint."""

    @abc.abstractmethod
    def restore(self, path: Path | str | None = None) -> Path | None:
        """Download the previous checkpoint into folder ``path`` (a temporary one by default) and return
        it; None when there is none. A second call returns the first download."""

    @abc.abstractmethod
    def save(self, cp: Path | str | io.IOBase) -> None:
        """Checkpoint a file, a folder, or the bytes of a reader."""

    @abc.abstractmethod
    def read(self) -> bytes | None:
        """The bytes of the previous checkpoint when it is a single file (ValueError for several)."""

    @abc.abstractmethod
    def write(self, b: bytes) -> None:
        """Checkpoint ``b``, replacing an earlier ``write``."""


class SyncCheckpoint(Checkpoint):
    """A checkpoint copied synchronously through the context's file access (not thread-safe)."""

    SRC_LOCAL_FOLDER = "prev_cp"
    TMP_DST_PATH = "_dst_cp"

    def __init__(self, checkpoint_dest: str, checkpoint_src: str | None = None) -> None:
        self._checkpoint_dest = checkpoint_dest
        self._checkpoint_src = checkpoint_src or None
        self._td: Any = None  # a TemporaryDirectory, made on first use
        self._prev_download_path: Path | None = None

    def _scratch(self) -> Path:
        if self._td is None:
            import tempfile  # deferred: keeps `import flytekit` light

            self._td = tempfile.TemporaryDirectory(prefix="flyte-checkpoint-")
        return Path(self._td.name)

    @property
    def checkpoint_dest(self) -> str:
        return self._checkpoint_dest

    def prev_exists(self) -> bool:
        return self._checkpoint_src is not None

    def restore(self, path: Path | str | None = None) -> Path | None:
        from flytekit.core.context_manager import FlyteContextManager

        if self._checkpoint_src is None:
            return None
        if self._prev_download_path is not None:
            return self._prev_download_path
        if path is None:
            target = self._scratch() / self.SRC_LOCAL_FOLDER
            target.mkdir(exist_ok=True)
        else:
            target = Path(path)
        if not target.is_dir():
            raise ValueError(f"Checkpoints can be restored to a directory only; {target} is not one.")
        FlyteContextManager.current_context().file_access.download_directory(
            self._checkpoint_src, str(target)
        )
        self._prev_download_path = target
        return target

    def save(self, cp: Path | str | io.IOBase) -> None:
        from flytekit.core.context_manager import FlyteContextManager

        fa = FlyteContextManager.current_context().file_access
        if isinstance(cp, str | Path):
            source = Path(cp)
            if source.is_dir():
                fa.upload_directory(str(source), self._checkpoint_dest)
            else:
                fa.upload(str(source), fa.join(self._checkpoint_dest, source.name))
            return
        if not isinstance(cp, io.IOBase):
            raise ValueError(
                f"Only a valid path or IOBase type (reader) should be provided, received {type(cp)}"
            )
        staged = self._scratch() / self.TMP_DST_PATH
        staged.write_bytes(cp.read())
        fa.upload(str(staged), fa.join(self._checkpoint_dest, self.TMP_DST_PATH))

    def read(self) -> bytes | None:
        folder = self.restore()
        if folder is None:
            return None
        files = list(folder.iterdir())
        if not files:
            return None
        if len(files) > 1:
            raise ValueError(f"Expected exactly one checkpoint - found {len(files)}")
        return files[0].read_bytes()

    def write(self, b: bytes) -> None:
        self.save(io.BytesIO(b))
