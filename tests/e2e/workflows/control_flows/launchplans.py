"""Workflows calling launch plans: the child runs as its own execution."""

from datetime import timedelta

from flytekit import LaunchPlan, sleep, task, workflow


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
def child(x: int) -> int:
    return double(x=x)


@workflow
def fragile(x: int) -> int:
    return must_be_positive(x=x)


@workflow
def waiting(x: int) -> int:
    pause = sleep(timedelta(minutes=10))
    y = double(x=x)
    pause >> y
    return y


child_lp = LaunchPlan.get_or_create(child, name="control_flows.launchplans.child_lp")
fragile_lp = LaunchPlan.get_or_create(fragile, name="control_flows.launchplans.fragile_lp")
waiting_lp = LaunchPlan.get_or_create(waiting, name="control_flows.launchplans.waiting_lp")


@workflow
def parent(x: int) -> int:
    return add_one(x=child_lp(x=x))


@workflow
def parent_of_fragile(x: int) -> int:
    return add_one(x=fragile_lp(x=x))


@workflow
def parent_of_waiting(x: int) -> int:
    return waiting_lp(x=x)


@task
def needs_marker(x: int, marker: str) -> int:
    import os

    if not os.path.exists(marker):
        raise FileNotFoundError(f"marker {marker} is missing")
    return x + 100


@workflow
def recoverable(x: int, marker: str) -> int:
    """``double`` then a step that fails until ``marker`` exists: recovery reuses ``double``."""
    return needs_marker(x=double(x=x), marker=marker)
