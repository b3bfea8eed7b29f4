"""What every type transformer builds on: the ``TypeTransformer`` base classes, the type engine's
error types, ``BatchSize`` and the helpers that read ``Annotated`` types.

``flytekit.core.type_engine`` re-exports all of it (flytekit's import path for these names).
"""

from __future__ import annotations

import logging
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
