"""Annotated types: HashMethod (with caching), FlyteAnnotation, typing.Literal choices, Annotated lists."""

import typing

from flytekit import HashMethod, task, workflow
from flytekit.core.annotation import FlyteAnnotation


def hash_words(words: typing.List[str]) -> str:
    return "|".join(sorted(words))


@task
def words(text: str) -> typing.Annotated[typing.List[str], HashMethod(hash_words)]:
    return text.split()


@task(cache=True, cache_version="1.0")
def count_words(words: typing.List[str]) -> int:
    return len(words)


@workflow
def hashed_wf(text: str = "b a c") -> int:
    return count_words(words=words(text=text))


@task
def pick(mode: typing.Literal["fast", "slow"], n: int) -> typing.Literal["fast", "slow"]:
    return "slow" if mode == "fast" and n > 3 else mode


@workflow
def literal_wf(mode: typing.Literal["fast", "slow"] = "fast", n: int = 5) -> str:
    return pick(mode=mode, n=n)


@task
def scaled(
    x: typing.Annotated[int, FlyteAnnotation({"unit": "cm", "ui": {"slider": [0, 100]}})],
) -> typing.Annotated[float, FlyteAnnotation({"unit": "m"})]:
    return x / 100


@workflow
def annotated_wf(x: typing.Annotated[int, FlyteAnnotation({"unit": "cm"})] = 250) -> float:
    return scaled(x=x)


CASES = {
    "hash_method_cached": lambda: hashed_wf(text="one two three"),
    "hash_method_task": lambda: words(text="z y"),
    "literal_choice": lambda: literal_wf(mode="fast", n=10),
    "literal_default": lambda: literal_wf(),
    "literal_bad_value": lambda: pick(mode="medium", n=1),
    "flyte_annotation": lambda: annotated_wf(x=120),
}
