"""The type engine: literal types, round trips and refusals of every built-in transformer family."""

from __future__ import annotations

import datetime
import typing
from typing import Any

import pytest

from flyteidl.core import interface_pb2, literals_pb2, types_pb2
from flytekit.core.context_manager import FlyteContext, FlyteContextManager
from flytekit.core.type_engine import (
    RestrictedTypeError,
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
)

UTC = datetime.UTC


@pytest.fixture
def ctx() -> FlyteContext:
    return FlyteContextManager.current_context()


def simple(t: int) -> types_pb2.LiteralType:
    return types_pb2.LiteralType(simple=t)  # type: ignore[arg-type]


def primitive(**kwargs: Any) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(**kwargs)))


def roundtrip(ctx: FlyteContext, value: Any, t: Any) -> tuple[literals_pb2.Literal, Any]:
    literal = TypeEngine.to_literal(ctx, value, t, TypeEngine.to_literal_type(t))
    return literal, TypeEngine.to_python_value(ctx, literal, t)


@pytest.mark.parametrize(
    ("t", "value", "literal_type", "literal"),
    [
        (int, 7, simple(types_pb2.INTEGER), primitive(integer=7)),
        (float, 1.5, simple(types_pb2.FLOAT), primitive(float_value=1.5)),
        (str, "hi", simple(types_pb2.STRING), primitive(string_value="hi")),
        (bool, True, simple(types_pb2.BOOLEAN), primitive(boolean=True)),
        (
            type(None),
            None,
            simple(types_pb2.NONE),
            literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void())),
        ),
    ],
)
def test_primitives(
    ctx: FlyteContext, t: Any, value: Any, literal_type: types_pb2.LiteralType, literal: literals_pb2.Literal
) -> None:
    assert TypeEngine.to_literal_type(t) == literal_type
    lit, back = roundtrip(ctx, value, t)
    assert lit == literal
    assert back == value and type(back) is type(value)
    assert TypeEngine.guess_python_type(literal_type) is t


@pytest.mark.parametrize(
    ("t", "value"),
    [(int, True), (int, 1.0), (int, "1"), (float, 1), (float, True), (str, 1), (bool, 1), (type(None), 0)],
)
def test_primitives_refuse_other_python_types(ctx: FlyteContext, t: Any, value: Any) -> None:
    with pytest.raises(TypeTransformerFailedError, match="Expected"):
        TypeEngine.to_literal(ctx, value, t, TypeEngine.to_literal_type(t))


def test_reading_checks_the_literal_kind(ctx: FlyteContext) -> None:
    assert TypeEngine.to_python_value(ctx, primitive(integer=2), float) == 2.0  # whole floats written as ints
    with pytest.raises(TypeTransformerFailedError, match="Cannot read an int"):
        TypeEngine.to_python_value(ctx, primitive(string_value="2"), int)
    with pytest.raises(TypeTransformerFailedError, match="Cannot read a str"):
        TypeEngine.to_python_value(ctx, primitive(integer=2), str)
    with pytest.raises(TypeTransformerFailedError, match="Cannot read None"):
        TypeEngine.to_python_value(ctx, primitive(integer=2), type(None))


def test_none_annotation_means_none_type(ctx: FlyteContext) -> None:
    assert TypeEngine.to_literal_type(None) == simple(types_pb2.NONE)
    assert roundtrip(ctx, None, None)[1] is None


