"""Workflows calling a subworkflow: one that succeeds and one whose subworkflow fails."""

from flytekit import task, workflow


@task
def double(x: int) -> int:
    return x * 2


@task
def add_one(x: int) -> int:
    return x + 1


@task
def must_be_positive(x: int) -> int:
    if x <= 0:
        raise ValueError(f"x must be positive, got {x}")
    return x


@workflow
def inner(x: int) -> int:
    return add_one(x=double(x=x))


@workflow
def outer(x: int) -> int:
    return double(x=inner(x=x))


@workflow
def checked(x: int) -> int:
    return must_be_positive(x=double(x=x))


@workflow
def outer_checked(x: int) -> int:
    return add_one(x=checked(x=x))
