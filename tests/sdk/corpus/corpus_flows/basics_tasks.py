"""Tasks and workflows: positional/keyword calls, defaults, several outputs, NamedTuples, errors."""

import typing
from typing import NamedTuple

from flytekit import task, workflow


@task
def greet(name: str, times: int = 2) -> str:
    return " ".join([f"hello {name}"] * times)


@task
def divmod_task(a: int, b: int) -> typing.Tuple[int, int]:
    return a // b, a % b


class Stats(NamedTuple):
    total: int
    mean: float


@task
def stats(values: typing.List[int]) -> Stats:
    return Stats(total=sum(values), mean=sum(values) / len(values))


@task
def boom(x: int) -> int:
    if x > 2:
        raise ValueError(f"x too large: {x}")
    return x


@task
def nothing(x: int) -> None:
    print(x)


@workflow
def hello_wf(name: str = "world") -> str:
    return greet(name=name)


@workflow
def arith_wf(a: int, b: int) -> typing.Tuple[int, int, str]:
    q, r = divmod_task(a=a, b=b)
    s = greet(name="q", times=q)
    nothing(x=r)
    return q, r, s


@workflow
def stats_wf(values: typing.List[int]) -> Stats:
    return stats(values=values)


@workflow
def failing_wf(x: int) -> int:
    return boom(x=boom(x=x))


CASES = {
    "greet_task_direct": lambda: greet(name="ada"),
    "greet_task_positional_error": lambda: greet("ada"),
    "hello_default": lambda: hello_wf(),
    "hello_given": lambda: hello_wf(name="flyte"),
    "arith": lambda: arith_wf(a=17, b=5),
    "arith_zero_division": lambda: arith_wf(a=1, b=0),
    "stats_named_tuple": lambda: stats_wf(values=[1, 2, 3, 4]),
    "failing_ok": lambda: failing_wf(x=1),
    "failing_raises": lambda: failing_wf(x=3),
    "wrong_input_type": lambda: hello_wf(name=3),
    "missing_input": lambda: arith_wf(a=1),
}
