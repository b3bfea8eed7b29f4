"""Iterators as task inputs and outputs: ``Iterator[T]`` (a collection) and ``Iterator[JSON]`` (a JSON-lines file)."""

from __future__ import annotations

from flytekit.types.iterator.iterator import FlyteIterator, IteratorTransformer
from flytekit.types.iterator.json_iterator import JSON, JSONIterator, JSONIteratorTransformer

__all__ = ["JSON", "FlyteIterator", "IteratorTransformer", "JSONIterator", "JSONIteratorTransformer"]
