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
    if not _may_declare_plugins():
        return
    from importlib.metadata import entry_points

    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry_point.load()
        except Exception:
            logger.exception("Could not load flytekit plugin %s (%s)", entry_point.name, entry_point.value)
            raise


def _may_declare_plugins() -> bool:
    """False only when no installed distribution can declare the group: every ``sys.path`` entry is a
    folder (or missing), only the standard path finder finds distributions, and no ``entry_points.txt``
    in those folders names the group. This look costs a few file reads; ``importlib.metadata`` itself
    costs ~60 ms of imports (email, zipfile, csv), paid only when a plugin may be there."""
    import os
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return True
    header = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(folder):  # a zip archive on the path: let importlib.metadata read it
            return True
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as declared:
                    if header in declared.read():
                        return True
            except OSError:
                continue
    return False


def load_implicit_plugins() -> None:
    """flytekit's name for loading the ``flytekit.plugins`` entry points (see ``load_entry_point_plugins``)."""
    load_entry_point_plugins()
