"""A workflow whose second task raises: the execution must fail with the user's error."""

from flytekit import task, workflow


@task
def double(x: int) -> int:
    return x * 2


@task
def check_limit(x: int, limit: int) -> int:
    if x > limit:
        raise ValueError(f"value {x} is over the limit {limit}")
    return x


@workflow
def limited(x: int, limit: int = 10) -> int:
    return check_limit(x=double(x=x), limit=limit)
