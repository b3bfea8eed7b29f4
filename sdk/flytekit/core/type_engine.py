"""The type engine: converts between Python values and Flyte literals, and Python types and LiteralTypes.

``TypeEngine`` is a facade over a ``TransformerRegistry`` instance that maps Python types to
``TypeTransformer`` objects. The built-in transformers (one module per family under
``flytekit.core.type_transformers``) are registered into the default registry the first time it is
used; users and plugins add theirs with ``TypeEngine.register(transformer)``.

Lookup for a type ``t``: ``Annotated[T, ...]`` is looked up as ``T``; a generic alias by its
origin (``List[int]`` -> ``list``); then the exact type, then its MRO. Types nobody handles raise
``TypeTransformerFailedError`` naming the type.

Literals and literal types are the generated ``flyteidl.core`` messages themselves.
"""

from __future__ import annotations

import abc
import collections
import logging
import sys
import threading
import typing
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from flytekit._lazy import lazy_module
from flytekit.errors import FlyteTypeException

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, types_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")

if typing.TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

logger = logging.getLogger(__name__)

T = TypeVar("T")
NoneType = type(None)


class TypeTransformerFailedError(TypeError, AssertionError, ValueError):
    """A value could not be converted by a transformer (wrong type, wrong literal, bad content)."""


class RestrictedTypeError(FlyteTypeException):
    """A type that may only appear as a return annotation (tuples meaning 'several outputs')."""


