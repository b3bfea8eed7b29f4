"""The common type families crossing task boundaries: collections, dates, optionals, enums, dataclasses."""

import datetime
import enum
import typing
from dataclasses import dataclass, field

from flytekit import task, workflow


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclass
class Point:
    x: int
    y: float = 0.0


@dataclass
class Shape:
    name: str
    corners: typing.List[Point]
    tags: typing.Dict[str, int] = field(default_factory=dict)
    color: Color = Color.RED
    note: typing.Optional[str] = None


@task
def make_shape(name: str, n: int) -> Shape:
    return Shape(name=name, corners=[Point(x=i, y=i / 2) for i in range(n)], tags={name: n})


@task
def describe(shape: Shape) -> typing.Dict[str, typing.List[float]]:
    return {shape.name: [c.y for c in shape.corners], "color": [1.0 if shape.color == Color.RED else 0.0]}


@task
def shift(when: datetime.datetime, by: datetime.timedelta) -> datetime.datetime:
    return when + by


@task
def day_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=1)


@task
def maybe_len(text: typing.Optional[str] = None) -> typing.Optional[int]:
    return None if text is None else len(text)


@task
def either(value: typing.Union[int, str]) -> typing.Union[int, str]:
    return value * 2


@task
def untyped(data: dict) -> dict:
    return {**data, "seen": True}


@task
def nested(rows: typing.List[typing.Dict[str, typing.List[int]]]) -> typing.Dict[str, int]:
    return {k: sum(v) for row in rows for k, v in row.items()}


@task
def paint(color: Color) -> Color:
    return Color.BLUE if color == Color.RED else Color.RED


@workflow
def shapes_wf(name: str = "tri", n: int = 3) -> typing.Dict[str, typing.List[float]]:
    return describe(shape=make_shape(name=name, n=n))


@workflow
def dates_wf(
    when: datetime.datetime, by: datetime.timedelta, day: datetime.date
) -> typing.Tuple[datetime.datetime, datetime.date]:
    return shift(when=when, by=by), day_after(day=day)


@workflow
def optional_wf(text: typing.Optional[str] = None) -> typing.Optional[int]:
    return maybe_len(text=text)


@workflow
def union_wf(value: typing.Union[int, str]) -> typing.Union[int, str]:
    return either(value=value)


@workflow
def dict_wf(data: dict) -> dict:
    return untyped(data=data)


@workflow
def nested_wf(rows: typing.List[typing.Dict[str, typing.List[int]]]) -> typing.Dict[str, int]:
    return nested(rows=rows)


@workflow
def enum_wf(color: Color = Color.RED) -> Color:
    return paint(color=color)


CASES = {
    "shapes": lambda: shapes_wf(),
    "shapes_empty": lambda: shapes_wf(name="none", n=0),
    "shape_task": lambda: make_shape(name="sq", n=2),
    "dates": lambda: dates_wf(
        when=datetime.datetime(2024, 2, 28, 23, 30),
        by=datetime.timedelta(hours=1, seconds=5),
        day=datetime.date(2024, 2, 28),
    ),
    "optional_none": lambda: optional_wf(),
    "optional_value": lambda: optional_wf(text="abcd"),
    "union_int": lambda: union_wf(value=21),
    "union_str": lambda: union_wf(value="ab"),
    "union_bad": lambda: union_wf(value=1.5),
    "untyped_dict": lambda: dict_wf(data={"a": 1, "b": [1, 2], "c": {"d": None}}),
    "nested_collections": lambda: nested_wf(rows=[{"a": [1, 2]}, {"b": [3]}]),
    "enum_default": lambda: enum_wf(),
    "enum_given": lambda: enum_wf(color=Color.BLUE),
}
