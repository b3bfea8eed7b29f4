"""Dynamic workflows: fanning out tasks and a subworkflow, nesting a dynamic, and a failing child."""

from typing import List

from flytekit import dynamic, map_task, task, workflow


@task
def inc(x: int) -> int:
    return x + 1


@task
def must_be_small(x: int) -> int:
    if x > 10:
        raise ValueError(f"x must be at most 10, got {x}")
    return x


@task
def add(a: int, b: int) -> int:
    return a + b


@workflow
def pair(x: int) -> int:
    return add(a=inc(x=x), b=x)


@dynamic
def fan_out(n: int) -> List[int]:
    results = []
    for i in range(n):
        results.append(inc(x=i))
    results.append(pair(x=n))
    return results


@dynamic
def inner_dynamic(n: int) -> int:
    total = 0
    for i in range(n):
        total = add(a=total, b=inc(x=i))
    return total


@dynamic
def outer_dynamic(n: int) -> List[int]:
    return [inner_dynamic(n=i) for i in range(1, n + 1)]


@dynamic
def mapped_in_dynamic(n: int) -> List[int]:
    return map_task(inc)(x=list(range(n)))


@dynamic
def failing_dynamic(n: int) -> int:
    return must_be_small(x=inc(x=n))


@workflow
def fan_out_wf(n: int) -> List[int]:
    return fan_out(n=n)


@workflow
def nested_wf(n: int) -> List[int]:
    return outer_dynamic(n=n)


@workflow
def mapped_wf(n: int) -> List[int]:
    return mapped_in_dynamic(n=n)


@workflow
def failing_wf(n: int) -> int:
    return failing_dynamic(n=n)
