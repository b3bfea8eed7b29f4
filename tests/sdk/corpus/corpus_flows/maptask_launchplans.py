"""Array nodes over launch plans (map_task(lp), array_node(lp, ...)).

flytekit 1.16 runs them locally only when called from plain Python with lists; inside a local
workflow run their inputs are promises and flytekit raises a ValueError.
"""

import typing

from flytekit import LaunchPlan, map_task, task, workflow
from flytekit.core.array_node import array_node


@task
def power(base: int, exponent: int) -> int:
    if base < 0:
        raise ValueError("negative base")
    return base**exponent


@workflow
def raise_to(base: int, exponent: int = 2) -> int:
    return power(base=base, exponent=exponent)


powers = LaunchPlan.get_or_create(raise_to, name="corpus_flows.maptask_launchplans.powers")
cubes = LaunchPlan.get_or_create(
    raise_to, name="corpus_flows.maptask_launchplans.cubes", fixed_inputs={"exponent": 3}
)


@workflow
def powers_of(bases: typing.List[int], exponents: typing.List[int]) -> typing.List[int]:
    return map_task(powers)(base=bases, exponent=exponents)


@workflow
def tolerant_cubes(bases: typing.List[int]) -> typing.List[typing.Optional[int]]:
    return array_node(cubes, concurrency=2, min_success_ratio=0.5)(base=bases)


CASES = {
    "map_over_launch_plan": lambda: map_task(powers)(base=[2, 3], exponent=[3, 2]),
    "array_node_fixed_inputs": lambda: array_node(cubes)(base=[1, 2]),
    "array_node_tolerant": lambda: array_node(cubes, min_success_ratio=0.5)(base=[-1, 2, 3]),
    "array_node_too_many_failures": lambda: map_task(cubes)(base=[2, -1]),
    "array_node_missing_input": lambda: map_task(powers)(base=[2]),
    "array_node_empty_lists": lambda: map_task(powers)(base=[], exponent=[]),
    "inside_local_workflow": lambda: powers_of(bases=[2], exponents=[2]),
    "inside_local_workflow_ratio": lambda: tolerant_cubes(bases=[2]),
}
