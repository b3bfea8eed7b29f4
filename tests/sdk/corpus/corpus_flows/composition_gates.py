"""Gate nodes: sleep (runs locally), signals and approvals (compiled only: they prompt locally)."""

import typing
from datetime import timedelta

from flytekit import approve, sleep, task, wait_for_input, workflow


@task
def inc(a: int) -> int:
    return a + 1


@task
def greet(n: int, name: str) -> str:
    return f"hello {name} #{n}"


@task
def record(n: int) -> typing.List[int]:
    return [n, n * n]


@workflow
def sleepy(a: int) -> int:
    x = inc(a=a)
    pause = sleep(timedelta(seconds=30))
    y = inc(a=x)
    x >> pause
    pause >> y
    return y


@workflow
def sleep_first(a: int) -> typing.List[int]:
    pause = sleep(timedelta(minutes=2))
    r = record(n=a)
    pause >> r
    return r


@workflow
def ask_name(a: int) -> str:
    n = inc(a=a)
    name = wait_for_input("user-name", timeout=timedelta(hours=2), expected_type=str)
    return greet(n=n, name=name)


@workflow
def ask_number(a: int) -> int:
    extra = wait_for_input("extra", timeout=timedelta(minutes=10), expected_type=int)
    return inc(a=extra)


@workflow
def approved_increment(a: int) -> int:
    x = inc(a=a)
    ok = approve(x, "approve-increment", timeout=timedelta(minutes=5))
    return inc(a=ok)


CASES = {
    "sleepy": lambda: sleepy(a=1),
    "sleepy_negative": lambda: sleepy(a=-5),
    "sleep_first": lambda: sleep_first(a=4),
}
