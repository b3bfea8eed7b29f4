"""Opt-in local parallelism: independent nodes and map elements run at once, with sequential results.

Concurrency is shown with barriers: tasks that wait for each other can only finish when they run at
the same time (a sequential run would break the barrier after its timeout).
"""

from __future__ import annotations

import functools
import threading
import typing
from pathlib import Path

import pytest

from flytekit import LaunchPlan, conditional, map_task, task, workflow
from flytekit.core import local_parallelism
from flytekit.core.local_graph_execution import graph_runner
from flytekit.errors import FlyteAssertion

BARRIER_TIMEOUT = 10
BARRIERS: dict[str, threading.Barrier] = {}
STARTED: list[str] = []


@task
def meet(group: str, x: int) -> int:
    BARRIERS[group].wait()
    return x


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def split(x: int) -> tuple[int, str]:
    return x * 2, f"v{x}"


@task
def join(parts: list[int], names: dict[str, str], label: typing.Optional[str] = None) -> str:  # noqa: UP045
    return f"{sum(parts)}:{sorted(names.items())}:{label}"


@task
def fail_if(x: int, bad: int) -> int:
    STARTED.append(f"fail_if:{x}")
    if x == bad:
        raise ValueError(f"bad {x}")
    return x


@task
def note(x: int) -> int:
    STARTED.append(f"note:{x}")
    return x


@task
def fragile(x: int) -> int:
    if x % 3 == 0:
        raise ValueError(f"bad {x}")
    return x


@workflow
def inner(x: int) -> int:
    return typing.cast(int, add(a=x, b=1))


@workflow
def lp_body(a: int, b: int = 5) -> int:
    return typing.cast(int, add(a=a, b=b))


plan = LaunchPlan.get_or_create(lp_body, name="tests.sdk.test_local_parallelism.plan")


@workflow
def rich(x: int, xs: list[int], go: bool) -> tuple[str, list[int], int, list[typing.Optional[int]]]:  # noqa: UP045
    doubled, name = split(x=x)
    s = inner(x=doubled)
    p = plan(a=s)
    mapped = map_task(functools.partial(add, b=10))(a=xs)
    tolerant = map_task(fragile, min_success_ratio=0.5)(x=xs)
    chosen = (
        conditional("pick")
        .if_(typing.cast(typing.Any, go).is_true())
        .then(add(a=p, b=x))
        .else_()
        .then(inner(x=p))
    )
    joined = join(parts=[doubled, s, 3, p], names={"n": name, "k": "const"}, label=name)
    return joined, mapped, chosen, tolerant


@workflow
def two_meetings(x: int, y: int) -> int:
    a = meet(group="nodes", x=x)
    b = meet(group="nodes", x=y)
    return typing.cast(int, add(a=a, b=b))


@workflow
def failing(x: int, y: int) -> tuple[int, int, int]:
    first = note(x=x)
    broken = fail_if(x=x, bad=x)
    later = fail_if(x=y, bad=y)
    return first, broken, later


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(local_parallelism.PARALLELISM_ENV_VAR, "4")


def test_default_is_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(local_parallelism.PARALLELISM_ENV_VAR, raising=False)
    assert local_parallelism.configured_parallelism() == 1
    assert graph_runner(rich) is None


def test_setting_from_env_and_config_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "flytekit.config"
    config.write_text("[local]\nparallelism = 3\n")
    monkeypatch.setenv("FLYTECTL_CONFIG", str(config))
    monkeypatch.delenv(local_parallelism.PARALLELISM_ENV_VAR, raising=False)
    assert local_parallelism.configured_parallelism() == 3
    monkeypatch.setenv(local_parallelism.PARALLELISM_ENV_VAR, "6")
    assert local_parallelism.configured_parallelism() == 6
    assert local_parallelism.workers_for(2) == 2
    assert local_parallelism.workers_for(0) == 6
    for bad in ("0", "many"):
        monkeypatch.setenv(local_parallelism.PARALLELISM_ENV_VAR, bad)
        with pytest.raises(FlyteAssertion, match="parallelism"):
            local_parallelism.configured_parallelism()


def test_parallel_run_equals_sequential_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(local_parallelism.PARALLELISM_ENV_VAR, raising=False)
    sequential = [rich(x=2, xs=[1, 3, 4], go=go) for go in (True, False)]
    monkeypatch.setenv(local_parallelism.PARALLELISM_ENV_VAR, "4")
    assert graph_runner(rich) is not None
    assert [rich(x=2, xs=[1, 3, 4], go=go) for go in (True, False)] == sequential
    assert sequential[0] == ("22:[('k', 'const'), ('n', 'v2')]:v2", [11, 13, 14], 12, [1, None, 4])


def test_independent_nodes_run_at_once(parallel: None) -> None:
    BARRIERS["nodes"] = threading.Barrier(2, timeout=BARRIER_TIMEOUT)
    assert two_meetings(x=1, y=2) == 3


def test_map_elements_run_at_once(parallel: None) -> None:
    BARRIERS["elements"] = threading.Barrier(3, timeout=BARRIER_TIMEOUT)
    assert map_task(functools.partial(meet, group="elements"))(x=[1, 2, 3]) == [1, 2, 3]


def test_map_concurrency_caps_the_workers(parallel: None) -> None:
    # with concurrency=1 the elements run one by one: a barrier of 2 cannot be passed
    BARRIERS["capped"] = threading.Barrier(2, timeout=0.5)
    with pytest.raises(threading.BrokenBarrierError):
        map_task(functools.partial(meet, group="capped"), concurrency=1)(x=[1, 2])


def test_failures_are_those_of_the_sequential_run(monkeypatch: pytest.MonkeyPatch) -> None:
    for setting in ("1", "4"):
        monkeypatch.setenv(local_parallelism.PARALLELISM_ENV_VAR, setting)
        STARTED.clear()
        with pytest.raises(ValueError, match="bad 5"):
            failing(x=5, y=6)
        assert "note:5" in STARTED and "fail_if:5" in STARTED
        with pytest.raises(ValueError, match="bad 6"):
            map_task(fragile)(x=[1, 6, 9])
        assert map_task(fragile, min_successes=1, min_success_ratio=0.5)(x=[3, 6, 1]) == [None, None, 1]
