"""Typed views over the dicts inside a FlyteWorkflow document, and the fields they declare.

A view wraps one dict of the document and reads and writes its keys in place, so the document stays
the single source of truth. ``_documents`` (read-only spec views) and ``_status`` (the mutable status
views) build on :class:`DictView`; status fields are declared as descriptors (``TimeField("queuedAt")``)
that convert between the Go JSON value and the Python type, one line per field.
"""

from __future__ import annotations

import abc
import base64
import enum
from datetime import datetime
from typing import Any, Generic, TypeVar, overload

from flyteidl.core import execution_pb2
from flytestdlib.flyteworkflow._codec import format_time, from_jsonpb, parse_time, to_jsonpb

T = TypeVar("T")
E = TypeVar("E", bound=enum.IntEnum)


class DictView:
    """A view of one dict of the document; ``where`` names it (``status.nodeStatus[n0]``) in errors."""

    def __init__(self, raw: dict[str, Any], where: str) -> None:
        self._raw = raw
        self._where = where

    @property
    def raw(self) -> dict[str, Any]:
        """The underlying dict (part of the document)."""
        return self._raw


def set_or_omit(raw: dict[str, Any], key: str, value: Any) -> None:
    """Store ``value`` under ``key``, or remove the key for an empty value, as Go's ``omitempty`` does."""
    if value is None or value == "" or value == 0 or value is False or value == {}:
        raw.pop(key, None)
    else:
        raw[key] = value


class Field(abc.ABC, Generic[T]):
    """A read-write attribute of a :class:`DictView` backed by the key ``key`` of its dict.

    Subclasses say how a stored value (possibly missing: None) reads and how a Python value is stored.
    Empty values remove the key unless ``omitempty`` is False.
    """

    omitempty = True

    def __init__(self, key: str) -> None:
        self._key = key

    @overload
    def __get__(self, view: None, owner: type[Any]) -> Field[T]: ...

    @overload
    def __get__(self, view: DictView, owner: type[Any]) -> T: ...

    def __get__(self, view: DictView | None, owner: type[Any]) -> Field[T] | T:
        if view is None:
            return self
        return self._decode(view.raw.get(self._key), f"{view._where}.{self._key}")

    def __set__(self, view: DictView, value: T) -> None:
        encoded = self._encode(value)
        if self.omitempty:
            set_or_omit(view.raw, self._key, encoded)
        else:
            view.raw[self._key] = encoded

    @abc.abstractmethod
    def _decode(self, stored: Any, where: str) -> T:
        """The stored JSON value as ``T`` (``where`` names the field in error messages)."""

    @abc.abstractmethod
    def _encode(self, value: T) -> Any:
        """``value`` as the JSON value to store."""


class IntField(Field[int]):
    def _decode(self, stored: Any, where: str) -> int:
        return 0 if stored is None else int(stored)

    def _encode(self, value: int) -> Any:
        return int(value)


class BoolField(Field[bool]):
    def _decode(self, stored: Any, where: str) -> bool:
        return bool(stored)

    def _encode(self, value: bool) -> Any:
        return value


class StrField(Field[str]):
    """A string; ``limit`` truncates what is stored (messages are capped in the document)."""

    def __init__(self, key: str, *, limit: int | None = None) -> None:
        super().__init__(key)
        self._limit = limit

    def _decode(self, stored: Any, where: str) -> str:
        return "" if stored is None else str(stored)

    def _encode(self, value: str) -> Any:
        return value if self._limit is None else value[: self._limit]


class BytesField(Field[bytes]):
    """Bytes stored base64-encoded."""

    def _decode(self, stored: Any, where: str) -> bytes:
        return base64.b64decode(stored) if stored else b""

    def _encode(self, value: bytes) -> Any:
        return base64.b64encode(value).decode() if value else None


class TimeField(Field[datetime | None]):
    """An RFC 3339 time (``metav1.Time``)."""

    def _decode(self, stored: Any, where: str) -> datetime | None:
        return parse_time(stored, where=where) if stored else None

    def _encode(self, value: datetime | None) -> Any:
        return format_time(value) if value is not None else None


class ErrorField(Field[execution_pb2.ExecutionError | None]):
    """A ``core.ExecutionError`` in jsonpb."""

    def _decode(self, stored: Any, where: str) -> execution_pb2.ExecutionError | None:
        return None if stored is None else from_jsonpb(stored, execution_pb2.ExecutionError, where=where)

    def _encode(self, value: execution_pb2.ExecutionError | None) -> Any:
        return to_jsonpb(value) if value is not None else None


class PhaseField(Field[E]):
    """A phase enum stored as its integer, always (phase 0 is written too)."""

    omitempty = False

    def __init__(self, key: str, phases: type[E]) -> None:
        super().__init__(key)
        self._phases = phases

    def _decode(self, stored: Any, where: str) -> E:
        return self._phases(0 if stored is None else int(stored))

    def _encode(self, value: E) -> Any:
        return int(value)
