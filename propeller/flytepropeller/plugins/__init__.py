"""Task plugins: the interface (:mod:`.core`), the type registry and the built-in container plugin.

External plugin packages (``flyteplugins``) implement :class:`Plugin` from here and are registered
explicitly by the process that assembles propeller; nothing registers itself on import.
"""

from flytepropeller.plugins.container import ContainerPlugin
from flytepropeller.plugins.core import (
    PhaseInfo,
    Plugin,
    PluginPhase,
    PluginProperties,
    PluginTransition,
    TaskExecutionContext,
)
from flytepropeller.plugins.registry import PluginRegistry

__all__ = [
    "ContainerPlugin",
    "PhaseInfo",
    "Plugin",
    "PluginPhase",
    "PluginProperties",
    "PluginRegistry",
    "PluginTransition",
    "TaskExecutionContext",
]
