"""A rate limiter for async callers: at most ``rpm`` acquisitions in any 60-second window.

``await limiter.acquire()`` returns at once while fewer than ``rpm`` acquisitions happened in the
last minute, else sleeps until the oldest one is a minute old; ``sync_acquire()`` does the same
from synchronous code (through ``flytekit.utils.asyn.run_sync``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from datetime import datetime, timedelta

from flytekit.utils.asyn import run_sync

developer_logger = logging.getLogger("developer")

_WINDOW = timedelta(seconds=60)


class RateLimiter:
    """Up to ``rpm`` (1..100) acquisitions per minute."""

    def __init__(self, rpm: int) -> None:
        if not isinstance(rpm, int) or rpm <= 0 or rpm > 100:
            raise ValueError("Rate must be a positive integer between 1 and 100")
        self.rpm = rpm
        self.queue: deque[datetime] = deque()  # times of the acquisitions inside the window
        self.sem = asyncio.Semaphore(rpm)
        self.delay = _WINDOW

    def sync_acquire(self) -> None:
        run_sync(self.acquire)

    async def acquire(self) -> None:
        async with self.sem:
            now = datetime.now()
            while self.queue and (now - self.queue[0]) > self.delay:
                self.queue.popleft()
            if len(self.queue) < self.rpm:
                self.queue.append(now)
                return
            # Full: take the oldest slot and put back the time it frees up *before* sleeping, so the
            # queue length stays the same and a concurrent caller computes its wait from the next slot.
            earliest = self.queue.popleft()
            wait = (earliest + self.delay) - now
            if wait.total_seconds() > 0:
                self.queue.append(earliest + self.delay)
                developer_logger.debug("Rate limit reached, sleeping %.3fs", wait.total_seconds())
                await asyncio.sleep(wait.total_seconds())
            else:
                self.queue.append(now)
