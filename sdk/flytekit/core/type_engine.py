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
import functools
import logging
import typing
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, types_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")

if typing.TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

from flytekit.core.type_registry import LazyFamily, TransformerRegistry, default_registry
from flytekit.core.type_transformer_base import (
    AsyncTypeTransformer,
    BatchSize,
    NoneType,
    R,
    RestrictedTypeError,
    RestrictedTypeTransformer,
    T,
    TypeTransformer,
    TypeTransformerFailedError,
    annotations_of,
    get_batch_size,
    get_underlying_type,
    is_annotated,
    run_sync,
)

logger = logging.getLogger(__name__)

# The transformer base classes and the registry live in their own modules; flytekit users import them from here.
__all__ = [
    "CACHE_KEY_METADATA",
    "AsyncTypeTransformer",
    "BatchSize",
    "LazyFamily",
    "NoneType",
    "R",
    "RestrictedTypeError",
    "RestrictedTypeTransformer",
    "T",
    "TransformerRegistry",
    "TypeEngine",
    "TypeTransformer",
    "TypeTransformerFailedError",
    "annotations_of",
    "as_message",
    "default_registry",
    "display_pickle_warning",
    "for_transformer",
    "get_batch_size",
    "get_underlying_type",
    "inner_literal_type",
    "is_annotated",
    "named_tuple_type",
    "run_sync",
]

CACHE_KEY_METADATA = "cache-key-metadata"


def as_message(value: Any) -> Any:
    """The protobuf message of a ``flytekit.models`` object (third-party transformers may return those)."""
    to_idl = getattr(value, "to_flyte_idl", None)
    return to_idl() if to_idl is not None and not hasattr(value, "SerializeToString") else value


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
