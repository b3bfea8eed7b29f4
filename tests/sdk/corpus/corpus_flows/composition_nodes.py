"""create_node, >> ordering and with_overrides with every parameter flytekit 1.16 takes."""

import typing
from datetime import timedelta

from flytekit import Resources, task, workflow
from flytekit.core.node_creation import create_node


@task
def inc(a: int) -> int:
    return a + 1


@task
def split(a: int) -> typing.Tuple[int, str]:
    return a * 2, str(a)


@task
def side_effect() -> None:
    print("side effect")


@task
def join(n: int, s: str) -> str:
    return f"{s}:{n}"


@workflow
def explicit_nodes(a: int) -> str:
    first = create_node(inc, a=a)
    quiet = create_node(side_effect)
    parts = create_node(split, a=first.o0)
    quiet >> first
    return join(n=parts.o0, s=parts.o1)


@workflow
def chained(a: int) -> int:
    x = inc(a=a)
    y = inc(a=a)
    z = inc(a=x)
    y >> x
    x >> z
    return z


@workflow
def overridden(a: int) -> int:
    x = inc(a=a).with_overrides(
        node_name="First Increment",
        name="first",
        retries=3,
        timeout=timedelta(minutes=2),
        interruptible=True,
        requests=Resources(cpu="1", mem="1Gi"),
        limits=Resources(cpu="2", mem="2Gi"),
        container_image="ghcr.io/x/other:3",
        cache=True,
        cache_version="v7",
        cache_serialize=True,
    )
    y = inc(a=x).with_overrides(resources=Resources(cpu=("1", "2"), mem="3Gi"), timeout=None)
    z = inc(a=y).with_overrides(timeout=45, shared_memory=True, aliases={"o0": "result"})
    w = inc(a=z).with_overrides(shared_memory="2Gi", requests=Resources(gpu="1"))
    return w


@workflow
def node_overrides(a: int) -> str:
    parts = create_node(split, a=a).with_overrides(retries=2, node_name="splitter")
    return join(n=parts.o0, s=parts.o1).with_overrides(name="joined")


CASES = {
    "explicit_nodes": lambda: explicit_nodes(a=3),
    "chained": lambda: chained(a=1),
    "overridden": lambda: overridden(a=10),
    "node_overrides": lambda: node_overrides(a=21),
    "create_node_outside_workflow": lambda: create_node(inc, a=1),
}
