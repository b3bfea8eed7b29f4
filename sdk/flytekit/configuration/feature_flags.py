"""Switches read once from the environment when this module is first imported (as flytekit does).

``FeatureFlags.FLYTE_PYTHON_PACKAGE_ROOT``: how module names of user code are derived -- ``auto``
(the default: walk up while folders hold ``__init__.py``), ``.`` (the current folder is the root) or
a folder path. ``flytekit.core.tracker`` reads the variable itself at call time, so tests and CLIs
that set it later still take effect there; this class is the value as of import, for user code.
"""

from __future__ import annotations

import os


def _get(key: str, default_val: str) -> str:
    """The variable's value, or ``default_val`` when unset or empty."""
    return os.environ.get(key) or default_val


class FeatureFlags:
    FLYTE_PYTHON_PACKAGE_ROOT = _get("FLYTE_PYTHON_PACKAGE_ROOT", "auto")
