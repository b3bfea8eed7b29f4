"""map_task inside sub-workflows and conditionals, chained maps, shared map tasks, instance tasks."""

import typing

from flytekit import PythonInstanceTask, conditional, kwtypes, map_task, task, workflow
from flytekit.core.interface import Interface


@task
def inc(x: int) -> int:
    return x + 1


@task
def is_long(xs: typing.List[int]) -> bool:
    return len(xs) > 2


@task
def count(xs: typing.List[int]) -> int:
    return len(xs)


class Tripler(PythonInstanceTask):
    def __init__(self, name: str) -> None:
        super().__init__(
            name=name, task_config=None, interface=Interface(inputs=kwtypes(v=int), outputs=kwtypes(o0=int))
        )

    def execute(self, **kwargs: typing.Any) -> typing.Any:
        return kwargs["v"] * 3


tripler = Tripler(name="corpus_flows.maptask_composition.tripler")

mapped_inc = map_task(inc, concurrency=4)


@workflow
def inc_all(xs: typing.List[int]) -> typing.List[int]:
    return mapped_inc(x=xs)


@workflow
def inc_twice(xs: typing.List[int]) -> typing.List[int]:
    return mapped_inc(x=mapped_inc(x=xs))


@workflow
def through_sub(xs: typing.List[int]) -> typing.Tuple[typing.List[int], int]:
    incremented = inc_all(xs=xs)
    return map_task(tripler)(v=incremented), count(xs=incremented)


@workflow
def branch_on_length(xs: typing.List[int]) -> typing.List[int]:
    long = is_long(xs=xs)
    return (
        conditional("length")
        .if_(long.is_true())
        .then(inc_all(xs=xs))
        .else_()
        .then(map_task(tripler, concurrency=1)(v=xs))
    )


CASES = {
    "inc_all": lambda: inc_all(xs=[1, 2]),
    "inc_twice": lambda: inc_twice(xs=[0, 10]),
    "through_sub": lambda: through_sub(xs=[1, 2, 3]),
    "branch_long": lambda: branch_on_length(xs=[1, 2, 3]),
    "branch_short": lambda: branch_on_length(xs=[5]),
    "instance_direct": lambda: map_task(tripler)(v=[2, 4]),
}
