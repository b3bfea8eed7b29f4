"""Cached tasks: a second call with the same inputs is served from the local cache; ignored inputs
do not count; Cache objects and the legacy arguments; validation errors."""

import typing

from flytekit import Cache, task, workflow

CALLS: typing.Dict[str, int] = {}


def _count(name: str) -> None:
    CALLS[name] = CALLS.get(name, 0) + 1


@task(cache=True, cache_version="1")
def slow_square(x: int) -> int:
    _count("slow_square")
    return x * x


@task(cache=True, cache_version="1", cache_ignore_input_vars=("note",))
def tagged(x: int, note: str) -> str:
    _count("tagged")
    return f"{x}:{note}"


@task(cache=Cache(version="v2", ignored_inputs="seed", serialize=True))
def scaled(values: typing.List[int], factor: int, seed: int) -> typing.List[int]:
    _count("scaled")
    return [v * factor for v in values]


@task
def uncached(x: int) -> int:
    _count("uncached")
    return x + 1


@workflow
def cached_pipeline(x: int, note: str) -> typing.Tuple[int, str]:
    sq = slow_square(x=x)
    return sq, tagged(x=sq, note=note)


def _twice(key: str, run: typing.Callable[[], typing.Any]) -> typing.List[typing.Any]:
    before = CALLS.get(key, 0)
    first = run()
    second = run()
    return [first, second, CALLS.get(key, 0) - before]


def _ignored_input_hits() -> typing.List[typing.Any]:
    before = CALLS.get("tagged", 0)
    a = tagged(x=101, note="first")
    b = tagged(x=101, note="second")
    return [a, b, CALLS.get("tagged", 0) - before]


def _pipeline_twice() -> typing.List[typing.Any]:
    before = dict(CALLS)
    first = cached_pipeline(x=12, note="n")
    second = cached_pipeline(x=12, note="other note")
    return [
        first,
        second,
        CALLS.get("slow_square", 0) - before.get("slow_square", 0),
        CALLS.get("tagged", 0) - before.get("tagged", 0),
    ]


def _bad_task(**kwargs: typing.Any) -> typing.Callable[..., typing.Any]:
    def fn(x: int) -> int:
        return x

    return task(**kwargs)(fn)


def _metadata() -> typing.List[typing.Any]:
    md = scaled.metadata
    return [
        md.cache,
        md.cache_version,
        md.cache_serialize,
        list(md.cache_ignore_input_vars),
        slow_square.metadata.cache_version,
        list(tagged.metadata.cache_ignore_input_vars),
    ]


@workflow
def repeated_nodes(x: int) -> typing.List[int]:
    return [slow_square(x=x), slow_square(x=x), uncached(x=x)]


@workflow
def scaled_twice(values: typing.List[int]) -> typing.List[int]:
    first = scaled(values=values, factor=2, seed=1)
    return scaled(values=first, factor=2, seed=2)


def _repeated() -> typing.List[typing.Any]:
    before = dict(CALLS)
    result = repeated_nodes(x=31)
    return [
        result,
        CALLS.get("slow_square", 0) - before.get("slow_square", 0),
        CALLS.get("uncached", 0) - before.get("uncached", 0),
    ]


CASES = {
    "square_twice": lambda: _twice("slow_square", lambda: slow_square(x=7)),
    "square_other_input": lambda: _twice("slow_square", lambda: slow_square(x=8)),
    "ignored_input_hits": _ignored_input_hits,
    "cache_object_twice": lambda: _twice("scaled", lambda: scaled(values=[1, 2, 3], factor=3, seed=1)),
    "cache_object_seed_ignored": lambda: _twice("scaled", lambda: scaled(values=[4], factor=2, seed=99)),
    "uncached_runs_every_time": lambda: _twice("uncached", lambda: uncached(x=1)),
    "pipeline_twice": _pipeline_twice,
    "metadata": _metadata,
    "cache_true_without_version": lambda: _bad_task(cache=True),
    "serialize_without_cache": lambda: _bad_task(cache_serialize=True),
    "ignore_without_cache": lambda: _bad_task(cache_ignore_input_vars=("x",)),
    "mixed_styles": lambda: _bad_task(cache=Cache(version="1"), cache_version="2"),
    "cache_without_version_or_policy": lambda: Cache(),
    "unknown_argument": lambda: _bad_task(cache_verison="1"),
    "repeated_nodes": _repeated,
    "scaled_twice": lambda: _twice("scaled", lambda: scaled_twice(values=[5, 6])),
}
