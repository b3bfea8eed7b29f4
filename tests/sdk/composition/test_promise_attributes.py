# mypy: disable-error-code="no-any-return"
"""Attribute and index access on promises: attr_path bindings and local resolution."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from flytekit import task, workflow
from flytekit.exceptions.user import FlytePromiseAttributeResolveException
from tests.sdk.composition.helpers import workflow_spec


@dataclass
class Inner:
    values: list[int]


@dataclass
class Outer:
    name: str
    inner: Inner


@task
def make(n: int) -> Outer:
    return Outer(name=f"o{n}", inner=Inner(values=[n, n * 2]))


@task
def table(n: int) -> dict[str, list[int]]:
    return {"k": [n, n + 1]}


@task
def inc(a: int) -> int:
    return a + 1


@task
def shout(s: str) -> str:
    return s.upper()


@workflow
def reads(n: int) -> tuple[str, int, int]:
    o = make(n=n)
    t = table(n=n)
    return shout(s=o.name), inc(a=o.inner.values[1]), inc(a=t["k"][1])


def test_bindings_carry_the_attribute_path() -> None:
    nodes = workflow_spec(reads).template.nodes
    path = [
        (a.WhichOneof("value"), getattr(a, a.WhichOneof("value") or ""))
        for a in nodes[3].inputs[0].binding.promise.attr_path
    ]
    assert path == [("string_value", "inner"), ("string_value", "values"), ("int_value", 1)]
    assert [a.string_value for a in nodes[2].inputs[0].binding.promise.attr_path] == ["name"]


def test_local_runs_resolve_the_path() -> None:
    assert tuple(reads(n=3)) == ("O3", 7, 5)


def test_missing_keys_fail_with_a_clear_error() -> None:
    @workflow
    def missing(n: int) -> int:
        return inc(a=table(n=n)["nope"][0])

    with pytest.raises(FlytePromiseAttributeResolveException, match="'nope' not found"):
        missing(n=1)


def test_promises_are_not_python_values() -> None:
    @workflow
    def truthy(n: int) -> int:
        return inc(a=n) if inc(a=n) else inc(a=0)

    with pytest.raises(ValueError, match="truth value testing"):
        truthy.compile()

    @workflow
    def iterated(n: int) -> int:
        return inc(a=sum(x for x in make(n=n).inner.values))

    with pytest.raises(ValueError, match="not iterable"):
        iterated.compile()
