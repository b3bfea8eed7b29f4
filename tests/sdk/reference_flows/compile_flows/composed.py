"""Workflows built from other modules' entities: sub-workflows, launch-plan nodes, overrides, chaining."""

import datetime
import typing

from flytekit import LaunchPlan, Resources, task, workflow

from .basic import fixed_plan, greet, log_only, pipeline, shift, square, square_twice


@task
def add(a: int, b: int) -> int:
    return a + b


nightly = LaunchPlan.get_or_create(square_twice, name="nightly", default_inputs={"x": 2})


@workflow
def zz_outer(x: int) -> int:
    total = add(a=square_twice(x=x), b=x)
    greet(name="zed", times=total) >> log_only()
    return typing.cast(int, add(a=total, b=nightly(x=x)))


@workflow
def aa_top(x: int, when: datetime.datetime) -> datetime.datetime:
    a = square(x=x).with_overrides(
        node_name="First Square",
        requests=Resources(cpu="3"),
        limits=Resources(cpu="4", mem="1Gi"),
        timeout=datetime.timedelta(seconds=30),
        interruptible=False,
        container_image="other:1",
    )
    b = add(a=a, b=zz_outer(x=a)).with_overrides(retries=5, name="renamed")
    pipeline(name="p", x=b)
    return typing.cast(datetime.datetime, shift(when=when, by=datetime.timedelta(hours=1)))


@workflow
def no_outputs(x: int) -> None:
    add(a=x, b=x)
    nightly()


@workflow
def plans(x: int, ratio: float) -> int:
    """Launch-plan nodes: omitted inputs take the plan's defaults, fixed ones stay unbound."""
    fixed_plan(x=x)
    fixed_plan(ratio=ratio)
    return typing.cast(int, nightly())
