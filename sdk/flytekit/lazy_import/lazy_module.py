"""``lazy_module(name)``: a module proxy imported on first attribute access; ``is_imported(name)``."""

from __future__ import annotations

import sys

from flytekit._lazy import lazy_module


def is_imported(module_name: str) -> bool:
    """True when ``module_name`` is already (really) imported in this process."""
    return module_name in sys.modules


__all__ = ["is_imported", "lazy_module"]
