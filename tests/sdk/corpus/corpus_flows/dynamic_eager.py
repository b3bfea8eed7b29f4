"""@eager: asyncio parallelism, plain Python control flow, calling tasks, workflows and other eager tasks."""

import asyncio
import typing

from flytekit import eager, task, workflow


@task
def inc(x: int) -> int:
    return x + 1


@task
def double(x: int) -> int:
    return x * 2


@task
async def async_square(x: int) -> int:
    return x * x


@task
def fail_on_negative(x: int) -> int:
    if x < 0:
        raise ValueError(f"negative input {x}")
    return x


@workflow
def inc_then_double(x: int) -> int:
    return double(x=inc(x=x))


@eager
async def inner_eager(x: int) -> int:
    return inc(x=x) * 10


@eager
async def gathered(n: int) -> typing.List[int]:
    return list(await asyncio.gather(*[async_square(x=i) for i in range(n)]))


@eager
async def mixed(x: int) -> int:
    a, b = await asyncio.gather(inner_eager(x=x), async_square(x=x))
    c = inc_then_double(x=a)
    if c > 50:
        return c + b
    total = 0
    for i in range(x):
        total += double(x=i)
    return total


@eager
async def calls_workflow(x: int) -> str:
    result = inc_then_double(x=x)
    return f"workflow gave {result}"


@eager
async def raises_directly(x: int) -> int:
    if inc(x=x) > 0:
        raise ValueError("eager body failed")
    return x


@eager
async def task_failure_inside(x: int) -> int:
    return fail_on_negative(x=x)


@eager
async def catches_failure(x: int) -> str:
    try:
        fail_on_negative(x=x)
    except ValueError:
        return "caught"
    return "fine"


CASES = {
    "gather_squares": lambda: gathered(n=4),
    "mixed_big": lambda: mixed(x=3),
    "mixed_small": lambda: mixed(x=0),
    "eager_calls_workflow": lambda: calls_workflow(x=2),
    "eager_raises": lambda: raises_directly(x=1),
    "eager_task_failure": lambda: task_failure_inside(x=-1),
    "eager_catches_failure": lambda: catches_failure(x=-5),
    "eager_nested": lambda: inner_eager(x=4),
}
