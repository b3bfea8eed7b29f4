"""Talking to a person at a terminal: command-line text to typed values (``click_types``), literals to
short readable forms (``string_literals``), prompting for a typed value (``parse_stdin``) and
transfer progress bars (``rich_utils``). Submodules load on first use so ``import flytekit`` stays light.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_SUBMODULES = ("click_types", "coercion", "parse_stdin", "rich_utils", "string_literals", "timeparsing")


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_SUBMODULES])
