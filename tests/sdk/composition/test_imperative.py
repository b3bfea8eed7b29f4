# mypy: disable-error-code="no-any-return"
"""Imperative workflows: building, compiling, readiness and local runs."""

from __future__ import annotations

import pytest

from flytekit import Workflow, task, workflow
from flytekit.core.workflow import ImperativeWorkflow
from flytekit.errors import FlyteValidationException
from flytekit.types.error import FlyteError
from tests.sdk.composition.helpers import workflow_spec


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def pair(a: int) -> tuple[int, str]:
    return a, str(a)


@task
def on_error(x: int, err: FlyteError | None = None) -> None:
    pass


@workflow
def twice(n: int) -> int:
    return add(a=n, b=n)


def build() -> ImperativeWorkflow:
    wb = Workflow(name="my.imperative")
    x = wb.add_workflow_input("x", int)
    first = wb.add_entity(add, a=x, b=1)
    sub = wb.add_subwf(twice, n=first.outputs["o0"])
    both = wb.add_task(pair, a=sub.outputs["o0"])
    wb.add_workflow_output("text", both.outputs["o1"])
    wb.add_workflow_output("all", [first.outputs["o0"], both.outputs["o0"]], python_type=list[int])
    return wb


def test_alias_and_compiled_shape() -> None:
    assert Workflow is ImperativeWorkflow
    spec = workflow_spec(build())
    template = spec.template
    assert template.id.name == "my.imperative" and not spec.HasField("description")
    assert [n.id for n in template.nodes] == ["n0", "n1", "n2"]
    assert template.nodes[1].workflow_node.sub_workflow_ref.name == twice.name
    assert [t.id.name for t in spec.sub_workflows] == [twice.name]
    assert sorted(template.interface.outputs.variables) == ["all", "text"]
    collection = template.outputs[1].binding.collection.bindings
    assert [(b.promise.node_id, b.promise.var) for b in collection] == [("n0", "o0"), ("n2", "o0")]


def test_local_run_follows_the_nodes() -> None:
    result = build()(x=2)
    assert (result.text, result.all) == ("6", [3, 6])


def test_readiness_and_mistakes() -> None:
    wb = Workflow(name="not.ready")
    x = wb.add_workflow_input("x", int)
    assert not wb.ready()
    with pytest.raises(FlyteValidationException, match="already been specified"):
        wb.add_workflow_input("x", int)
    with pytest.raises(FlyteValidationException, match="not ready"):
        wb(x=1)
    node = wb.add_entity(add, a=x, b=x)
    assert wb.ready() and wb.inputs["x"] is x
    with pytest.raises(FlyteValidationException, match="python_type"):
        wb.add_workflow_output("many", [node.outputs["o0"]])
    wb.add_workflow_output("out", node.outputs["o0"])
    with pytest.raises(FlyteValidationException, match="already exists"):
        wb.add_workflow_output("out", node.outputs["o0"])
    assert wb(x=4) == 8


def test_failure_handler_and_conditional() -> None:
    wb = Workflow(name="guarded.imperative")
    x = wb.add_workflow_input("x", int)
    node = wb.add_entity(add, a=x, b=2)
    handler = wb.add_on_failure_handler(on_error)
    picked = (
        wb.create_conditional("big")
        .if_(node.outputs["o0"] > 5)
        .then(add(a=x, b=100))
        .else_()
        .then(add(a=x, b=-100))
    )
    wb.add_workflow_output("out", picked, python_type=int)
    template = workflow_spec(wb).template
    assert handler.id == "efn" and template.failure_node.id == "efn"
    assert [n.id for n in template.nodes] == ["n0", "n1"]
    assert template.nodes[1].branch_node.if_else.case.then_node.id == "n0"
