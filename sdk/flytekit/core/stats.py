"""``current_context().stats``: counters, gauges and timers for user code.

``StatsClient`` speaks the statsd line protocol over UDP when given a host (``pyflyte-execute``
with statsd configured) and otherwise only keeps the values in memory (local runs), so user code
can emit metrics everywhere without guarding.
"""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from typing import Any


class StatsClient:
    """A small statsd client; see the module docstring."""

    def __init__(
        self, prefix: str = "", host: str | None = None, port: int = 8125, tags: dict[str, str] | None = None
    ):
        self._prefix = prefix
        self._address = (host, port) if host else None
        self._tags = dict(tags or {})
        self._socket: socket.socket | None = None
        self.current_value: dict[str, float] = {}
        self.current_tags: dict[str, dict[str, str]] = {}

    def _name(self, metric: str) -> str:
        return f"{self._prefix}.{metric}" if self._prefix else metric

    def _send(self, metric: str, value: float, kind: str, tags: dict[str, str] | None) -> None:
        name = self._name(metric)
        merged = {**self._tags, **(tags or {})}
        self.current_tags[name] = merged
        if self._address is None:
            return
        # durations go out with six decimals, as the statsd package writes them
        line = f"{name}:{value:0.6f}|{kind}" if kind == "ms" else f"{name}:{value}|{kind}"
        if merged:
            line += "|#" + ",".join(f"{k}:{v}" for k, v in merged.items())
        if self._socket is None:
            self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        with contextlib.suppress(OSError):  # metrics never fail the task
            self._socket.sendto(line.encode(), self._address)

    def incr(self, metric: str, count: float = 1, tags: dict[str, str] | None = None, **_: Any) -> None:
        name = self._name(metric)
        self.current_value[name] = self.current_value.get(name, 0) + count
        self._send(metric, count, "c", tags)

    def decr(self, metric: str, count: float = 1, tags: dict[str, str] | None = None, **_: Any) -> None:
        self.incr(metric, -count, tags)

    def gauge(self, metric: str, value: float, tags: dict[str, str] | None = None, **_: Any) -> None:
        self.current_value[self._name(metric)] = value
        self._send(metric, value, "g", tags)

    def timing(self, metric: str, value: float, tags: dict[str, str] | None = None, **_: Any) -> None:
        """Record a duration in milliseconds."""
        self.current_value[self._name(metric)] = value
        self._send(metric, value, "ms", tags)

    def set(self, metric: str, value: Any, tags: dict[str, str] | None = None, **_: Any) -> None:
        """Count ``value`` as one member of the set ``metric`` (statsd sets count distinct members)."""
        self.current_value[self._name(metric)] = value
        self._send(metric, value, "s", tags)

    def pipeline(self) -> StatsClient:
        """A client for a batch of metrics; this one sends each at once, so the batch is itself."""
        return self

    def __enter__(self) -> StatsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    @contextlib.contextmanager
    def timer(self, metric: str, tags: dict[str, str] | None = None, **_: Any) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timing(metric, (time.perf_counter() - start) * 1000, tags)

    def get_stats(self, name: str, tags: dict[str, str] | None = None) -> StatsClient:
        """A client whose metric names are prefixed with ``name``."""
        return StatsClient(
            self._name(name),
            self._address[0] if self._address else None,
            self._address[1] if self._address else 8125,
            {**self._tags, **(tags or {})},
        )
