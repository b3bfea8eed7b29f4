"""Deferred module imports, so ``import flytekit`` does not pay for protobuf descriptor loading.

``flyteidl`` message modules cost most of the SDK's import time, yet authoring code only needs them
once it builds or reads a proto. Modules that use them write::

    if TYPE_CHECKING:
        from flyteidl.core import literals_pb2
    else:
        literals_pb2 = lazy_module("flyteidl.core.literals_pb2")

and keep calling ``literals_pb2.Literal(...)`` inside functions unchanged. The real import happens on
the first attribute read; after that the proxy holds the module's namespace in its own ``__dict__``,
so later reads cost a plain attribute lookup. Nothing at module level may touch the proxy, or the
saving is lost (tests/sdk/test_import.py checks that).
"""

from __future__ import annotations

import importlib
import types
from typing import Any


class _LazyModule(types.ModuleType):
    """Stands in for a module until its first attribute read, then mirrors it."""

    def __getattr__(self, attr: str) -> Any:
        # Only reached for names not yet in __dict__: load once, copy the namespace, answer.
        module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self.__name__!r}>"


def lazy_module(name: str) -> Any:
    """A proxy for the module ``name`` that imports it on first attribute access."""
    return _LazyModule(name)
