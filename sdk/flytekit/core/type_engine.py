"""The type engine: converts between Python values and Flyte literals, and Python types and LiteralTypes.

``TypeEngine`` is a facade over a ``TransformerRegistry`` instance that maps Python types to
``TypeTransformer`` objects. The built-in transformers (one module per family under
``flytekit.core.type_transformers``) are registered into the default registry the first time it is
used; users and plugins add theirs with ``TypeEngine.register(transformer)``; packages declaring
the ``flytekit.plugins`` entry point group are imported then too (``type_plugins``).

Lookup for a type ``t`` (``TransformerRegistry.find``), in this order:
1. ``Annotated[T, ...]``: an annotation that is itself a transformer wins, else ``T`` is looked up;
2. an ``enum.Enum`` subclass -> the enum transformer (even a ``str`` enum);
3. ``typing.Literal[...]`` -> the literal transformer;
4. a generic alias: the alias itself when registered (``Iterator[JSON]``), else its origin;
5. a PEP 604 union ``X | Y`` -> the union transformer;
6. the exact type, then every class of its MRO;
7. dataclasses (kept after the MRO so users can register their own for dataclass-like types).
``TypeEngine.get_transformer`` falls back to pickling (``flytekit.types.pickle``) with a one-time
warning per type. Tuples as values are restricted: their transformer raises ``RestrictedTypeError``.

Literals and literal types are the generated ``flyteidl.core`` messages themselves.
"""

from __future__ import annotations

import collections
import enum
import functools
import logging
import sys
import threading
import types
import typing
from collections.abc import Callable, Coroutine
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
R = TypeVar("R")
NoneType = type(None)
CACHE_KEY_METADATA = "cache-key-metadata"


class TypeTransformerFailedError(TypeError, AssertionError, ValueError):
    """A value could not be converted by a transformer (wrong type, wrong literal, bad content)."""


class RestrictedTypeError(FlyteTypeException):
    """A type that may only appear as a return annotation (tuples meaning 'several outputs')."""


class BatchSize:
    """``Annotated[T, BatchSize(n)]``: move the parts of a value (files of a folder, items of a list) n at a time."""

    def __init__(self, val: int) -> None:
        self._val = val

    @property
    def val(self) -> int:
        return self._val


def is_annotated(t: Any) -> bool:
    return typing.get_origin(t) is typing.Annotated


def get_underlying_type(t: Any) -> Any:
    """``T`` of ``Annotated[T, ...]`` (recursively); any other type as it is."""
    while is_annotated(t):
        t = typing.get_args(t)[0]
    return t


def annotations_of(t: Any) -> tuple[Any, ...]:
    """The metadata of ``Annotated[T, *metadata]``, or ``()``."""
    return tuple(t.__metadata__) if is_annotated(t) else ()


def get_batch_size(t: Any) -> int | None:
    for annotation in annotations_of(t):
        if isinstance(annotation, BatchSize):
            return annotation.val
    return None


def run_sync(make: Callable[[], Coroutine[Any, Any, R]]) -> R:
    """The result of the coroutine ``make()``, from sync code, even while an event loop runs in this thread."""
    from flytekit.utils.asyn import run_coroutine_sync

    return run_coroutine_sync(make())


class TypeTransformer(Generic[T]):
    """Converts one family of Python types; subclass and register with ``TypeEngine.register``.

    Subclasses implement ``get_literal_type``, ``to_literal`` and ``to_python_value`` (and
    ``guess_python_type`` to be found from a literal type alone). ``python_type`` is the type the
    transformer is registered for; subclasses of it find it through their MRO.
    """

    # Built-in transformers want the bare type; third-party ones receive ``Annotated[...]`` as written,
    # as flytekit passes it.
    strips_annotations: typing.ClassVar[bool] = False

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
    def is_async(self) -> bool:
        return False

    @property
    def type_assertions_enabled(self) -> bool:
        return self._type_assertions_enabled

    def isinstance_generic(self, obj: Any, generic_alias: Any) -> None:
        origin = typing.get_origin(generic_alias) or generic_alias
        if isinstance(origin, type) and not isinstance(obj, origin):
            raise TypeTransformerFailedError(f"Value '{obj}' is not of container type {origin}")

    def assert_type(self, t: Any, v: Any) -> None:
        t = get_underlying_type(t)
        if typing.get_origin(t) is not None:
            return self.isinstance_generic(v, t)
        if isinstance(t, type) and not isinstance(v, t):
            raise TypeTransformerFailedError(f"Expected value of type {t} but got '{v}' of type {type(v)}")
        return None

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        """The LiteralType of Python type ``t``."""
        raise NotImplementedError(f"Conversion to LiteralType should be implemented by {type(self).__name__}")

    def to_literal(
        self, ctx: FlyteContext, python_val: T, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        """The Literal of ``python_val`` (of ``python_type``), shaped as ``expected``."""
        raise NotImplementedError(f"Conversion to Literal should be implemented by {type(self).__name__}")

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> T:
        """The Python value of literal ``lv`` as ``expected_python_type``."""
        raise NotImplementedError(
            f"Conversion to a Python value should be implemented by {type(self).__name__}"
        )

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        raise ValueError(f"Transformer {self} cannot reverse {literal_type}")

    def to_html(self, ctx: FlyteContext, python_val: T, expected_python_type: Any) -> str:
        return str(python_val)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, python_type={self.python_type!r})"

    def __str__(self) -> str:
        return str(self.__repr__())


