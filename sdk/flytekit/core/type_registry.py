"""The transformer registry: Python type -> ``TypeTransformer``, with the lookup order described in
``flytekit.core.type_engine``, families of third-party libraries loaded lazily, and the process-wide
default registry (built-in transformers plus ``flytekit.plugins`` entry points, created on first use).
"""

from __future__ import annotations

import enum
import sys
import threading
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, types_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")

if typing.TYPE_CHECKING:
    pass

from flytekit.core.type_transformer_base import (
    NoneType,
    RestrictedTypeTransformer,
    TypeTransformer,
    annotations_of,
    is_annotated,
)


def _hashable_key(t: Any) -> bool:
    try:
        hash(t)
    except TypeError:
        return False
    return True


class TransformerRegistry:
    """Python type -> transformer, with the lookup order described in the module docstring."""

    def __init__(self) -> None:
        self._by_type: dict[Any, TypeTransformer[Any]] = {}
        # (predicate, transformer) for families no single class names, e.g. "any dataclass";
        # consulted after the MRO walk, so registered types win.
        self._by_predicate: list[tuple[Callable[[Any], bool], TypeTransformer[Any]]] = []
        self._enum: TypeTransformer[Any] | None = None
        self._literal: TypeTransformer[Any] | None = None
        self._restricted: list[Any] = []
        # Families for third-party libraries (pandas, pyarrow, numpy): each loads once its trigger module
        # has been imported by someone else, so the registry never imports those libraries itself.
        self._lazy: list[LazyFamily] = []
        self._lazy_lock = threading.RLock()

    def register_lazy(self, family: LazyFamily) -> None:
        """Load ``family`` into this registry at the first lookup after one of its trigger modules is imported."""
        self._lazy.append(family)

    def load_lazy_families(self, literal_kind: str | None = None) -> None:
        """Load the pending families whose trigger module is imported, or that reverse ``literal_kind``."""
        if not self._lazy:
            return
        with self._lazy_lock:  # re-entrant: a family's load may look types up (and load others) itself
            ready = [
                f
                for f in self._lazy
                if literal_kind in f.guesses or any(m in sys.modules for m in f.trigger_modules)
            ]
            for family in ready:
                if family in self._lazy:
                    self._lazy.remove(family)
                    family.load(self)

    def register_predicate(self, predicate: Callable[[Any], bool], transformer: TypeTransformer[Any]) -> None:
        """Route every type for which ``predicate(t)`` holds (and nothing registered matched) to ``transformer``."""
        self._by_predicate.append((predicate, transformer))

    def register_enum(self, transformer: TypeTransformer[Any]) -> None:
        self._enum = transformer
        self.register(transformer)

    def register_literal(self, transformer: TypeTransformer[Any]) -> None:
        self._literal = transformer

    def register(
        self,
        transformer: TypeTransformer[Any],
        additional_types: list[Any] | None = None,
        override: bool = False,
    ) -> None:
        """Add ``transformer`` for its ``python_type`` and ``additional_types``.

        A type already held by a transformer of another class is refused unless ``override``; one of
        the same class is replaced (a module defining it was imported again).
        """
        for t in [transformer.python_type, *(additional_types or [])]:
            existing = self._by_type.get(t)
            if existing is not None and not override and type(existing) is not type(transformer):
                raise ValueError(
                    f"Transformer {existing.name} for type {t} is already registered. "
                    f"Cannot override with {transformer.name}"
                )
            self._by_type[t] = transformer

    def register_additional_type(
        self, transformer: TypeTransformer[Any], additional_type: Any, override: bool = False
    ) -> None:
        if additional_type not in self._by_type or override:
            self._by_type[additional_type] = transformer

    def register_restricted(self, name: str, t: Any) -> None:
        self._restricted.append(t)
        self.register(RestrictedTypeTransformer(name, t))

    def is_registered(self, t: Any) -> bool:
        return _hashable_key(t) and t in self._by_type

    def transformers(self) -> list[TypeTransformer[Any]]:
        seen: dict[int, TypeTransformer[Any]] = {}
        extras = [tr for _, tr in self._by_predicate]
        if self._literal is not None:
            extras.append(self._literal)
        for tr in [*self._by_type.values(), *extras]:
            seen.setdefault(id(tr), tr)
        return list(seen.values())

    def _find_direct(self, t: Any) -> TypeTransformer[Any] | None:
        """Steps 1-6 of the lookup for ``t`` itself (no MRO walk)."""
        if t is None:
            t = NoneType
        if is_annotated(t):
            for annotation in annotations_of(t):
                if isinstance(annotation, TypeTransformer):
                    return annotation
            return self.find(typing.get_args(t)[0])
        if isinstance(t, type) and issubclass(t, enum.Enum) and self._enum is not None:
            return self._enum
        if typing.get_origin(t) is typing.Literal and self._literal is not None:
            return self._literal
        if hasattr(t, "__origin__"):
            if _hashable_key(t) and t in self._by_type:
                return self._by_type[t]
            origin = t.__origin__
            if _hashable_key(origin) and origin in self._by_type:
                return self._by_type[origin]
        if isinstance(t, types.UnionType):
            return self._by_type.get(types.UnionType)
        if _hashable_key(t) and t in self._by_type:
            return self._by_type[t]
        return None

    def find(self, python_type: Any) -> TypeTransformer[Any] | None:
        """The transformer for ``python_type``, or None when only the pickle fallback would take it."""
        self.load_lazy_families()
        found = self._find_direct(python_type)
        if found is not None:
            return found
        mro = getattr(python_type, "__mro__", None)
        if isinstance(mro, tuple):
            for base in mro[1:]:
                found = self._find_direct(base)
                if found is not None:
                    return found
        for predicate, transformer in self._by_predicate:
            if predicate(python_type):
                return transformer
        return None


class LazyFamily(typing.NamedTuple):
    """Transformers registered by ``load`` once any of ``trigger_modules`` is in ``sys.modules`` (or a
    literal type of one of the kinds in ``guesses`` must be reversed into a Python type)."""

    trigger_modules: tuple[str, ...]
    load: typing.Callable[[TransformerRegistry], None]
    guesses: tuple[str, ...] = ()


_default_registry: TransformerRegistry | None = None
_registry_lock = threading.RLock()


def default_registry() -> TransformerRegistry:
    """The process-wide registry, with the built-in transformers, created on first use."""
    global _default_registry
    if _default_registry is None:
        with _registry_lock:
            if _default_registry is None:
                from flytekit.core.type_transformers import register_builtin_transformers

                registry = TransformerRegistry()
                register_builtin_transformers(registry)
                _default_registry = registry
                from flytekit.core import type_plugins

                type_plugins.load_entry_point_plugins()
    return _default_registry
