"""References to registered tasks and launch plans, run locally only when mocked (flytekit.testing)."""

import typing

from flytekit import (
    LaunchPlanReference,
    TaskReference,
    get_reference_entity,
    reference_launch_plan,
    reference_task,
    task,
    workflow,
)
from flytekit.models.core.identifier import ResourceType
from flytekit.testing import patch, task_mock


@reference_task(project="flytesnacks", domain="development", name="recipes.core.square", version="v3")
def remote_square(n: int) -> int:
    return n


@reference_launch_plan(project="flytesnacks", domain="development", name="recipes.lp.report", version="v1")
def remote_report(n: int, label: str) -> str:
    return label


remote_split = get_reference_entity(
    ResourceType.TASK,
    "other",
    "staging",
    "tools.split",
    "2024-01",
    inputs={"text": str},
    outputs={"head": str, "size": int},
)


@task
def shout(text: str) -> str:
    return text.upper()


@workflow
def uses_references(n: int) -> typing.Tuple[str, int]:
    sq = remote_square(n=n)
    report = remote_report(n=sq, label="squares")
    head, size = remote_split(text=report)
    return shout(text=head), size


@workflow
def reference_then_local(n: int) -> str:
    return shout(text=remote_report(n=remote_square(n=n), label="x"))


def _mocked_run() -> typing.Any:
    with task_mock(remote_square) as sq, task_mock(remote_report) as rep, task_mock(remote_split) as spl:
        sq.side_effect = lambda n: n * n
        rep.side_effect = lambda n, label: f"{label}={n}"
        spl.return_value = ("first", 5)
        result = uses_references(n=4)
        return list(result), sq.call_args.kwargs, rep.call_args.kwargs, spl.call_args.kwargs


@patch(remote_report)
def _patched_run(mock: typing.Any) -> typing.Any:
    mock.return_value = "patched"
    with task_mock(remote_square) as sq:
        sq.return_value = 7
        return reference_then_local(n=2), mock.call_count


def _reference_ids() -> typing.Any:
    refs = [remote_square.reference, remote_report.reference, remote_split.reference]
    return [(type(r).__name__, r.project, r.domain, r.name, r.version) for r in refs] + [
        isinstance(remote_square.reference, TaskReference),
        isinstance(remote_report.reference, LaunchPlanReference),
    ]


CASES = {
    "unmocked_workflow": lambda: uses_references(n=3),
    "unmocked_task": lambda: remote_square(n=3),
    "mocked": _mocked_run,
    "patched": _patched_run,
    "reference_ids": _reference_ids,
    "resource_types": lambda: [ResourceType.TASK, ResourceType.WORKFLOW, ResourceType.LAUNCH_PLAN],
}
