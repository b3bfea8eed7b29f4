"""Transformers that come from outside the built-in set: optional libraries and installed plugins.

Two sources, both loaded lazily so ``import flytekit`` stays light:
- transformers for optional libraries (pydantic, ...) register the first time a type is looked up
  after the library has been imported by user code: nobody can annotate with ``BaseModel`` without
  importing pydantic first;
- installed packages declaring the ``flytekit.plugins`` entry point group are imported once, when the
  default registry is created; their modules register transformers (``TypeEngine.register``) or
  other extensions as an import side effect, as flytekit plugins do.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flytekit.core.type_engine import TransformerRegistry

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "flytekit.plugins"

# library (top-level module) -> our module registering its transformers, imported once it is loaded
LIBRARY_TRANSFORMERS: dict[str, str] = {
    "pydantic": "flytekit.extras.pydantic_transformer",
}

_registered_libraries: set[str] = set()
_entry_points_loaded = False


def register_imported_library_transformers(registry: TransformerRegistry) -> None:
    """Import the transformer module of every optional library user code has imported (once each)."""
    if len(_registered_libraries) == len(LIBRARY_TRANSFORMERS):
        return
    for library, module in LIBRARY_TRANSFORMERS.items():
        if library in _registered_libraries or library not in sys.modules:
            continue
        _registered_libraries.add(library)
        try:
            importlib.import_module(module).register(registry)
        except ImportError as exc:  # an unsupported version of the library, e.g. pydantic 1
            logger.debug("No transformers for %s: %s", library, exc)


def load_entry_point_plugins() -> None:
    """Import every module named in the ``flytekit.plugins`` entry point group (once per process)."""
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    from importlib.metadata import entry_points

    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry_point.load()
        except Exception:
            logger.exception("Could not load flytekit plugin %s (%s)", entry_point.name, entry_point.value)
            raise


def load_implicit_plugins() -> None:
    """flytekit's name for loading the ``flytekit.plugins`` entry points (see ``load_entry_point_plugins``)."""
    load_entry_point_plugins()
