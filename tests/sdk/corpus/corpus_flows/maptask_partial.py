"""map_task over functools.partial: bound inputs stay scalar (or whole lists) for every element."""

import functools
import typing

from flytekit import map_task, task, workflow


@task
def scale(x: int, factor: float) -> float:
    return x * factor


@task
def pick(index: int, choices: typing.List[str]) -> str:
    return choices[index % len(choices)]


@task
def make_factor(base: int) -> float:
    return base / 4


@workflow
def scaled(xs: typing.List[int]) -> typing.List[float]:
    return map_task(functools.partial(scale, factor=1.5))(x=xs)


@workflow
def scaled_by_input(xs: typing.List[int], factor: float) -> typing.List[float]:
    return map_task(functools.partial(scale, factor=factor), concurrency=2)(x=xs)


@workflow
def scaled_by_task(xs: typing.List[int], base: int) -> typing.List[float]:
    factor = make_factor(base=base)
    return map_task(functools.partial(scale, factor=factor))(x=xs)


@workflow
def picks(indexes: typing.List[int]) -> typing.List[str]:
    return map_task(functools.partial(pick, choices=["red", "green", "blue"]), concurrency=1)(index=indexes)


CASES = {
    "scaled": lambda: scaled(xs=[1, 2, 3]),
    "scaled_by_input": lambda: scaled_by_input(xs=[2, 4], factor=0.25),
    "scaled_by_task": lambda: scaled_by_task(xs=[1, 2], base=6),
    "picks_bound_list": lambda: picks(indexes=[0, 4, 2]),
    "direct_partial": lambda: map_task(functools.partial(scale, factor=2.0))(x=[3]),
    "partial_overridden_at_call": lambda: map_task(functools.partial(scale, factor=2.0))(x=[3], factor=10.0),
}