class AsyncTypeTransformer(TypeTransformer[T]):
    """A transformer whose conversions are coroutines (``async_to_literal`` / ``async_to_python_value``);
    the sync methods run them to completion."""

    @property
    def is_async(self) -> bool:
        return True

    async def async_to_literal(
        self, ctx: FlyteContext, python_val: T, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        raise NotImplementedError(f"async_to_literal should be implemented by {type(self).__name__}")

    async def async_to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> T:
        raise NotImplementedError(f"async_to_python_value should be implemented by {type(self).__name__}")

    def to_literal(
        self, ctx: FlyteContext, python_val: T, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        return run_sync(lambda: self.async_to_literal(ctx, python_val, python_type, expected))

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> T:
        return run_sync(lambda: self.async_to_python_value(ctx, lv, expected_python_type))


class RestrictedTypeTransformer(TypeTransformer[T]):
    """Stands for a type that is refused as a value (tuples); every use raises ``RestrictedTypeError``."""

    def _refuse(self, t: Any) -> RestrictedTypeError:
        return RestrictedTypeError(
            f"Transformer for type {self.python_type} ({self.name}) is restricted: {t} is a tuple type, "
            "allowed only as a task or workflow return annotation (meaning several outputs). "
            "Use List[...] or a dataclass for values."
        )

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        raise self._refuse(t)

    def to_literal(
        self, ctx: FlyteContext, python_val: T, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        raise self._refuse(python_type)

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> T:
        raise self._refuse(expected_python_type)


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


def as_message(value: Any) -> Any:
    """The protobuf message of a ``flytekit.models`` object (third-party transformers may return those)."""
    to_idl = getattr(value, "to_flyte_idl", None)
    return to_idl() if to_idl is not None and not hasattr(value, "SerializeToString") else value


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


@functools.cache
def display_pickle_warning(python_type: str) -> None:
    """Warn once per type that its values travel as pickles."""
    logger.warning(
        f"Unsupported Type {python_type} found, Flyte will default to use PickleFile as the transport. "
        "Pickle can only be used to send objects between the exact same version of Python, "
        "and we strongly recommend to use python type that flyte support."
    )


def for_transformer(transformer: TypeTransformer[Any], t: Any) -> Any:
    """The type to hand ``transformer``: built-ins get it without ``Annotated``."""
    return get_underlying_type(t) if transformer.strips_annotations else t


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
    def register_additional_type(
        cls, transformer: TypeTransformer[Any], additional_type: Any, override: bool = False
    ) -> None:
        default_registry().register_additional_type(transformer, additional_type, override)

    @classmethod
    def register_restricted_type(cls, name: str, type: Any) -> None:
        default_registry().register_restricted(name, type)

    @classmethod
    def lazy_import_transformers(cls) -> None:
        """Register the transformers of optional libraries already imported (pydantic, ...)."""
        from flytekit.core import type_plugins

        type_plugins.register_imported_library_transformers(default_registry())

    @classmethod
    def get_available_transformers(cls) -> typing.KeysView[Any]:
        return default_registry()._by_type.keys()

    @classmethod
    def get_transformer(cls, python_type: Any) -> TypeTransformer[Any]:
        registry = default_registry()
        cls.lazy_import_transformers()
        transformer = registry.find(python_type)
        if transformer is not None:
            return transformer
        display_pickle_warning(str(python_type))
        from flytekit.types.pickle.pickle import FlytePickleTransformer

        return FlytePickleTransformer()

    @classmethod
    def to_literal_type(cls, python_type: Any) -> types_pb2.LiteralType:
        transformer = cls.get_transformer(python_type)
        literal_type: types_pb2.LiteralType = as_message(
            transformer.get_literal_type(for_transformer(transformer, python_type))
        )
        from flytekit.core.annotation import flyte_annotation_data

        data = flyte_annotation_data(python_type)
        if data is None:
            return literal_type
        if CACHE_KEY_METADATA in data:
            raise AssertionError(f"FlyteAnnotation cannot contain `{CACHE_KEY_METADATA}`.")
        merged = types_pb2.LiteralType()
        merged.CopyFrom(literal_type)
        # user keys first, then the transformer's own (which win on a clash, as in flytekit)
        annotations = dict(data)
        if literal_type.HasField("annotation"):
            from google.protobuf import json_format

            annotations.update(json_format.MessageToDict(literal_type.annotation.annotations))
        merged.annotation.Clear()
        merged.annotation.annotations.update(annotations)
        return merged

    @classmethod
    def to_literal_checks(
        cls, python_val: Any, python_type: Any, expected: types_pb2.LiteralType | None
    ) -> None:
        from flytekit.core.promise import VoidPromise

        if isinstance(python_val, VoidPromise):
            raise AssertionError(
                f"Outputs of a non-output producing task {python_val.task_name} cannot be passed to another task."
            )
        if isinstance(python_val, tuple):
            raise AssertionError(
                "Tuples are not a supported type for individual values in Flyte - got a tuple -"
                f" {python_val}. If using named tuple in an inner task, please, de-reference the"
                "actual attribute that you want to use. For example, in NamedTuple('OP', x=int) then"
                "return v.x, instead of v, even if this has a single element"
            )
        if (
            python_val is None
            and python_type is not NoneType
            and python_type is not None
            and expected is not None
            and not expected.HasField("union_type")
            and python_type is not Any
        ):
            raise TypeTransformerFailedError(
                f"Python value cannot be None, expected {python_type}/{expected}"
            )

    @classmethod
    def calculate_hash(cls, python_val: Any, python_type: Any) -> str | None:
        """The hash an ``Annotated[T, HashMethod(f)]`` asks for (``f(value)``), else None."""
        from flytekit.core.hash import HashMethod

        for annotation in annotations_of(python_type):
            if isinstance(annotation, HashMethod):
                return annotation.calculate(python_val)
        return None

    @classmethod
    def to_literal(
        cls,
        ctx: FlyteContext,
        python_val: Any,
        python_type: Any,
        expected: types_pb2.LiteralType | None = None,
    ) -> literals_pb2.Literal:
        from flytekit.core.promise import Promise

        cls.to_literal_checks(python_val, python_type, expected)
        if isinstance(python_val, Promise):
            promised: literals_pb2.Literal = python_val.val
            return promised
        transformer = cls.get_transformer(python_type)
        t = for_transformer(transformer, python_type)
        if expected is None:
            expected = as_message(transformer.get_literal_type(t))
        if transformer.type_assertions_enabled:
            transformer.assert_type(t, python_val)
        literal: literals_pb2.Literal = as_message(transformer.to_literal(ctx, python_val, t, expected))
        digest = cls.calculate_hash(python_val, python_type)
        if digest is not None:
            literal.hash = digest
        return literal

    @classmethod
    async def async_to_literal(
        cls,
        ctx: FlyteContext,
        python_val: Any,
        python_type: Any,
        expected: types_pb2.LiteralType | None = None,
    ) -> literals_pb2.Literal:
        transformer = cls.get_transformer(python_type)
        if not isinstance(transformer, AsyncTypeTransformer):
            return cls.to_literal(ctx, python_val, python_type, expected)
        cls.to_literal_checks(python_val, python_type, expected)
        t = for_transformer(transformer, python_type)
        if expected is None:
            expected = as_message(transformer.get_literal_type(t))
        if transformer.type_assertions_enabled:
            transformer.assert_type(t, python_val)
        literal: literals_pb2.Literal = as_message(
            await transformer.async_to_literal(ctx, python_val, t, expected)
        )
        digest = cls.calculate_hash(python_val, python_type)
        if digest is not None:
            literal.hash = digest
        return literal

    @classmethod
    def to_python_value(cls, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        transformer = cls.get_transformer(expected_python_type)
        return transformer.to_python_value(ctx, lv, for_transformer(transformer, expected_python_type))

    @classmethod
    async def async_to_python_value(
        cls, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> Any:
        transformer = cls.get_transformer(expected_python_type)
        t = for_transformer(transformer, expected_python_type)
        if isinstance(transformer, AsyncTypeTransformer):
            return await transformer.async_to_python_value(ctx, lv, t)
        return transformer.to_python_value(ctx, lv, t)

    @classmethod
    def to_html(cls, ctx: FlyteContext, python_val: Any, expected_python_type: Any) -> str:
        transformer = cls.get_transformer(expected_python_type)
        return transformer.to_html(ctx, python_val, for_transformer(transformer, expected_python_type))

    @classmethod
    def guess_python_type(cls, flyte_type: types_pb2.LiteralType) -> Any:
        default_registry().load_lazy_families(flyte_type.WhichOneof("type"))
        from flytekit.types.pickle.pickle import FlytePickleTransformer

        cls.lazy_import_transformers()
        for transformer in [*default_registry().transformers(), FlytePickleTransformer()]:
            try:
                return transformer.guess_python_type(flyte_type)
            except (ValueError, NotImplementedError):
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
            except Exception as exc:  # any failure to read an input is a conversion error, as in flytekit
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
