"""A workflow with a conditional: the branch taken depends on an input and a task's output."""

import typing

from flytekit import conditional, task, workflow


@task
def square(x: int) -> int:
    return x * x


@task
def halve(x: int) -> int:
    return x // 2


@task
def negate(x: int) -> int:
    return -x


@workflow
def pick(x: int) -> int:
    sq = square(x=x)
    return typing.cast(
        int,
        conditional("pick")
        .if_((sq > 50) & (x != 9))
        .then(halve(x=sq))
        .elif_(x < 0)
        .then(negate(x=x))
        .else_()
        .fail("no branch for small inputs"),
    )
