"""conditional: expressions, local branch selection, and the BranchNode it compiles to."""

from __future__ import annotations

import typing
from collections import OrderedDict

import pytest

from flyteidl.core import condition_pb2
from flytekit import conditional, task, workflow
from flytekit.configuration import Image, ImageConfig, SerializationSettings
from flytekit.tools.translator import get_serializable

calls: list[str] = []


@task
def double(x: int) -> int:
    calls.append("double")
    return x * 2


@task
def negate(x: int) -> int:
    calls.append("negate")
    return -x


@task
def is_big(x: int) -> bool:
    return x > 100


@workflow
def pick(x: int) -> int:
    return typing.cast(
        int,
        conditional("pick")
        .if_((x > 5) & (x <= 50))
        .then(double(x=x))
        .elif_((x == 0) | (x < -10))
        .then(negate(x=x))
        .else_()
        .then(double(x=-1)),
    )


@workflow
def guarded(x: int) -> int:
    big = is_big(x=x)
    return typing.cast(
        int, conditional("guard").if_(big.is_true()).then(double(x=x)).else_().fail("too small")
    )


@pytest.mark.parametrize(
    ("x", "expected", "ran"),
    [(6, 12, ["double"]), (0, 0, ["negate"]), (-11, 11, ["negate"]), (3, -2, ["double"])],
)
def test_local_run_picks_one_branch(x: int, expected: int, ran: list[str]) -> None:
    calls.clear()
    assert pick(x=x) == expected
    assert calls == ran


def test_local_fail_raises_value_error() -> None:
    assert guarded(x=500) == 1000
    with pytest.raises(ValueError, match="too small"):
        guarded(x=1)


def test_condition_cannot_be_a_python_bool() -> None:
    with pytest.raises(ValueError, match="cannot be used as a Python bool"):

        @workflow
        def bad(x: int) -> int:
            if (x > 1) and (x < 5):
                return typing.cast(int, double(x=x))
            return typing.cast(int, double(x=x))

        bad.compile()


def _settings() -> SerializationSettings:
    image = Image(name="default", fqn="img", tag="1")
    return SerializationSettings(image_config=ImageConfig(default_image=image, images=[image]))


def test_compiles_to_branch_node() -> None:
    spec = get_serializable(OrderedDict(), _settings(), guarded)
    branch_node = spec.template.nodes[1]  # type: ignore[attr-defined]
    assert branch_node.id == "n1"
    assert [b.var for b in branch_node.inputs] == ["n0.o0"]
    assert list(branch_node.upstream_node_ids) == ["n0"]
    if_else = branch_node.branch_node.if_else
    comparison = if_else.case.condition.comparison
    assert comparison.operator == condition_pb2.ComparisonExpression.EQ
    assert comparison.left_value.var == "n0.o0"
    assert comparison.right_value.primitive.boolean is True
    assert if_else.case.then_node.id == "n0"
    assert if_else.error.failed_node_id == "guard"
    assert if_else.error.message == "too small"
    assert spec.template.outputs[0].binding.promise.node_id == "n1"  # type: ignore[attr-defined]


def test_is_none_compares_with_none_scalar() -> None:
    @workflow
    def nones(x: int) -> int:
        d = double(x=x)
        return typing.cast(int, conditional("n").if_(d.is_none()).then(double(x=x)).else_().then(negate(x=x)))

    spec = get_serializable(OrderedDict(), _settings(), nones)
    comparison = spec.template.nodes[1].branch_node.if_else.case.condition.comparison  # type: ignore[attr-defined]
    assert comparison.right_value.scalar.HasField("none_type")


@task
def show(x: int) -> None:
    calls.append(f"show {x}")


@workflow
def no_else(x: int) -> None:
    conditional("c").if_(x > 1).then(show(x=x))


def test_a_conditional_without_else_is_dropped_when_compiling_but_runs_locally() -> None:
    calls.clear()
    assert no_else(x=3) is None
    assert no_else(x=1) is None
    assert calls == ["show 3"]
    spec = get_serializable(OrderedDict(), _settings(), no_else)
    assert list(spec.template.nodes) == []  # type: ignore[attr-defined]  # as flytekit 1.16.31 compiles it
    assert pick(x=6) == 12  # the context stack is intact afterwards
