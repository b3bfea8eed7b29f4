"""Success thresholds: tolerated failures become None, others raise the element's own error."""

import typing

from flytekit import map_task, task, workflow


@task
def fragile(x: int) -> int:
    if x % 3 == 0:
        raise ValueError(f"{x} is a multiple of three")
    return x * 10


@task
def strict_parse(text: str) -> int:
    return int(text)


@workflow
def tolerant(xs: typing.List[int]) -> typing.List[typing.Optional[int]]:
    return map_task(fragile, concurrency=0, min_success_ratio=0.5)(x=xs)


@workflow
def at_least_one(xs: typing.List[int]) -> typing.List[typing.Optional[int]]:
    return map_task(fragile, min_successes=1, min_success_ratio=0.5, run_all_sub_nodes=True)(x=xs)


@workflow
def all_required(xs: typing.List[int]) -> typing.List[int]:
    return map_task(fragile)(x=xs)


@workflow
def parse_all(texts: typing.List[str]) -> typing.List[typing.Optional[int]]:
    return map_task(strict_parse, min_success_ratio=0.25)(text=texts)


CASES = {
    "tolerant_one_failure": lambda: tolerant(xs=[1, 2, 3, 4]),
    "tolerant_too_many_failures": lambda: tolerant(xs=[3, 6, 1]),
    "at_least_one": lambda: at_least_one(xs=[3, 6, 1]),
    "at_least_one_none_succeed": lambda: at_least_one(xs=[3, 6]),
    "all_required_ok": lambda: all_required(xs=[1, 2]),
    "all_required_failure": lambda: all_required(xs=[1, 3, 4]),
    "parse_all": lambda: parse_all(texts=["1", "x", "3", "y"]),
    "parse_all_below_quarter": lambda: parse_all(texts=["a", "b", "c", "4"]),
    "direct_failure": lambda: map_task(fragile)(x=[9]),
}
