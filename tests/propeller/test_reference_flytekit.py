"""Tasks compiled by the reference flytekit 1.16 run under our engine through its real
``pyflyte-execute`` (found on the task PATH prefix), reading and writing our blobs."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from flyteidl.core import execution_pb2, literals_pb2, tasks_pb2
from flytestdlib.flyteworkflow import WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import Platform
from tests.propeller.reference_tasks import compile_reference_tasks, reference_platform

pytestmark = pytest.mark.integration

MODULE = textwrap.dedent(
    """
    from flytekit import task

    @task
    def plus_one(x: int) -> int:
        return x + 1

    @task
    def explode(x: int) -> int:
        if x > 0:
            raise ValueError(f"cannot handle {x}")
        return x
    """
)


@pytest.fixture
def reference_tasks(tmp_path: Path) -> dict[str, tasks_pb2.TaskTemplate]:
    return compile_reference_tasks(tmp_path, "refmod", MODULE, ("plus_one", "explode"))


def test_reference_flytekit_tasks_run_and_chain(
    platform: Platform, reference_tasks: dict[str, tasks_pb2.TaskTemplate]
) -> None:
    platform = reference_platform(platform)
    task = reference_tasks["plus_one"]
    platform.launch("refok", [task, task], x=40, envs={"PYTHONPATH": str(platform.root / "code")})
    wf = platform.run_to_completion(platform.propeller(), "refok", timeout=120)
    assert wf.status.phase is WorkflowPhase.SUCCESS, wf.status.message
    outputs = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert outputs.literals["o0"].scalar.primitive.integer == 42


def test_a_raising_reference_task_fails_with_the_user_exception(
    platform: Platform, reference_tasks: dict[str, tasks_pb2.TaskTemplate]
) -> None:
    platform = reference_platform(platform)
    platform.launch(
        "refbad", [reference_tasks["explode"]], x=7, envs={"PYTHONPATH": str(platform.root / "code")}
    )
    wf = platform.run_to_completion(platform.propeller(), "refbad", timeout=120)
    assert wf.status.phase is WorkflowPhase.FAILED
    error = wf.status.error
    assert error is not None
    assert error.kind == execution_pb2.ExecutionError.USER
    assert "ValueError" in error.message and "cannot handle 7" in error.message
