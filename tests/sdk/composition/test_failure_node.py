# mypy: disable-error-code="no-any-return"
"""on_failure handlers: the failure node they compile to and their local call."""

from __future__ import annotations

import typing

import pytest

from flytekit import task, workflow
from flytekit.exceptions.user import FlyteFailureNodeInputMismatchException
from flytekit.types.error import FlyteError
from tests.sdk.composition.helpers import workflow_spec

seen: list[tuple[str, str | None, str | None]] = []


@task
def handler(name: str, err: FlyteError | None = None) -> None:
    seen.append((name, err.failed_node_id if err else None, err.message if err else None))


@task
def needs_more(name: str, other: int) -> None:
    pass


@task
def work(name: str) -> int:
    if name == "bad":
        raise ValueError("boom")
    return len(name)


@workflow(on_failure=handler)
def guarded(name: str) -> int:
    return work(name=name)


@workflow
def handler_flow(name: str, err: FlyteError | None = None) -> None:
    handler(name=name, err=err)


@workflow(on_failure=handler_flow)
def guarded_by_flow(name: str) -> int:
    return work(name=name)


def test_failure_node_is_fn0_with_the_workflow_inputs_and_a_none_error() -> None:
    failure = workflow_spec(guarded).template.failure_node
    assert failure.id == "fn0" and failure.task_node.reference_id.name == handler.name
    bindings = {b.var: b.binding for b in failure.inputs}
    assert bindings["name"].promise.var == "name"
    assert bindings["err"].scalar.union.value.scalar.HasField("none_type")


def test_a_workflow_handler_is_embedded_as_sub_workflow() -> None:
    spec = workflow_spec(guarded_by_flow)
    assert spec.template.failure_node.workflow_node.sub_workflow_ref.name == handler_flow.name
    assert [t.id.name for t in spec.sub_workflows] == [handler_flow.name]
    err_type = handler_flow.interface.inputs.variables["err"].type
    assert [v.simple for v in err_type.union_type.variants] == [8, 0]  # ERROR, NONE


@pytest.mark.parametrize("wf", [guarded, guarded_by_flow])
def test_local_failure_calls_the_handler_then_raises(wf: typing.Any) -> None:
    seen.clear()
    assert wf(name="ok") == 2 and seen == []
    with pytest.raises(ValueError, match="boom"):
        wf(name="bad")
    [(name, node, message)] = seen
    assert (name, node) == ("bad", "fn0")
    assert message is not None and message.startswith(f"Error encountered while executing '{work.name}'")


def test_handlers_must_take_the_workflow_inputs() -> None:
    @workflow(on_failure=needs_more)
    def mismatched(name: str) -> int:
        return work(name=name)

    with pytest.raises(FlyteFailureNodeInputMismatchException, match="Mismatched Inputs"):
        mismatched.compile()
