"""How often a waiting node may ask admin again (gate signals, child executions).

Waiting nodes are re-evaluated on every round of their workflow, which on the local driver comes
every fraction of a second; a node asks admin at most once per ``interval`` and reports "still
running" in between. The memory is per process: after a restart every node asks at once, which is
harmless because the questions are reads (or idempotent creates).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

_MAX_ENTRIES = 10_000


class PollLimiter:
    """Remembers when each key last polled."""

    def __init__(self, interval: float) -> None:
        self._interval = timedelta(seconds=max(0.0, interval))
        self._last: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def due(self, key: str, now: datetime) -> bool:
        """Whether ``key`` may poll at ``now``; a True answer counts as its poll."""
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self._interval:
                return False
            if len(self._last) >= _MAX_ENTRIES:
                self._last.clear()  # a lost entry only costs one early poll
            self._last[key] = now
            return True

    def forget(self, key: str) -> None:
        with self._lock:
            self._last.pop(key, None)
