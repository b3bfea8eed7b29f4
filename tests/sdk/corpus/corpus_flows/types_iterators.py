"""Iterators between tasks: Iterator[T] (a collection) and Iterator[JSON] (a JSON-lines file)."""

import typing

from flytekit import task, workflow
from flytekit.types.iterator import JSON


@task
def numbers(n: int) -> typing.Iterator[int]:
    return iter(range(n))


@task
def total(xs: typing.Iterator[int]) -> int:
    return sum(xs)


@workflow
def iterator_wf(n: int = 4) -> int:
    return total(xs=numbers(n=n))


@task
def records(n: int) -> typing.Iterator[JSON]:
    for i in range(n):
        yield {"id": i, "name": f"r{i}", "tags": ["a"] * i, "ok": i % 2 == 0}


@task
def names(rows: typing.Iterator[JSON]) -> typing.List[str]:
    return [row["name"] for row in rows]


@workflow
def json_wf(n: int = 3) -> typing.List[str]:
    return names(rows=records(n=n))


@task
def doubled(xs: typing.List[int]) -> typing.Iterator[str]:
    return (str(2 * x) for x in xs)


@task
def joined(xs: typing.Iterator[str]) -> str:
    return ",".join(xs)


@workflow
def generator_wf(xs: typing.List[int]) -> str:
    return joined(xs=doubled(xs=xs))


CASES = {
    "iterator": lambda: iterator_wf(n=5),
    "json_iterator": lambda: json_wf(n=3),
    "generator": lambda: generator_wf(xs=[1, 2, 3]),
    "iterator_list_value": lambda: list(numbers(n=3)),
}
