"""A transfer progress bar: ``RichCallback`` speaks the callback protocol of fsspec transfers
(``set_size``, ``relative_update``, ``absolute_update``) and draws a rich progress bar."""

from __future__ import annotations

from typing import Any


class RichCallback:
    """Shows "Downloading..." with a bar once the size is known; ``rich_kwargs`` go to ``rich.progress.Progress``."""

    def __init__(self, rich_kwargs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        from rich.progress import Progress

        self.size: int | None = kwargs.get("size")
        self.value: int = kwargs.get("value", 0)
        self._pb = Progress(**(rich_kwargs or {}))
        self._pb.start()
        self._task: Any = None

    def set_size(self, size: int) -> None:
        self.size = size
        self._task = self._pb.add_task("Downloading...", total=size)

    def relative_update(self, inc: int = 1) -> None:
        self.value += inc
        if self._task is not None:
            self._pb.update(self._task, advance=inc)

    def absolute_update(self, value: int) -> None:
        self.relative_update(value - self.value)

    def close(self) -> None:
        self._pb.stop()

    def __del__(self) -> None:
        self._pb.stop()
