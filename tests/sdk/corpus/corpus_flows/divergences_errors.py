"""Errors flytekit 1.16 raises with their own classes: bad task outputs and map tasks missing an input."""

import functools
import typing

from flytekit import map_task, task, workflow


@task
def wrong_type() -> int:
    return "abc"  # type: ignore[return-value]


@task
def wrong_element() -> typing.List[int]:
    return [1, "x"]  # type: ignore[list-item]


@task
def wrong_second() -> typing.Tuple[int, str]:
    return 1, 2  # type: ignore[return-value]


@task
def wrong_named() -> typing.NamedTuple("Out", total=int, label=str):  # type: ignore[valid-type]
    return 1, 5


@task
def not_a_tuple() -> typing.Tuple[int, str]:
    return 1  # type: ignore[return-value]


@task
def too_many_values() -> typing.Tuple[int, str]:
    return 1, "a", "b"  # type: ignore[return-value]


@task
def too_few_values() -> typing.Tuple[int, str]:
    return (1,)  # type: ignore[return-value]


@task
def tuple_for_one() -> int:
    return (1, 2)  # type: ignore[return-value]


@task
def none_for_int() -> int:
    return None  # type: ignore[return-value]


@workflow
def calls_wrong_type() -> int:
    return wrong_type()


@workflow
def calls_wrong_element() -> typing.List[int]:
    return wrong_element()


@workflow
def calls_not_a_tuple() -> typing.Tuple[int, str]:
    return not_a_tuple()


@task
def add(x: int, y: int) -> int:
    return x + y


CASES = {
    "output_wrong_type": lambda: wrong_type(),
    "output_wrong_element": lambda: wrong_element(),
    "output_wrong_second": lambda: wrong_second(),
    "output_wrong_named": lambda: wrong_named(),
    "output_not_a_tuple": lambda: not_a_tuple(),
    "output_too_many_values": lambda: too_many_values(),
    "output_too_few_values": lambda: too_few_values(),
    "output_tuple_for_one": lambda: tuple_for_one(),
    "output_none_for_int": lambda: none_for_int(),
    "workflow_wrong_type": lambda: calls_wrong_type(),
    "workflow_wrong_element": lambda: calls_wrong_element(),
    "workflow_not_a_tuple": lambda: calls_not_a_tuple(),
    "map_missing_input": lambda: map_task(add)(x=[1, 2]),
    "map_partial_missing_input": lambda: map_task(functools.partial(add))(x=[1, 2]),
    "map_bound_input": lambda: map_task(functools.partial(add, y=10))(x=[1, 2]),
}
