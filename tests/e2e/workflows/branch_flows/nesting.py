"""Conditionals nested in a conditional's arms, and a sub-workflow inside a nested arm."""

from flytekit import conditional, task, workflow


@task
def add_one(x: int) -> int:
    return x + 1


@task
def times_ten(x: int) -> int:
    return x * 10


@workflow
def small_or_big(x: int) -> int:
    return conditional("size").if_(x > 100).then(times_ten(x=x)).else_().then(add_one(x=x))


@workflow
def nested(x: int, y: int) -> int:
    bumped = add_one(x=x)
    return (
        conditional("outer")
        .if_(bumped > 5)
        .then(conditional("inner").if_(y > 1).then(small_or_big(x=y)).else_().then(times_ten(x=bumped)))
        .else_()
        .then(conditional("strict").if_(y == 3).then(times_ten(x=y)).else_().fail("y must be 3"))
    )
