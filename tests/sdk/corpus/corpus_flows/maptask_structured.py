"""map_task over dataclasses, enums, optionals, dicts and nested lists."""

import enum
import typing
from dataclasses import dataclass, field

from flytekit import map_task, task, workflow


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclass
class Point:
    x: int
    y: int
    tags: typing.List[str] = field(default_factory=list)


@task
def norm(p: Point) -> int:
    return abs(p.x) + abs(p.y)


@task
def shift(p: Point, by: int) -> Point:
    return Point(p.x + by, p.y + by, [*p.tags, f"+{by}"])


@task
def paint(c: Color) -> str:
    return f"painted {c.value}"


@task
def maybe_double(x: typing.Optional[int]) -> typing.Optional[int]:
    return None if x is None else x * 2


@task
def keys(d: typing.Dict[str, int]) -> typing.List[str]:
    return sorted(d)


@workflow
def norms(ps: typing.List[Point]) -> typing.List[int]:
    return map_task(norm)(p=ps)


@workflow
def shifted(ps: typing.List[Point]) -> typing.List[Point]:
    return map_task(shift)(p=ps, by=[1, 2])


@workflow
def paints(cs: typing.List[Color]) -> typing.List[str]:
    return map_task(paint)(c=cs)


@workflow
def doubles(xs: typing.List[typing.Optional[int]]) -> typing.List[typing.Optional[int]]:
    return map_task(maybe_double)(x=xs)


@workflow
def all_keys(ds: typing.List[typing.Dict[str, int]]) -> typing.List[typing.List[str]]:
    return map_task(keys)(d=ds)


CASES = {
    "norms": lambda: norms(ps=[Point(1, -2), Point(3, 4, ["a"])]),
    "shifted": lambda: shifted(ps=[Point(0, 0), Point(1, 1, ["x"])]),
    "paints": lambda: paints(cs=[Color.RED, Color.BLUE]),
    "doubles_with_none": lambda: doubles(xs=[1, None, 3]),
    "all_keys": lambda: all_keys(ds=[{"b": 1, "a": 2}, {}]),
}
