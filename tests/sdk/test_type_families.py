"""Unions, enums, dataclasses and untyped dicts: round trips, refusals, and use in local workflows."""

from __future__ import annotations

import dataclasses
import enum
import typing
from typing import Any

import pytest
from google.protobuf import struct_pb2

from flyteidl.core import literals_pb2, types_pb2
from flytekit import task, workflow
from flytekit.core.context_manager import FlyteContext, FlyteContextManager
from flytekit.core.type_engine import TypeEngine, TypeTransformerFailedError


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass
class Inner:
    n: int
    ratio: float = 0.5


@dataclasses.dataclass
class Outer:
    name: str
    inner: Inner
    items: list[Inner]
    counts: dict[str, int]
    color: Color = Color.RED
    maybe: int | None = None


OUTER = Outer("o", Inner(1), [Inner(2, 1.5)], {"a": 3}, Color.BLUE, 7)


@pytest.fixture
def ctx() -> FlyteContext:
    return FlyteContextManager.current_context()


def roundtrip(ctx: FlyteContext, value: Any, t: Any) -> tuple[literals_pb2.Literal, Any]:
    literal = TypeEngine.to_literal(ctx, value, t, TypeEngine.to_literal_type(t))
    return literal, TypeEngine.to_python_value(ctx, literal, t)


@pytest.mark.parametrize(
    ("t", "value"),
    [
        (typing.Optional[int], 3),  # noqa: UP045 - the typing spelling is what users write
        (typing.Optional[int], None),  # noqa: UP045
        (int | None, 4),
        (typing.Union[int, str], "s"),  # noqa: UP007
        (typing.Union[list[int], dict[str, int]], {"a": 1}),  # noqa: UP007
        (list[int | None], [1, None]),
        (Color, Color.BLUE),
        (Color | None, None),
        (list[Color], [Color.RED, Color.BLUE]),
        (Inner, Inner(3, 2.0)),
        (Outer, OUTER),
        (Outer | None, OUTER),
        (dict[str, Outer], {"x": OUTER}),
        (dict, {"a": 1, "b": [1, 2], "c": {"d": None}}),
        (dict[int, str], {1: "a"}),
    ],
)
def test_round_trip(ctx: FlyteContext, t: Any, value: Any) -> None:
    _, back = roundtrip(ctx, value, t)
    assert back == value


def test_union_literal_records_the_variant_tag(ctx: FlyteContext) -> None:
    literal, _ = roundtrip(ctx, "s", int | str)
    assert literal.scalar.union.type == types_pb2.LiteralType(
        simple=types_pb2.STRING, structure=types_pb2.TypeStructure(tag="str")
    )
    none, _ = roundtrip(ctx, None, int | None)
    assert none.scalar.union.value.scalar.HasField("none_type")


def test_ambiguous_values_are_refused(ctx: FlyteContext) -> None:
    with pytest.raises(TypeError, match="Ambiguous choice of variant"):
        roundtrip(ctx, [], typing.Union[list[int], list[str]])  # noqa: UP007


def test_values_of_no_variant_are_refused(ctx: FlyteContext) -> None:
    with pytest.raises(TypeTransformerFailedError, match="is not of type"):
        roundtrip(ctx, 1.5, int | str)


def test_plain_literal_reads_as_optional(ctx: FlyteContext) -> None:
    plain = TypeEngine.to_literal(ctx, 5, int)
    assert TypeEngine.to_python_value(ctx, plain, int | None) == 5


def test_enum_type_lists_values_and_refuses_unknown(ctx: FlyteContext) -> None:
    assert TypeEngine.to_literal_type(Color) == types_pb2.LiteralType(
        enum_type=types_pb2.EnumType(values=["red", "blue"])
    )
    with pytest.raises(TypeTransformerFailedError):
        TypeEngine.to_python_value(ctx, TypeEngine.to_literal(ctx, "green", str), Color)


def test_dataclass_is_msgpack_struct(ctx: FlyteContext) -> None:
    literal_type = TypeEngine.to_literal_type(Outer)
    assert literal_type.simple == types_pb2.STRUCT
    assert set(literal_type.structure.dataclass_type) == {
        "name",
        "inner",
        "items",
        "counts",
        "color",
        "maybe",
    }
    assert literal_type.metadata["title"] == "Outer"
    literal, _ = roundtrip(ctx, OUTER, Outer)
    assert literal.scalar.binary.tag == "msgpack"


def test_dataclass_reads_the_old_json_struct_form(ctx: FlyteContext) -> None:
    generic = struct_pb2.Struct()
    generic.update(
        {"name": "o", "inner": {"n": 1, "ratio": 0.5}, "items": [{"n": 2, "ratio": 1.5}], "counts": {"a": 3},
         "color": "blue", "maybe": 7}
    )  # fmt: skip
    literal = literals_pb2.Literal(scalar=literals_pb2.Scalar(generic=generic))
    value = TypeEngine.to_python_value(ctx, literal, Outer)
    assert value == OUTER
    assert isinstance(value.inner.n, int)
    assert TypeEngine.to_python_value(ctx, literal, dict)["counts"] == {"a": 3}


def test_dataclass_refuses_other_binaries(ctx: FlyteContext) -> None:
    literal = literals_pb2.Literal(
        scalar=literals_pb2.Scalar(binary=literals_pb2.Binary(value=b"x", tag="pickle"))
    )
    with pytest.raises(TypeTransformerFailedError, match="pickle"):
        TypeEngine.to_python_value(ctx, literal, Inner)


def test_struct_guesses_back_as_dict() -> None:
    assert TypeEngine.guess_python_type(TypeEngine.to_literal_type(dict)) is dict


@task
def bump(
    outer: Outer, color: Color | None = None, meta: dict[str, int] | None = None
) -> tuple[Outer, int | str]:
    return dataclasses.replace(outer, color=color or outer.color, maybe=len(meta or {})), outer.name


@workflow
def bump_wf(outer: Outer, meta: dict[str, int]) -> tuple[Outer, int | str]:
    o, label = bump(outer=outer, color=Color.RED, meta=meta)
    return bump(outer=o)[0], label


def test_local_workflow_execution() -> None:
    out, label = bump_wf(outer=OUTER, meta={"a": 1, "b": 2})
    assert out == dataclasses.replace(OUTER, color=Color.RED, maybe=0)
    assert label == "o"
