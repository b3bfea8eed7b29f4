"""Map tasks: plain, with a bound (partial) input, and tolerating a failing element."""

import functools
from typing import List

from flytekit import map_task, task, workflow


@task
def square(x: int) -> int:
    return x * x


@task
def scale(x: int, factor: int) -> int:
    return x * factor


@task
def fragile(x: int) -> int:
    if x < 0:
        raise ValueError(f"cannot take a negative element, got {x}")
    return x + 100


@task
def total(xs: List[int]) -> int:
    return sum(xs)


@task
def count_missing(xs: List[int | None]) -> int:
    return sum(1 for x in xs if x is None)


@workflow
def squares(xs: List[int]) -> List[int]:
    return map_task(square)(x=xs)


@workflow
def scaled_total(xs: List[int], factor: int) -> int:
    scaled = map_task(functools.partial(scale, factor=factor), concurrency=2)(x=xs)
    return total(xs=scaled)


@workflow
def tolerant(xs: List[int]) -> tuple[List[int | None], int]:
    results = map_task(fragile, min_success_ratio=0.5)(x=xs)
    return results, count_missing(xs=results)


@workflow
def strict(xs: List[int]) -> List[int]:
    return map_task(fragile)(x=xs)
