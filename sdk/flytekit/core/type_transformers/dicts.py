"""``Dict[str, T]`` (and ``dict[str, T]``) as ``map`` literals of ``map_value_type: T``, nested freely.

Keys must be strings (Flyte maps are string-keyed). Untyped ``dict`` and dicts with non-str keys
are, as in flytekit, msgpack STRUCT binaries (see ``structs``); values msgpack cannot encode are
refused unless the type is ``Annotated[dict, kwtypes(allow_pickle=True)]``, which pickles them.
"""

from __future__ import annotations

import collections
import typing
from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
    annotations_of,
    inner_literal_type,
    is_annotated,
)
from flytekit.core.type_transformers import structs

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext


def bare_dict_type(t: Any) -> Any:
    """``t`` without ``Annotated``; a FlyteAnnotation on a dict is refused, as in flytekit."""
    from flytekit.core.annotation import FlyteAnnotation

    while is_annotated(t):
        if any(isinstance(a, FlyteAnnotation) for a in annotations_of(t)):
            raise ValueError(
                f"Flytekit does not currently have support for FlyteAnnotations applied to dicts. {t} cannot be parsed."
            )
        t = typing.get_args(t)[0]
    return t


def allows_pickle(t: Any) -> bool:
    """Whether ``Annotated[dict, kwtypes(allow_pickle=True)]`` lets unencodable values travel as a pickle."""
    for annotation in annotations_of(t):
        if isinstance(annotation, collections.OrderedDict):
            return bool(annotation.get("allow_pickle", False))
    return False


def is_typed_map(t: Any) -> bool:
    """Whether ``t`` is ``Dict[str, V]`` (a Flyte map); anything else dict-like is a STRUCT."""
    args = typing.get_args(t)
    return typing.get_origin(t) is dict and len(args) == 2 and args[0] is str


def dict_value_type(t: Any) -> Any:
    """``V`` of ``Dict[str, V]``."""
    if not is_typed_map(t):
        raise TypeTransformerFailedError(f"Type {t} is no Dict[str, T]")
    return typing.get_args(t)[1]


class DictTransformer(TypeTransformer[dict[str, Any]]):
    def __init__(self) -> None:
        super().__init__("Typed Dict", dict)

    def assert_type(self, t: Any, v: Any) -> None:
        if not isinstance(v, dict):
            raise TypeTransformerFailedError(f"Expected a dict for {t} but got '{v}' of type {type(v)}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        t = bare_dict_type(t)
        if not is_typed_map(t):
            return structs.untyped_dict_literal_type()
        try:
            return types_pb2.LiteralType(map_value_type=TypeEngine.to_literal_type(dict_value_type(t)))
        except Exception as exc:
            raise ValueError(f"Type of Generic List type is not supported, {exc}") from exc

    def to_literal(
        self, ctx: FlyteContext, python_val: dict[str, Any], python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(python_type, python_val)
        pickle_allowed = allows_pickle(python_type)
        python_type = bare_dict_type(python_type)
        if not is_typed_map(python_type) or (
            expected.WhichOneof("type") == "simple" and expected.simple == types_pb2.STRUCT
        ):
            return structs.untyped_dict_to_literal(ctx, python_val, pickle_allowed)
        value_type = dict_value_type(python_type)
        value_lt = inner_literal_type(expected, "map_value_type", value_type)
        literals = {}
        for key, value in python_val.items():
            if not isinstance(key, str):
                raise ValueError("Flyte MapType expects all keys to be strings")
            literals[key] = TypeEngine.to_literal(ctx, value, value_type, value_lt)
        return literals_pb2.Literal(map=literals_pb2.LiteralMap(literals=literals))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> dict[str, Any]:
        expected_python_type = bare_dict_type(expected_python_type)
        if not is_typed_map(expected_python_type):
            return structs.untyped_dict_to_python(lv, expected_python_type)
        if lv.WhichOneof("value") != "map":
            raise TypeTransformerFailedError(
                f"Cannot read {expected_python_type} from a literal that is no map"
            )
        value_type = dict_value_type(expected_python_type)
        return {k: TypeEngine.to_python_value(ctx, v, value_type) for k, v in lv.map.literals.items()}

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "map_value_type":
            return typing.Dict[str, TypeEngine.guess_python_type(literal_type.map_value_type)]  # type: ignore[misc]  # noqa: UP006
        if (
            literal_type.WhichOneof("type") == "simple"
            and literal_type.simple == types_pb2.STRUCT
            and "pb_type" not in literal_type.metadata.fields  # a protobuf message's own transformer answers
        ):
            return dict
        raise ValueError("not a map type")


def register(registry: TransformerRegistry) -> None:
    registry.register(DictTransformer())
