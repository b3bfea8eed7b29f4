"""Map tasks and array nodes: every kind of target, every parameter, inside branches and sub-workflows."""

import functools
import typing
from dataclasses import dataclass

from flytekit import LaunchPlan, PythonInstanceTask, Resources, conditional, kwtypes, map_task, task, workflow
from flytekit.core.array_node import array_node
from flytekit.core.interface import Interface


@task(retries=2, cache=True, cache_version="1", requests=Resources(cpu="1"), environment={"MODE": "map"})
def square(x: int) -> int:
    return x * x


@task(timeout=30, interruptible=True)
def scale(x: int, factor: int) -> float:
    """Scale a number.

    :param x: the number
    :param factor: the factor
    """
    return x * factor / 2


@task
def fragile(x: int) -> int:
    if x % 3 == 0:
        raise ValueError(f"bad {x}")
    return x


@dataclass
class Point:
    x: int
    y: int


@task
def norm(p: Point) -> int:
    return abs(p.x) + abs(p.y)


@task
def shout(s: str) -> None:
    print(s)


class Doubler(PythonInstanceTask):
    def __init__(self, name: str) -> None:
        super().__init__(
            name=name, task_config=None, interface=Interface(inputs=kwtypes(v=int), outputs=kwtypes(o0=int))
        )

    def execute(self, **kwargs: typing.Any) -> typing.Any:
        return kwargs["v"] * 2


doubler = Doubler(name="compile_flows.maps.doubler")

shared_map = map_task(square, concurrency=5)


@workflow
def plain(xs: typing.List[int]) -> typing.List[int]:
    return typing.cast(typing.List[int], map_task(square)(x=xs))


@workflow
def partial_wf(xs: typing.List[int]) -> typing.List[float]:
    return typing.cast(typing.List[float], map_task(functools.partial(scale, factor=3), concurrency=2)(x=xs))


@workflow
def ratio_wf(xs: typing.List[int]) -> typing.List[typing.Optional[int]]:
    return typing.cast(
        typing.List[typing.Optional[int]], map_task(fragile, concurrency=0, min_success_ratio=0.5)(x=xs)
    )


@workflow
def successes_wf(xs: typing.List[int]) -> typing.List[int]:
    return typing.cast(typing.List[int], map_task(fragile, min_successes=2, run_all_sub_nodes=True)(x=xs))


@workflow
def points_wf(ps: typing.List[Point]) -> typing.List[int]:
    return typing.cast(typing.List[int], map_task(norm)(p=ps))


@workflow
def void_wf(ss: typing.List[str]) -> None:
    map_task(shout)(s=ss)


@workflow
def inst_wf(vs: typing.List[int]) -> typing.List[int]:
    return typing.cast(typing.List[int], map_task(doubler)(v=vs))


@workflow
def shared_wf(xs: typing.List[int]) -> typing.Tuple[typing.List[int], typing.List[int]]:
    a = shared_map(x=xs)
    b = shared_map(x=a).with_overrides(requests=Resources(mem="1Gi"), name="again")
    return a, b


@workflow
def sub(xs: typing.List[int]) -> typing.List[int]:
    return typing.cast(typing.List[int], map_task(square)(x=xs))


@workflow
def lp_target(a: int, b: int = 2) -> int:
    return typing.cast(int, square(x=a))


lp = LaunchPlan.get_or_create(lp_target, name="compile_flows.maps.lp_target_lp")
fixed_lp = LaunchPlan.get_or_create(lp_target, name="compile_flows.maps.FixedLP", fixed_inputs={"b": 7})


@workflow
def over_lp(xs: typing.List[int]) -> typing.List[int]:
    return typing.cast(typing.List[int], map_task(lp)(a=xs, b=[1, 2]))


@workflow
def over_lp_ratio(xs: typing.List[int]) -> typing.List[typing.Optional[int]]:
    return typing.cast(
        typing.List[typing.Optional[int]], array_node(lp, concurrency=3, min_success_ratio=0.5)(a=xs, b=xs)
    )


@workflow
def over_fixed_lp(xs: typing.List[int]) -> typing.List[int]:
    return typing.cast(typing.List[int], array_node(fixed_lp, min_successes=1)(a=xs))


@workflow
def nested_wf(xs: typing.List[int], go: bool) -> typing.List[int]:
    return typing.cast(
        typing.List[int],
        conditional("c")
        .if_(typing.cast(typing.Any, go).is_true())
        .then(sub(xs=xs))
        .else_()
        .then(map_task(square, concurrency=1)(x=xs)),
    )
