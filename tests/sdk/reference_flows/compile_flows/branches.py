"""Conditionals: if/elif/else, comparisons against constants and node outputs, and/or, fail."""

import typing

from flytekit import conditional, task, workflow


@task
def double(x: int) -> int:
    return x * 2


@task
def negate(x: int) -> int:
    return -x


@task
def is_big(x: int) -> bool:
    return x > 100


@workflow
def choose(x: int, y: float) -> int:
    d = double(x=x)
    return typing.cast(
        int,
        conditional("pick")
        .if_((x > 5) & (y <= 2.5))
        .then(double(x=d))
        .elif_((d == 4) | (x != 3))
        .then(negate(x=x))
        .elif_(x < d)
        .then(double(x=x))
        .else_()
        .then(negate(x=d)),
    )


@workflow
def guarded(x: int, name: str) -> int:
    big = is_big(x=x)
    return typing.cast(
        int,
        conditional("guard")
        .if_(big.is_true())
        .then(double(x=x))
        .elif_(name == "neg")
        .then(negate(x=x))
        .else_()
        .fail("x too small"),
    )


@workflow
def optional_pick(z: int, a: int) -> int:
    m = double(x=z)
    f = is_big(x=a)
    return typing.cast(
        int,
        conditional("opt")
        .if_(z > 1)
        .then(double(x=a))
        .elif_(m == a)
        .then(negate(x=a))
        .elif_(f.is_false())
        .then(double(x=z))
        .else_()
        .then(negate(x=z)),
    )
