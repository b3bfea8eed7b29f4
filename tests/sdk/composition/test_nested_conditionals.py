# mypy: disable-error-code="no-any-return"
"""Conditionals nested in conditionals and in sub-workflows: compiled shape and local runs."""

from __future__ import annotations

import pytest

from flytekit import conditional, task, workflow
from tests.sdk.composition.helpers import workflow_spec

ran: list[str] = []


@task
def inc(a: int) -> int:
    ran.append("inc")
    return a + 1


@task
def double(a: int) -> int:
    ran.append("double")
    return a * 2


@workflow
def pick(a: int) -> int:
    return conditional("pick").if_(a > 2).then(inc(a=a)).else_().then(double(a=a))


@workflow
def nested(a: int, b: int) -> int:
    x = inc(a=a)
    return (
        conditional("outer")
        .if_(x > 5)
        .then(conditional("inner").if_(b > 1).then(pick(a=b)).else_().then(double(a=x)))
        .else_()
        .then(conditional("strict").if_(b == 3).then(double(a=b)).else_().fail("b must be 3"))
    )


@workflow
def direct(a: int) -> int:
    return conditional("direct").if_(a > 0).then(pick(a=a)).else_().then(double(a=a))


def test_nested_branch_nodes_restart_ids_and_carry_their_own_conditions() -> None:
    template = workflow_spec(nested).template
    branch = template.nodes[1].branch_node.if_else
    inner = branch.case.then_node
    assert inner.id == "n0" and inner.metadata.name == "inner"
    assert inner.branch_node.if_else.case.condition.comparison.left_value.var == ".b"
    assert [b.var for b in inner.inputs] == [".b"]
    strict = branch.else_node.branch_node.if_else
    assert strict.error.failed_node_id == "strict" and strict.error.message == "b must be 3"


def test_only_direct_arms_embed_their_sub_workflows_like_flytekit() -> None:
    assert [t.id.name for t in workflow_spec(direct).sub_workflows] == [pick.name]
    assert list(workflow_spec(nested).sub_workflows) == []


@pytest.mark.parametrize(
    ("a", "b", "expected", "calls"),
    [
        (5, 2, 4, ["inc", "double"]),
        (5, 0, 12, ["inc", "double"]),
        (1, 3, 6, ["inc", "double"]),
        (9, 7, 8, ["inc", "inc"]),
    ],
)
def test_local_runs_take_one_path_and_skip_the_rest(a: int, b: int, expected: int, calls: list[str]) -> None:
    ran.clear()
    assert nested(a=a, b=b) == expected
    assert ran == calls


def test_fail_fires_only_in_the_taken_arm() -> None:
    with pytest.raises(ValueError, match="b must be 3"):
        nested(a=1, b=4)
