"""``FlyteAnnotation``: user data attached to a type with ``Annotated[T, FlyteAnnotation({...})]``.

The data is merged into the ``annotation`` field of ``T``'s LiteralType (the transformer's own keys
win on a clash); it is not visible to the running task, only to whoever reads the interface (the
console, tools). The key ``cache-key-metadata`` is reserved for the type engine.
"""

from __future__ import annotations

import typing
from typing import Any


class FlyteAnnotation:
    """Arbitrary (JSON-like) data for a type's LiteralType annotation; at most one per type hint."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    @property
    def data(self) -> dict[str, Any]:
        return self._data

    def __repr__(self) -> str:
        return f"FlyteAnnotation({self._data!r})"


def flyte_annotation_data(t: Any) -> dict[str, Any] | None:
    """The data of the one ``FlyteAnnotation`` in ``Annotated[T, ...]``, or None; two are refused."""
    if typing.get_origin(t) is not typing.Annotated:
        return None
    found = [a for a in t.__metadata__ if isinstance(a, FlyteAnnotation)]
    if len(found) > 1:
        raise ValueError(
            f"More than one FlyteAnnotation used within {t} typehint. Flytekit requires a max of one."
        )
    return found[0].data if found else None
