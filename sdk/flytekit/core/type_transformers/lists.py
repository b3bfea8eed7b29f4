"""``List[T]`` (and ``list[T]``) as ``collection`` literals of ``collection_type: T``, nested freely."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
    inner_literal_type,
)

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext


def list_element_type(t: Any) -> Any:
    """``T`` of ``List[T]``; a bare ``list`` has no element type and is refused."""
    args = typing.get_args(t)
    if typing.get_origin(t) is not list or len(args) != 1:
        raise ValueError(f"Only generic univariate typing.List[T] type is supported, got {t}")
    return args[0]


class ListTransformer(TypeTransformer[list[Any]]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("Typed List", list)

    def assert_type(self, t: Any, v: Any) -> None:
        if not isinstance(v, list):
            raise TypeTransformerFailedError(f"Expected a list for {t} but got '{v}' of type {type(v)}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        try:
            return types_pb2.LiteralType(collection_type=TypeEngine.to_literal_type(list_element_type(t)))
        except Exception as exc:
            raise ValueError(f"Type of Generic List type is not supported, {exc}") from exc

    def to_literal(
        self, ctx: FlyteContext, python_val: list[Any], python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(python_type, python_val)
        element_type = list_element_type(python_type)
        element_lt = inner_literal_type(expected, "collection_type", element_type)
        literals = [TypeEngine.to_literal(ctx, v, element_type, element_lt) for v in python_val]
        return literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=literals))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> list[Any]:
        if lv.WhichOneof("value") != "collection":
            raise TypeTransformerFailedError(
                f"Cannot read {expected_python_type} from a literal that is no collection"
            )
        element_type = list_element_type(expected_python_type)
        return [TypeEngine.to_python_value(ctx, item, element_type) for item in lv.collection.literals]

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "collection_type":
            return typing.List[TypeEngine.guess_python_type(literal_type.collection_type)]  # type: ignore[misc]  # noqa: UP006
        raise ValueError("not a collection type")


def register(registry: TransformerRegistry) -> None:
    registry.register(ListTransformer())
