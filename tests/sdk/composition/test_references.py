# mypy: disable-error-code="no-any-return"
"""References: nodes pointing at registered ids, never serialized themselves, runnable only when mocked."""

from __future__ import annotations

import typing

import pytest

from flyteidl.core import identifier_pb2
from flytekit import (
    LaunchPlanReference,
    TaskReference,
    WorkflowReference,
    get_reference_entity,
    reference_launch_plan,
    reference_task,
    reference_workflow,
    task,
    workflow,
)
from flytekit.core.reference_entity import ReferenceEntity
from flytekit.models.core.identifier import ResourceType
from flytekit.testing import patch, task_mock
from tests.sdk.composition.helpers import serialize, workflow_spec


@reference_task(project="p", domain="d", name="lib.tasks.square", version="v1")
def square(n: int) -> int:
    return n


@reference_launch_plan(project="p", domain="d", name="lib.plans.report", version="v2")
def report(n: int) -> str:
    return ""


@reference_workflow(project="p", domain="d", name="lib.flows.flow", version="v3")
def flow(n: int) -> int:
    return n


split = get_reference_entity(
    ResourceType.TASK, "q", "e", "lib.split", "v9", inputs={"text": str}, outputs={"head": str, "n": int}
)


@task
def shout(text: str) -> str:
    return text.upper()


@workflow
def calls_references(n: int) -> str:
    return shout(text=report(n=square(n=n)))


@workflow
def uses_split(text: str) -> int:
    _head, n = split(text=text)
    return n


def test_reference_nodes_point_at_the_ids_and_the_entities_are_not_serialized() -> None:
    spec, mapping = serialize(calls_references)
    nodes = spec.template.nodes  # type: ignore[attr-defined]
    assert nodes[0].metadata.name == "square" and not nodes[0].task_node.HasField("overrides")
    ref = nodes[0].task_node.reference_id
    assert (ref.resource_type, ref.project, ref.domain, ref.name, ref.version) == (
        identifier_pb2.TASK,
        "p",
        "d",
        "lib.tasks.square",
        "v1",
    )
    lp = nodes[1].workflow_node.launchplan_ref
    assert (lp.resource_type, lp.name, lp.version) == (identifier_pb2.LAUNCH_PLAN, "lib.plans.report", "v2")
    assert not any(isinstance(entity, ReferenceEntity) for entity in mapping)


def test_get_reference_entity_builds_the_declared_interface() -> None:
    spec = workflow_spec(uses_split)
    node = spec.template.nodes[0]
    assert node.task_node.reference_id.name == "lib.split" and node.metadata.name == "split"
    assert spec.template.outputs[0].binding.promise.var == "n"
    with pytest.raises(ValueError, match="not TASK, WORKFLOW or LAUNCH_PLAN"):
        get_reference_entity(ResourceType.DATASET, "p", "d", "x", "v", inputs={}, outputs={})


def test_reference_workflows_cannot_be_sub_workflows() -> None:
    @workflow
    def wraps(n: int) -> int:
        return flow(n=n)

    with pytest.raises(ValueError, match="Use reference launch plans instead"):
        serialize(wraps)


def test_reference_ids() -> None:
    assert isinstance(square.reference, TaskReference)
    assert isinstance(report.reference, LaunchPlanReference)
    assert isinstance(flow.reference, WorkflowReference)
    assert flow.id.resource_type == identifier_pb2.WORKFLOW and flow.name == "lib.flows.flow"
    assert (ResourceType.TASK, ResourceType.WORKFLOW, ResourceType.LAUNCH_PLAN) == (1, 2, 3)


def test_local_runs_need_a_mock() -> None:
    with pytest.raises(NotImplementedError, match="You must mock this out"):
        square(n=2)
    with pytest.raises(NotImplementedError):
        calls_references(n=2)


def test_task_mock_replaces_the_code_for_the_block_only() -> None:
    with task_mock(square) as sq, task_mock(report) as rep:
        sq.side_effect = lambda n: n * n
        rep.return_value = "nine"
        assert calls_references(n=3) == "NINE"
        assert sq.call_args.kwargs == {"n": 3} and rep.call_args.kwargs == {"n": 9}
    with pytest.raises(NotImplementedError):
        square(n=2)


def test_task_mock_on_multiple_outputs_and_local_tasks() -> None:
    with task_mock(split) as m, task_mock(shout) as s:
        m.return_value = ("h", 4)
        s.return_value = "mocked"
        assert uses_split(text="abc") == 4
        assert shout(text="x") == "mocked"
    assert shout(text="x") == "X"
    with (
        pytest.raises(ValueError, match="Can only be used for tasks"),
        task_mock(typing.cast(typing.Any, print)),
    ):
        pass


@patch(square)
def _patched(mock: typing.Any) -> int:
    mock.return_value = 41
    return typing.cast(int, square(n=1))


def test_patch_passes_the_mock_to_the_test() -> None:
    assert _patched() == 41
    with pytest.raises(NotImplementedError):
        square(n=1)
