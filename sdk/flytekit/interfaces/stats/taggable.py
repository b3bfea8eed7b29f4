"""A scoped statsd client that carries tags: every metric it sends has its tags folded into the
name (unless the settings disable tags). ``get_stats(cfg, prefix, tags)`` makes one over the
process's client with a lower-cased prefix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flytekit.interfaces.stats import client as _stats_client
from flytekit.interfaces.stats.client import StatsSettings


class TaggableStats(_stats_client.ScopeableStatsProxy):
    """A ``ScopeableStatsProxy`` with its own tags; ``full_prefix`` is the whole metric prefix."""

    EXTENDABLE_FUNC = ["incr", "decr", "timing", "timer", "gauge", "set"]

    def __init__(
        self,
        client: Any,
        full_prefix: str,
        cfg: StatsSettings | None = None,
        prefix: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> None:
        # set before the base class wraps the client's functions, which read them
        self._tags: dict[str, str] = tags if tags else {}
        self._full_prefix = full_prefix
        self._cfg = cfg
        super().__init__(client, prefix=prefix)

    def _create_wrapped_function(self, base_func: Callable[..., Any]) -> Callable[..., Any]:
        def name_wrap(stat: str, *args: Any, **kwargs: Any) -> Any:
            tags = self._tags_of(kwargs)
            tags.update(self._tags)
            if tags and not (self._cfg is not None and self._cfg.disabled_tags):
                stat = self._serialize_tags(stat, tags)
            return base_func(self._p_with_prefix(stat) if self._scope_prefix else stat, *args, **kwargs)

        return name_wrap

    def clear_tags(self) -> None:
        self._tags = {}

    def extend_tags(self, tags: dict[str, str]) -> None:
        self._tags.update(tags)

    def _copy(self, client: Any) -> TaggableStats:
        return TaggableStats(
            client, self._full_prefix, cfg=self._cfg, prefix=self._scope_prefix, tags=dict(self._tags)
        )

    def pipeline(self) -> TaggableStats:
        return self._copy(self._client.pipeline())

    def __enter__(self) -> TaggableStats:
        return self._copy(self._client.__enter__())

    def get_stats(self, name: str, copy_tags: bool = True) -> TaggableStats:
        prefix = f"{self._scope_prefix}.{name}" if self._scope_prefix else name
        full_prefix = f"{self._full_prefix}.{prefix}" if self._full_prefix else prefix
        return TaggableStats(
            self._client,
            full_prefix,
            cfg=self._cfg,
            prefix=prefix,
            tags=dict(self._tags) if copy_tags else None,
        )

    @property
    def full_prefix(self) -> str:
        return self._full_prefix


def get_stats(cfg: StatsSettings, prefix: str, tags: dict[str, str] | None = None) -> TaggableStats:
    """A tagged client scoped to ``prefix`` (lower-cased); tags are dropped when the settings disable them."""
    if cfg.disabled_tags:
        tags = None
    base = _stats_client.get_base_stats(cfg, prefix.lower())
    return TaggableStats(base, prefix.lower(), cfg=cfg, tags=tags)
