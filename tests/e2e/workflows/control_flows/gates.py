"""Gate nodes: a short sleep, a typed input and an approval between two tasks."""

from datetime import timedelta

from flytekit import approve, sleep, task, wait_for_input, workflow


@task
def inc(a: int) -> int:
    return a + 1


@task
def greet(n: int, name: str) -> str:
    return f"hello {name} #{n}"


@workflow
def sleepy(a: int) -> int:
    x = inc(a=a)
    pause = sleep(timedelta(seconds=2))
    y = inc(a=x)
    x >> pause
    pause >> y
    return y


@workflow
def ask_name(a: int) -> str:
    n = inc(a=a)
    name = wait_for_input("user-name", timeout=timedelta(minutes=10), expected_type=str)
    return greet(n=n, name=name)


@workflow
def approved_increment(a: int) -> int:
    x = inc(a=a)
    ok = approve(x, "approve-increment", timeout=timedelta(minutes=10))
    return inc(a=ok)
