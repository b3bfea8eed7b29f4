# mypy: disable-error-code="no-any-return"
"""create_node, >> and with_overrides: node ids, metadata and task-node overrides."""

from __future__ import annotations

import typing
from datetime import timedelta

import pytest

from flytekit import Resources, create_node, task, workflow
from flytekit.core import node_creation
from flytekit.core.node import dnsify
from tests.sdk.composition.helpers import workflow_spec


@task
def inc(a: int) -> int:
    return a + 1


@task
def pair(a: int) -> tuple[int, str]:
    return a, str(a)


@task
def noop() -> None:
    pass


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("My Node!", "my-node"),
        ("myNodeName", "my-node-name"),
        ("a_b.c", "a-b-c"),
        ("HTTPServer", "h-t-t-p-server"),
        ("--a--", "a-"),
        ("x" * 70, "e5afcce453-" + "x" * 52),
    ],
)
def test_dnsify_follows_flytekits_rules(name: str, label: str) -> None:
    assert dnsify(name) == label


@workflow
def explicit(a: int) -> str:
    first = create_node(inc, a=a)
    quiet = create_node(noop)
    both = create_node(pair, a=first.o0)
    quiet >> first
    return typing.cast(str, both.o1)


def test_create_node_exposes_outputs_and_orders_nodes() -> None:
    assert node_creation.create_node is create_node
    nodes = workflow_spec(explicit).template.nodes
    assert [n.id for n in nodes] == ["n0", "n1", "n2"]
    assert list(nodes[0].upstream_node_ids) == ["n1"]
    assert explicit(a=4) == "5"


def test_create_node_takes_keyword_inputs_only_and_only_inside_workflows() -> None:
    with pytest.raises(AssertionError, match="Only keyword args"):
        create_node(inc, 1)
    with pytest.raises(RuntimeError, match="Cannot use explicit run"):
        create_node(inc, a=1)
    with pytest.raises(AssertionError, match="callable Flyte entity"):
        create_node(typing.cast(typing.Any, len), a=1)


@workflow
def overridden(a: int) -> int:
    x = inc(a=a).with_overrides(
        node_name="First One",
        name="first",
        retries=2,
        timeout=timedelta(minutes=1),
        interruptible=True,
        requests=Resources(cpu="1"),
        limits=Resources(cpu="2", mem="1Gi"),
        container_image="img:9",
        cache=True,
        cache_version="3",
        cache_serialize=True,
        aliases={"o0": "out"},
    )
    y = inc(a=x).with_overrides(resources=Resources(cpu=("1", "2")), shared_memory="1Gi", timeout=10)
    return inc(a=y).with_overrides(timeout=None, shared_memory=True)


def test_overrides_land_in_node_metadata_and_task_overrides() -> None:
    first, second, third = workflow_spec(overridden).template.nodes
    assert first.id == "first-one" and first.metadata.name == "first"
    md = first.metadata
    assert (md.retries.retries, md.timeout.ToTimedelta(), md.interruptible) == (2, timedelta(minutes=1), True)
    assert (md.cacheable, md.cache_version, md.cache_serializable) == (True, "3", True)
    assert [(a.var, a.alias) for a in first.output_aliases] == [("o0", "out")]
    overrides = first.task_node.overrides
    assert [(r.name, r.value) for r in overrides.resources.requests] == [(0 + 1, "1")]
    assert [r.value for r in overrides.resources.limits] == ["2", "1Gi"]
    assert overrides.container_image == "img:9"
    assert second.metadata.timeout.seconds == 10
    assert [r.value for r in second.task_node.overrides.resources.limits] == ["2"]
    shm = second.task_node.overrides.extended_resources.shared_memory
    assert (shm.mount_path, shm.mount_name, shm.size_limit) == ("/dev/shm", "flyte-shared-memory", "1Gi")
    assert not third.metadata.HasField("timeout")
    assert third.task_node.overrides.extended_resources.shared_memory.size_limit == ""


@pytest.mark.parametrize(
    ("overrides", "error", "match"),
    [
        ({"cache": True}, ValueError, "must specify cache version"),
        (
            {"resources": Resources(cpu="1"), "limits": Resources(cpu="1")},
            ValueError,
            "can not be used together",
        ),
        ({"timeout": "soon"}, ValueError, "timeout should be duration"),
        ({"aliases": ["o0"]}, AssertionError, "dict"),
        ({"requests": {"cpu": "1"}}, AssertionError, "flytekit.Resources"),
    ],
)
def test_bad_overrides_are_refused(
    overrides: dict[str, typing.Any], error: type[Exception], match: str
) -> None:
    @workflow
    def bad(a: int) -> int:
        return inc(a=a).with_overrides(**overrides)

    with pytest.raises(error, match=match):
        bad.compile()


def test_promises_are_refused_as_override_values() -> None:
    @workflow
    def bad(a: int) -> int:
        return inc(a=a).with_overrides(retries=a)

    with pytest.raises(AssertionError, match="retries"):
        bad.compile()


def test_overrides_do_not_change_local_results() -> None:
    assert overridden(a=1) == 4
