"""``typing.Iterator[T]``: written as a collection of ``T`` (the iterator is drained), read back as a
``FlyteIterator`` that converts each item on demand."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from flytekit.core.type_engine import TypeEngine, TypeTransformer, TypeTransformerFailedError

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
    from flytekit.core.context_manager import FlyteContext


def _item_type(t: Any) -> Any:
    args = typing.get_args(t)
    if not args:
        raise ValueError(f"Only generic univariate typing.Iterator[T] type is supported, got {t}")
    return args[0]


class FlyteIterator:
    """Lazily converts the items of a collection literal to ``T``; iterating again starts over."""

    def __init__(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any, length: int
    ) -> None:
        self._ctx = ctx
        self._lv = lv
        self._item_type = _item_type(expected_python_type)
        self._length = length
        self._index = 0

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> FlyteIterator:
        self._index = 0
        return self

    def __next__(self) -> Any:
        if self._index >= self._length:
            raise StopIteration
        item = self._lv.collection.literals[self._index]
        self._index += 1
        return TypeEngine.to_python_value(self._ctx, item, self._item_type)


class IteratorTransformer(TypeTransformer[Iterator[Any]]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("Typed Iterator", typing.Iterator)

    def assert_type(self, t: Any, v: Any) -> None:
        if not hasattr(v, "__iter__"):
            raise TypeTransformerFailedError(f"Expected an iterable for {t} but got '{v}' of type {type(v)}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        from flyteidl.core import types_pb2

        try:
            return types_pb2.LiteralType(collection_type=TypeEngine.to_literal_type(_item_type(t)))
        except Exception as exc:
            raise ValueError(f"Type of Generic List type is not supported, {exc}") from exc

    def to_literal(
        self, ctx: FlyteContext, python_val: Iterator[Any], python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        from flyteidl.core import literals_pb2

        item_type = _item_type(python_type)
        item_lt = expected.collection_type if expected.HasField("collection_type") else None
        items = [TypeEngine.to_literal(ctx, v, item_type, item_lt) for v in python_val]
        return literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=items))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> FlyteIterator:
        if lv.WhichOneof("value") != "collection":
            raise TypeTransformerFailedError(
                f"Cannot read {expected_python_type} from a literal that is no collection"
            )
        return FlyteIterator(ctx, lv, expected_python_type, len(lv.collection.literals))
