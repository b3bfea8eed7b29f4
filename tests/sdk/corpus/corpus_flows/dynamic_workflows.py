"""@dynamic: Python control flow over real inputs, nested dynamics, conditionals, sub-workflows, launch plans."""

import typing
from dataclasses import dataclass

from flytekit import LaunchPlan, conditional, dynamic, task, workflow


@dataclass
class Stats:
    count: int
    total: int
    labels: typing.List[str]


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
def describe(x: int) -> str:
    return f"item-{x}"


@task
def make_stats(xs: typing.List[int], labels: typing.List[str]) -> Stats:
    return Stats(count=len(xs), total=sum(xs), labels=labels)


@workflow
def plus_one(a: int) -> int:
    return add(a=a, b=1)


plus_one_lp = LaunchPlan.get_or_create(plus_one, name="dynamic_workflows_plus_one_lp")


@dynamic
def squares(n: int) -> typing.List[int]:
    out = []
    for i in range(n):
        out.append(square(x=i))
    return out


@dynamic
def evens_only(xs: typing.List[int]) -> int:
    picked = [square(x=x) for x in xs if x % 2 == 0]
    if not picked:
        return 0
    return total(xs=picked)


@dynamic(node_dependency_hints=[plus_one_lp])
def branching(n: int) -> int:
    a = plus_one(a=n)
    b = plus_one_lp(a=a)
    c = conditional("big").if_(b > 5).then(square(x=b)).else_().then(add(a=b, b=100))
    return total(xs=[a, b, c])


@dynamic
def outer_dynamic(n: int) -> typing.List[int]:
    return squares(n=n + 1)


@dynamic
def stats_of(n: int) -> Stats:
    xs = [square(x=i) for i in range(n)]
    labels = [describe(x=i) for i in range(n)]
    return make_stats(xs=xs, labels=labels)


@dynamic(retries=2, cache=True, cache_version="1")
def labels_and_count(n: int) -> typing.Tuple[typing.List[str], int]:
    return [describe(x=i) for i in range(n)], n * 10


@workflow
def dynamic_in_workflow(n: int = 3) -> int:
    return total(xs=squares(n=n))


@workflow
def nested_in_workflow(n: int) -> typing.List[int]:
    return outer_dynamic(n=n)


CASES = {
    "squares_loop": lambda: squares(n=4),
    "squares_empty": lambda: squares(n=0),
    "evens_filtered": lambda: evens_only(xs=[1, 2, 3, 4]),
    "evens_none": lambda: evens_only(xs=[1, 3]),
    "branching_small": lambda: branching(n=1),
    "branching_big": lambda: branching(n=5),
    "nested_dynamic": lambda: outer_dynamic(n=3),
    "dynamic_dataclass": lambda: stats_of(n=3),
    "dynamic_tuple": lambda: labels_and_count(n=2),
    "dynamic_in_workflow": lambda: dynamic_in_workflow(n=4),
    "dynamic_in_workflow_default": lambda: dynamic_in_workflow(),
    "nested_in_workflow": lambda: nested_in_workflow(n=2),
}
