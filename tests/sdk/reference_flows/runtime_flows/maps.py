"""Tasks mapped by the ``pyflyte-map-execute`` tests (ours and flytekit 1.16.31 on the same inputs)."""

import dataclasses
import typing

from flytekit import task


@task
def square(x: int) -> int:
    return x * x


@task
def scale(x: int, factor: int) -> float:
    return x * factor / 2


@task
def fragile(x: int) -> int:
    if x % 3 == 0:
        raise ValueError(f"bad {x}")
    return x


@dataclasses.dataclass
class Point:
    x: int
    y: int


@task
def shift(p: Point, by: int, tags: typing.Dict[str, typing.List[str]]) -> Point:
    return Point(p.x + by, p.y + by + len(tags))


@task
def describe(x: typing.Optional[int]) -> str:
    return "none" if x is None else f"x={x}"


@task
def silent(x: int) -> None:
    print(x)
