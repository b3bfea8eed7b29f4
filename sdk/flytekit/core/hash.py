"""``HashMethod``: ``Annotated[T, HashMethod(f)]`` makes ``f(value)`` the hash of the value's literal.

The type engine stores it in ``Literal.hash``; the local cache and the backend's cache key use it
in place of the literal's contents (a dataframe hashed by its rows, say, rather than by the random
URI it was uploaded to).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class HashOnReferenceMixin:
    """Hash by identity: for objects whose contents are too costly or not stable to hash."""

    def __hash__(self) -> int:
        return hash(id(self))


class HashMethod(Generic[T]):
    """Wraps the function computing a value's hash string."""

    def __init__(self, function: Callable[[T], str]) -> None:
        self._function = function

    def calculate(self, obj: T) -> str:
        return self._function(obj)
