"""Nested conditionals: a conditional inside a branch, three levels deep, and inside sub-workflows."""

import typing
from dataclasses import dataclass

from flytekit import conditional, task, workflow


@dataclass
class Reading:
    value: int
    unit: str


@task
def read(a: int) -> Reading:
    return Reading(value=a, unit="C")


@task
def window(a: int) -> typing.List[int]:
    return [a - 1, a, a + 1]


@task
def inc(a: int) -> int:
    return a + 1


@task
def double(a: int) -> int:
    return a * 2


@task
def negate(a: int) -> int:
    return -a


@workflow
def nested(a: int, b: int) -> int:
    x = inc(a=a)
    return (
        conditional("outer")
        .if_(x > 5)
        .then(conditional("inner").if_(b > 1).then(inc(a=x)).else_().then(double(a=x)))
        .elif_(x < 0)
        .then(negate(a=b))
        .else_()
        .then(conditional("inner-else").if_(b == 3).then(double(a=b)).else_().fail("b must be 3 here"))
    )


@workflow
def pick(a: int) -> int:
    return conditional("pick").if_(a > 2).then(inc(a=a)).else_().then(double(a=a))


@workflow
def parent(a: int) -> int:
    y = pick(a=a)
    return conditional("parent").if_(y > 10).then(pick(a=y)).else_().then(negate(a=y))


@workflow
def deep(a: int) -> int:
    return (
        conditional("level-1")
        .if_(a > 0)
        .then(
            conditional("level-2")
            .if_(a > 1)
            .then(conditional("level-3").if_(a > 2).then(pick(a=a)).else_().then(inc(a=a)))
            .else_()
            .then(double(a=a))
        )
        .else_()
        .then(negate(a=a))
    )


@workflow
def combined(a: int, b: int) -> int:
    first = nested(a=a, b=b)
    return conditional("combined").if_((first > 0) & (b < 10)).then(deep(a=first)).else_().then(pick(a=b))


@workflow
def on_fields(a: int) -> int:
    r = read(a=a)
    w = window(a=a)
    return (
        conditional("fields")
        .if_(r.value > 3)
        .then(inc(a=r.value))
        .elif_(w[2] == 2)
        .then(double(a=w[0]))
        .else_()
        .then(negate(a=a))
    )


CASES = {
    "nested_inner_if": lambda: nested(a=5, b=2),
    "nested_inner_else": lambda: nested(a=5, b=0),
    "nested_elif": lambda: nested(a=-4, b=7),
    "nested_else_ok": lambda: nested(a=1, b=3),
    "nested_else_fail": lambda: nested(a=1, b=4),
    "parent_big": lambda: parent(a=9),
    "parent_small": lambda: parent(a=1),
    "deep_3": lambda: deep(a=3),
    "deep_2": lambda: deep(a=2),
    "deep_1": lambda: deep(a=1),
    "deep_0": lambda: deep(a=0),
    "combined": lambda: combined(a=5, b=2),
    "combined_else": lambda: combined(a=-4, b=12),
    "attribute_conditions_are_not_resolved_locally": lambda: on_fields(a=5),
}
