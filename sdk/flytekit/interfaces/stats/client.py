"""Scoped statsd clients: a proxy that prefixes metric names and folds tags into them.

``ScopeableStatsProxy(client, prefix)`` forwards ``incr``/``decr``/``timing``/``timer``/``gauge``/
``set`` to ``client`` with ``prefix.`` in front of the metric name; ``get_stats(name)`` scopes one
level deeper. Tags given as ``tags=`` are appended to the name as ``.__key=value`` (keys sorted,
``|.:`` in values replaced by ``_``), the way statsd without tag support keeps them apart; a
non-ASCII key drops all tags. ``per_host=True`` adds the tag ``_f=i``.

The underlying client is ``flytekit.core.stats.StatsClient`` (one per process, from the settings
given to ``get_base_stats``: ``host``, ``port``, ``disabled``); ``DummyStatsClient`` sends nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from flytekit.core.stats import StatsClient

RESERVED_TAG_WORDS = frozenset(
    ["asg", "az", "backend", "canary", "host", "period", "region", "shard", "window", "source"]
)
FORBIDDEN_TAG_VALUE_CHARACTERS = re.compile("[|.:]")


class StatsSettings(Protocol):
    """What the clients read from ``flytekit.configuration.StatsConfig``."""

    host: str
    port: int
    disabled: bool
    disabled_tags: bool


_stats_client: StatsClient | None = None


class ScopeableStatsProxy:
    """A prefixing proxy over a statsd client; see the module docstring."""

    EXTENDABLE_FUNC = ["incr", "decr", "timing", "timer", "gauge", "set"]

    def __init__(self, client: Any, prefix: str | None = None) -> None:
        self._client = client
        self._scope_prefix = prefix
        for name in self.EXTENDABLE_FUNC:
            base = getattr(self._client, name)
            if base:
                setattr(self, name, self._create_wrapped_function(base))

    def _tags_of(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        tags: dict[str, Any] = kwargs.pop("tags", None) or {}
        if kwargs.pop("per_host", False):
            tags["_f"] = "i"
        return tags

    def _create_wrapped_function(self, base_func: Callable[..., Any]) -> Callable[..., Any]:
        def name_wrap(stat: str, *args: Any, **kwargs: Any) -> Any:
            tags = self._tags_of(kwargs)
            if tags:
                stat = self._serialize_tags(stat, tags)
            return base_func(self._p_with_prefix(stat) if self._scope_prefix else stat, *args, **kwargs)

        return name_wrap

    def get_stats(self, name: str) -> ScopeableStatsProxy:
        prefix = f"{self._scope_prefix}.{name}" if self._scope_prefix else name
        return ScopeableStatsProxy(self._client, prefix)

    def pipeline(self) -> ScopeableStatsProxy:
        return ScopeableStatsProxy(self._client.pipeline(), self._scope_prefix)

    def _p_with_prefix(self, name: str | None) -> str | None:
        if name is None:
            return name
        return f"{self._scope_prefix}.{name}"

    def _is_ascii(self, name: str) -> bool:
        return name.isascii()

    def _serialize_tags(self, metric: str, tags: dict[str, Any] | None = None) -> str:
        plain = metric
        for key in sorted(tags or {}):
            text = str(key)
            if not self._is_ascii(text):
                return plain
            value = FORBIDDEN_TAG_VALUE_CHARACTERS.sub("_", str(tags[key]))  # type: ignore[index]
            if value != "":
                metric += f".__{text}={value}"
        return metric

    def __getattr__(self, name: str) -> Any:
        if name == "_client":  # not set yet (copying, unpickling)
            raise AttributeError(name)
        return getattr(self._client, name)

    def __enter__(self) -> ScopeableStatsProxy:
        return ScopeableStatsProxy(self._client.__enter__(), self._scope_prefix)

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self._client.__exit__(exc_type, exc_value, traceback)


class StatsClientProxy(ScopeableStatsProxy):
    """The proxy ``get_base_stats`` returns; ``_prefix`` is its scope."""

    @property
    def _prefix(self) -> str | None:
        return self._scope_prefix


class DummyStatsClient(StatsClient):
    """A client that keeps values in memory and sends nothing (statsd disabled)."""

    def __init__(
        self,
        host: str = "localhost",
        port: int = 8125,
        prefix: str | None = None,
        maxudpsize: int = 512,
        ipv6: bool = False,
    ) -> None:
        super().__init__(prefix or "", host=None, port=port)


def _get_stats_client(cfg: StatsSettings) -> StatsClient:
    """The process's client: created once from ``cfg`` (a disabled config always gets a dummy)."""
    global _stats_client
    if cfg.disabled is True:
        _stats_client = DummyStatsClient()
    if _stats_client is None:
        _stats_client = StatsClient(host=cfg.host, port=cfg.port)
    return _stats_client


def get_base_stats(cfg: StatsSettings, prefix: str) -> StatsClientProxy:
    return StatsClientProxy(_get_stats_client(cfg), prefix=prefix)


def get_stats(cfg: StatsSettings, prefix: str) -> StatsClientProxy:
    return get_base_stats(cfg, prefix)
