"""``FileSensor``: waits until a path (local or in the object store) exists."""

from __future__ import annotations

import datetime
from typing import Any

from flytekit.core.context_manager import FlyteContextManager
from flytekit.sensor.base_sensor import BaseSensor


class FileSensor(BaseSensor):
    """Succeeds once ``path`` exists; input ``path: str``."""

    def __init__(self, name: str, timeout: datetime.timedelta | int | None = None, **kwargs: Any) -> None:
        super().__init__(name=name, timeout=timeout, **kwargs)

    async def poke(self, path: str) -> bool:
        return FlyteContextManager.current_context().file_access.exists(path)
