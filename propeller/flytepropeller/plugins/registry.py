"""Which plugin runs which task type (flyte-propeller.md §3.2 step 1).

A task type resolves to the plugin registered for it; types nobody registered fall back to the
default plugin (the container plugin, as in Flyte where the pod plugin is the default).
"""

from __future__ import annotations

from collections.abc import Iterable

from flytepropeller.errors import UnsupportedTaskType
from flytepropeller.plugins.core import Plugin


class PluginRegistry:
    """Maps task types to plugins."""

    def __init__(self) -> None:
        self._by_type: dict[str, Plugin] = {}
        self._default: Plugin | None = None

    def register(self, plugin: Plugin, task_types: Iterable[str], *, default: bool = False) -> None:
        for task_type in task_types:
            self._by_type[task_type] = plugin
        if default:
            self._default = plugin

    def resolve(self, task_type: str) -> Plugin:
        plugin = self._by_type.get(task_type, self._default)
        if plugin is None:
            raise UnsupportedTaskType(task_type, list(self._by_type))
        return plugin
