"""Dynamic tasks whose compiled job specs (``futures.pb``) and packages are compared with flytekit's."""

# Task calls are typed as returning Any; these bodies return them as declared outputs.
# mypy: disable-error-code="no-any-return"

import typing
from dataclasses import dataclass

from flytekit import LaunchPlan, conditional, dynamic, eager, task, workflow


@dataclass
class Point:
    x: int
    y: int


@task
def square(x: int) -> int:
    return x * x


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def total(xs: typing.List[int]) -> int:
    return sum(xs)


@task
def to_point(x: int) -> Point:
    return Point(x=x, y=x + 1)


@workflow
def plus_one(a: int) -> int:
    return add(a=a, b=1)


plus_one_lp = LaunchPlan.get_or_create(plus_one, name="dynamic_flows_plus_one_lp")


@dynamic
def squares(n: int) -> typing.List[int]:
    return [square(x=i) for i in range(n)]


@dynamic(node_dependency_hints=[plus_one_lp])
def mixed(n: int) -> int:
    a = plus_one(a=n)
    b = plus_one_lp(a=a)
    c = conditional("big").if_(b > 3).then(square(x=b)).else_().then(add(a=b, b=2))
    return total(xs=[a, b, c])


@dynamic
def nested(n: int) -> typing.List[int]:
    return squares(n=n)


@dynamic
def constant(n: int) -> typing.Tuple[int, typing.List[str]]:
    return n + 1, ["a"] * n


@dynamic(interruptible=True, retries=3)
def points(n: int) -> typing.List[Point]:
    return [to_point(x=i).with_overrides(name=f"point-{i}") for i in range(n)]


@eager
async def eager_sum(n: int) -> int:
    return total(xs=[square(x=i) for i in range(n)])