def test_datetime_is_utc(ctx: FlyteContext) -> None:
    naive = datetime.datetime(2020, 1, 1, 12, 30)
    literal, back = roundtrip(ctx, naive, datetime.datetime)
    assert TypeEngine.to_literal_type(datetime.datetime) == simple(types_pb2.DATETIME)
    assert literal.scalar.primitive.datetime.seconds == 1577881800
    assert back == naive.replace(tzinfo=UTC)
    aware = datetime.datetime(2020, 1, 1, 14, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert roundtrip(ctx, aware, datetime.datetime)[1] == naive.replace(tzinfo=UTC)


def test_date_and_timedelta(ctx: FlyteContext) -> None:
    literal, back = roundtrip(ctx, datetime.date(2020, 1, 1), datetime.date)
    assert literal.scalar.primitive.datetime.seconds == 1577836800
    assert back == datetime.date(2020, 1, 1)
    with pytest.raises(TypeTransformerFailedError):
        TypeEngine.to_literal(ctx, datetime.datetime(2020, 1, 1), datetime.date, simple(types_pb2.DATETIME))
    literal, delta = roundtrip(ctx, datetime.timedelta(seconds=90.5), datetime.timedelta)
    assert TypeEngine.to_literal_type(datetime.timedelta) == simple(types_pb2.DURATION)
    assert (literal.scalar.primitive.duration.seconds, literal.scalar.primitive.duration.nanos) == (
        90,
        500000000,
    )
    assert delta == datetime.timedelta(seconds=90.5)
    assert TypeEngine.guess_python_type(simple(types_pb2.DURATION)) is datetime.timedelta


def test_nested_lists(ctx: FlyteContext) -> None:
    t = list[list[str]]
    assert TypeEngine.to_literal_type(t) == types_pb2.LiteralType(
        collection_type=types_pb2.LiteralType(collection_type=simple(types_pb2.STRING))
    )
    literal, back = roundtrip(ctx, [["a", "b"], []], t)
    assert [len(x.collection.literals) for x in literal.collection.literals] == [2, 0]
    assert back == [["a", "b"], []]
    assert roundtrip(ctx, [[1]], list[list[int]])[1] == [[1]]
    assert TypeEngine.guess_python_type(TypeEngine.to_literal_type(t)) == typing.List[typing.List[str]]  # noqa: UP006


def test_nested_dicts(ctx: FlyteContext) -> None:
    t = typing.Dict[str, typing.List[typing.Dict[str, float]]]  # noqa: UP006
    value = {"a": [{"x": 1.0}], "b": []}
    literal, back = roundtrip(ctx, value, t)
    assert literal.map.literals["a"].collection.literals[0].map.literals["x"] == primitive(float_value=1.0)
    assert back == value
    assert TypeEngine.to_literal_type(dict[str, int]) == types_pb2.LiteralType(
        map_value_type=simple(types_pb2.INTEGER)
    )
    assert TypeEngine.guess_python_type(TypeEngine.to_literal_type(t)) == t


@pytest.mark.parametrize(
    ("t", "value", "message"),
    [
        (list[int], [1, "a"], "Expected value of type <class 'int'>"),
        (list[int], {1, 2}, "Expected a list"),
        (dict[str, int], {1: 2}, "Flyte MapType expects all keys to be strings"),
        (dict[str, int], [1], "Expected a dict"),
    ],
)
def test_collections_refuse_bad_values(ctx: FlyteContext, t: Any, value: Any, message: str) -> None:
    with pytest.raises((TypeTransformerFailedError, ValueError, AssertionError), match=message):
        TypeEngine.to_literal(ctx, value, t, TypeEngine.to_literal_type(t))


@pytest.mark.parametrize(
    ("t", "error", "message"),
    [
        (list, ValueError, "Only generic univariate typing.List"),
        (tuple[int, str], RestrictedTypeError, "tuple"),
        (dict[str, tuple[int, str]], ValueError, "not supported"),
    ],
)
def test_unsupported_types_are_named(t: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        TypeEngine.to_literal_type(t)


def test_annotated_types_use_the_inner_type(ctx: FlyteContext) -> None:
    t = typing.Annotated[int, "meta"]
    assert TypeEngine.to_literal_type(t) == simple(types_pb2.INTEGER)
    assert roundtrip(ctx, 3, t)[1] == 3


def test_literal_map_to_kwargs(ctx: FlyteContext) -> None:
    lm = TypeEngine.dict_to_literal_map(ctx, {"a": 1, "b": ["x"]}, {"a": int, "b": list[str]})
    assert TypeEngine.literal_map_to_kwargs(ctx, lm, {"a": int, "b": list[str]}) == {"a": 1, "b": ["x"]}
    variables = {
        "a": interface_pb2.Variable(type=simple(types_pb2.INTEGER)),
        "b": interface_pb2.Variable(type=types_pb2.LiteralType(collection_type=simple(types_pb2.STRING))),
    }
    assert TypeEngine.literal_map_to_kwargs(ctx, lm, literal_types=variables) == {"a": 1, "b": ["x"]}
    with pytest.raises(ValueError, match="Received more input values 2 than allowed by the input spec 1"):
        TypeEngine.literal_map_to_kwargs(ctx, lm, {"a": int})
    with pytest.raises(ValueError, match="unexpected input 'b'"):
        TypeEngine.literal_map_to_kwargs(ctx, lm, {"a": int, "c": int})
    with pytest.raises(TypeTransformerFailedError, match="Error converting input 'a'"):
        TypeEngine.literal_map_to_kwargs(ctx, lm, {"a": str, "b": list[str]})


def test_dict_to_literal_map_without_hints_uses_value_types(ctx: FlyteContext) -> None:
    lm = TypeEngine.dict_to_literal_map(ctx, {"n": 2, "s": "x"})
    assert lm.literals["n"] == primitive(integer=2) and lm.literals["s"] == primitive(string_value="x")


class Celsius:
    def __init__(self, degrees: float) -> None:
        self.degrees = degrees


class CelsiusTransformer(TypeTransformer[Celsius]):
    def __init__(self) -> None:
        super().__init__("celsius", Celsius)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return simple(types_pb2.FLOAT)

    def to_literal(
        self, ctx: FlyteContext, python_val: Celsius, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        return primitive(float_value=python_val.degrees)

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> Celsius:
        return Celsius(lv.scalar.primitive.float_value)


def test_user_transformers_are_registered_on_the_instance_registry(ctx: FlyteContext) -> None:
    TypeEngine.register(CelsiusTransformer())
    literal, back = roundtrip(ctx, Celsius(21.5), Celsius)
    assert literal == primitive(float_value=21.5) and back.degrees == 21.5
    with pytest.raises(TypeTransformerFailedError, match="Expected value of type"):
        TypeEngine.to_literal(ctx, 21.5, Celsius, simple(types_pb2.FLOAT))

    class Kelvin(Celsius):
        pass

    assert isinstance(TypeEngine.get_transformer(Kelvin), CelsiusTransformer), (
        "subclasses find it through the MRO"
    )
    separate = TransformerRegistry()
    assert separate.find(Celsius) is None, "registries are independent instances"
