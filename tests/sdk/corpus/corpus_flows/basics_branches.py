"""Conditionals and sub-workflows."""

import typing

from flytekit import conditional, task, workflow


@task
def square(n: float) -> float:
    return n * n


@task
def halve(n: float) -> float:
    return n / 2


@task
def is_even(n: int) -> bool:
    return n % 2 == 0


@task
def label(n: int, kind: str) -> str:
    return f"{n} is {kind}"


@workflow
def shape_number(n: float) -> float:
    return (
        conditional("size")
        .if_((n > 1.0) & (n < 10.0))
        .then(square(n=n))
        .elif_(n >= 10.0)
        .then(halve(n=n))
        .else_()
        .fail("n must be above 1")
    )


@workflow
def parity(n: int) -> str:
    even = is_even(n=n)
    return (
        conditional("parity")
        .if_(even.is_true())
        .then(label(n=n, kind="even"))
        .else_()
        .then(label(n=n, kind="odd"))
    )


@workflow
def sub(n: float) -> float:
    return halve(n=square(n=n))


@workflow
def outer(n: float, m: int) -> typing.Tuple[float, str]:
    return sub(n=shape_number(n=n)), parity(n=m)


CASES = {
    "branch_then": lambda: shape_number(n=3.0),
    "branch_elif": lambda: shape_number(n=20.0),
    "branch_fail": lambda: shape_number(n=0.5),
    "parity_even": lambda: parity(n=4),
    "parity_odd": lambda: parity(n=7),
    "outer_composed": lambda: outer(n=2.0, m=3),
}