class TypeTransformer(abc.ABC, Generic[T]):
    """Converts one family of Python types; subclass and register with ``TypeEngine.register``."""

    def __init__(self, name: str, t: type[T] | Any, enable_type_assertions: bool = True) -> None:
        self._name = name
        self._t = t
        self._type_assertions_enabled = enable_type_assertions

    @property
    def name(self) -> str:
        return self._name

    @property
    def python_type(self) -> Any:
        return self._t

    @property
    def type_assertions_enabled(self) -> bool:
        return self._type_assertions_enabled

    def assert_type(self, t: Any, v: Any) -> None:
        if not isinstance(v, t):
            raise TypeTransformerFailedError(f"Expected value of type {t} but got '{v}' of type {type(v)}")

    @abc.abstractmethod
    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        """The LiteralType of Python type ``t``."""

    @abc.abstractmethod
    def to_literal(
        self, ctx: FlyteContext, python_val: T, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        """The Literal of ``python_val`` (of ``python_type``), shaped as ``expected``."""

    @abc.abstractmethod
    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> T:
        """The Python value of literal ``lv`` as ``expected_python_type``."""

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        raise ValueError(f"Transformer {self.name} cannot reverse {literal_type}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, python_type={self.python_type!r})"


class TransformerRegistry:
    """Python type -> transformer, consulted in registration order for guessing types back."""

    def __init__(self) -> None:
        self._by_type: dict[Any, TypeTransformer[Any]] = {}
        # (predicate, transformer) for families no single class names, e.g. "any dataclass";
        # consulted last, after the exact type, the origin and the MRO.
        self._by_predicate: list[tuple[typing.Callable[[Any], bool], TypeTransformer[Any]]] = []
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

    def register_predicate(
        self, predicate: typing.Callable[[Any], bool], transformer: TypeTransformer[Any]
    ) -> None:
        """Route every type for which ``predicate(t)`` holds to ``transformer``."""
        self._by_predicate.append((predicate, transformer))

    def register(self, transformer: TypeTransformer[Any], additional_types: list[Any] | None = None) -> None:
        for t in [transformer.python_type, *(additional_types or [])]:
            if t in self._by_type and self._by_type[t] is not transformer:
                logger.debug("Replacing transformer for %s with %s", t, transformer)
            self._by_type[t] = transformer

    def transformers(self) -> list[TypeTransformer[Any]]:
        seen: dict[int, TypeTransformer[Any]] = {}
        for tr in [*self._by_type.values(), *(tr for _, tr in self._by_predicate)]:
            seen.setdefault(id(tr), tr)
        return list(seen.values())

    def find(self, python_type: Any) -> TypeTransformer[Any] | None:
        self.load_lazy_families()
        t = python_type
        if t is None:
            t = NoneType
        if typing.get_origin(t) is typing.Annotated:
            t = typing.get_args(t)[0]
        if t in self._by_type:
            return self._by_type[t]
        origin = typing.get_origin(t)
        if origin is not None:
            return self._by_type.get(origin)
        if isinstance(t, type):
            for base in t.__mro__[1:]:
                if base in self._by_type and base is not object:
                    return self._by_type[base]
        # after the MRO, as in flytekit: subclasses of registered dataclass-shaped types (StructuredDataset,
        # FlyteSchema[...]) keep their transformer instead of becoming plain dataclasses
        for predicate, transformer in self._by_predicate:
            if predicate(t):
                return transformer
        return None


class LazyFamily(typing.NamedTuple):
    """Transformers registered by ``load`` once any of ``trigger_modules`` is in ``sys.modules`` (or a
    literal type of one of the kinds in ``guesses`` must be reversed into a Python type)."""

    trigger_modules: tuple[str, ...]
    load: typing.Callable[[TransformerRegistry], None]
    guesses: tuple[str, ...] = ()


_default_registry: TransformerRegistry | None = None


def default_registry() -> TransformerRegistry:
    """The process-wide registry, with the built-in transformers, created on first use."""
    global _default_registry
    if _default_registry is None:
        from flytekit.core.type_transformers import register_builtin_transformers

        registry = TransformerRegistry()
        register_builtin_transformers(registry)
        _default_registry = registry
    return _default_registry


def _is_tuple_type(t: Any) -> bool:
    origin = typing.get_origin(t)
    return (
        t is tuple
        or origin is tuple
        or (isinstance(t, type) and issubclass(t, tuple) and hasattr(t, "_fields"))
    )


def inner_literal_type(expected: types_pb2.LiteralType, kind: str, python_type: Any) -> types_pb2.LiteralType:
    """The element type of a collection or map literal: ``expected``'s own ``kind`` field
    (``collection_type`` / ``map_value_type``) when it has one, else derived from ``python_type``."""
    if expected.WhichOneof("type") == kind:
        inner: types_pb2.LiteralType = getattr(expected, kind)
        return inner
    return TypeEngine.to_literal_type(python_type)


class TypeEngine:
    """Converts values and types through the registered transformers (classmethods, flytekit's API)."""

    @classmethod
    def registry(cls) -> TransformerRegistry:
        return default_registry()

    @classmethod
    def register(cls, transformer: TypeTransformer[Any], additional_types: list[Any] | None = None) -> None:
        default_registry().register(transformer, additional_types)

    @classmethod
    def get_transformer(cls, python_type: Any) -> TypeTransformer[Any]:
        if _is_tuple_type(python_type):
            raise RestrictedTypeError(
                f"Type {python_type} is a tuple; tuples are only allowed as a task or workflow return annotation "
                "(meaning several outputs). Use List[...] or a dataclass for values."
            )
        transformer = default_registry().find(python_type)
        if transformer is None:
            raise TypeTransformerFailedError(
                f"Type {python_type} is not supported by this SDK yet; supported are int, float, str, bool, None, "
                "datetime, date, timedelta, Optional/Union, str-valued Enums, dataclasses, dict, List[T] and "
                "Dict[K, T] of those."
            )
        return transformer

    @classmethod
    def to_literal_type(cls, python_type: Any) -> types_pb2.LiteralType:
        return cls.get_transformer(python_type).get_literal_type(python_type)

    @classmethod
    def to_literal(
        cls,
        ctx: FlyteContext,
        python_val: Any,
        python_type: Any,
        expected: types_pb2.LiteralType | None = None,
    ) -> literals_pb2.Literal:
        transformer = cls.get_transformer(python_type)
        if expected is None:
            expected = transformer.get_literal_type(python_type)
        if transformer.type_assertions_enabled:
            transformer.assert_type(python_type, python_val)
        return transformer.to_literal(ctx, python_val, python_type, expected)

    @classmethod
    def to_python_value(cls, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        return cls.get_transformer(expected_python_type).to_python_value(ctx, lv, expected_python_type)

    @classmethod
    def guess_python_type(cls, flyte_type: types_pb2.LiteralType) -> Any:
        default_registry().load_lazy_families(flyte_type.WhichOneof("type"))
        for transformer in default_registry().transformers():
            try:
                return transformer.guess_python_type(flyte_type)
            except ValueError:
                continue
        raise ValueError(f"No transformer can turn literal type {flyte_type} back into a Python type")

    @classmethod
    def guess_python_types(cls, variables: dict[str, interface_pb2.Variable]) -> dict[str, Any]:
        return {name: cls.guess_python_type(v.type) for name, v in variables.items()}

    @classmethod
    def literal_map_to_kwargs(
        cls,
        ctx: FlyteContext,
        lm: literals_pb2.LiteralMap,
        python_types: dict[str, Any] | None = None,
        literal_types: dict[str, interface_pb2.Variable] | None = None,
    ) -> dict[str, Any]:
        """Python values for every literal of ``lm``, typed by ``python_types`` (or guessed from ``literal_types``)."""
        if python_types is None:
            if literal_types is None:
                raise ValueError("literal_map_to_kwargs needs python_types or literal_types")
            python_types = cls.guess_python_types(dict(literal_types))
        if len(lm.literals) > len(python_types):
            raise ValueError(
                f"Received more input values {len(lm.literals)} than allowed by the input spec {len(python_types)}"
            )
        kwargs: dict[str, Any] = {}
        for name, literal in lm.literals.items():
            if name not in python_types:
                raise ValueError(
                    f"Received unexpected input {name!r}; the interface declares {sorted(python_types)}"
                )
            try:
                kwargs[name] = cls.to_python_value(ctx, literal, python_types[name])
            except TypeTransformerFailedError as exc:
                raise TypeTransformerFailedError(f"Error converting input {name!r}: {exc}") from exc
        return kwargs

    @classmethod
    def dict_to_literal_map(
        cls, ctx: FlyteContext, d: dict[str, Any], type_hints: dict[str, Any] | None = None
    ) -> literals_pb2.LiteralMap:
        """A LiteralMap of ``d``, each value converted with its type from ``type_hints`` (else its own type)."""
        hints = type_hints or {}
        literals = {}
        for name, value in d.items():
            python_type = hints.get(name, type(value))
            try:
                literals[name] = cls.to_literal(ctx, value, python_type, cls.to_literal_type(python_type))
            except TypeTransformerFailedError as exc:
                raise TypeTransformerFailedError(f"Error converting {name!r}: {exc}") from exc
        return literals_pb2.LiteralMap(literals=literals)

    @classmethod
    def literal_map_to_python_dict(
        cls, ctx: FlyteContext, lm: literals_pb2.LiteralMap, python_types: dict[str, Any]
    ) -> dict[str, Any]:
        return cls.literal_map_to_kwargs(ctx, lm, python_types)


def named_tuple_type(name: str, field_names: list[str]) -> type[tuple[Any, ...]]:
    """The named tuple class local runs return for several outputs (flytekit's ``DefaultNamedTupleOutput``)."""
    return collections.namedtuple(name, field_names)
