"""map_task over plain tasks: lists of every size, several mapped inputs, named outputs, no outputs."""

import typing

from flytekit import map_task, task, workflow


@task
def square(x: int) -> int:
    return x * x


@task
def greet(name: str, times: int) -> str:
    return " ".join([f"hi {name}"] * times)


@task
def halve(x: int) -> float:
    return x / 2


@task
def announce(word: str) -> None:
    print(f"announcing {word}")


@task
def min_max(xs: typing.List[int]) -> typing.Tuple[int, int]:
    return min(xs), max(xs)


@task
def total(xs: typing.List[int]) -> int:
    return sum(xs)


@workflow
def squares(xs: typing.List[int]) -> typing.List[int]:
    return map_task(square)(x=xs)


@workflow
def sum_of_squares(xs: typing.List[int]) -> int:
    return total(xs=map_task(square)(x=xs))


@workflow
def greetings(names: typing.List[str], times: typing.List[int]) -> typing.List[str]:
    return map_task(greet)(name=names, times=times)


@workflow
def halves(xs: typing.List[int]) -> typing.List[float]:
    return map_task(halve)(x=xs)


@workflow
def announce_all(words: typing.List[str]) -> None:
    map_task(announce)(word=words)


CASES = {
    "squares": lambda: squares(xs=[1, 2, 3, 4]),
    "squares_empty": lambda: squares(xs=[]),
    "sum_of_squares": lambda: sum_of_squares(xs=[3, 4]),
    "greetings": lambda: greetings(names=["ann", "bob"], times=[1, 2]),
    "greetings_first_list_decides_length": lambda: greetings(names=["ann"], times=[1, 2, 3]),
    "greetings_short_second_list": lambda: greetings(names=["ann", "bob"], times=[1]),
    "halves": lambda: halves(xs=[1, 4]),
    "announce_all": lambda: announce_all(words=["a", "b"]),
    "direct_call": lambda: map_task(square)(x=[5, 6]),
    "direct_call_positional": lambda: map_task(square)([7]),
    "not_a_list": lambda: map_task(square)(x=3),
    "two_outputs_refused": lambda: map_task(min_max),
}
