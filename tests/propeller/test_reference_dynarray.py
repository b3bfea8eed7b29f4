"""A map task and a dynamic task compiled by the reference flytekit 1.16 run under our engine through
its real ``pyflyte-map-execute`` / ``pyflyte-execute``: each map element picks its element with the
array index variables; the dynamic task's ``futures.pb`` runs as a generated workflow."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from flyteidl.core import literals_pb2, tasks_pb2
from flytestdlib.flyteworkflow import WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import Platform
from tests.propeller.reference_tasks import compile_reference_tasks, reference_platform
from tests.propeller.test_array_node import array_closure, launch_list, outputs
from tests.stdlib.flyteworkflow.closures import chain_closure

pytestmark = pytest.mark.integration

MODULE = textwrap.dedent(
    """
    from flytekit import dynamic, map_task, task

    @task
    def plus_one(x: int) -> int:
        return x + 1

    @task
    def fragile(x: int) -> int:
        if x < 0:
            raise ValueError(f"negative {x}")
        return x * 10

    mapped = map_task(fragile, min_success_ratio=0.5)

    @dynamic
    def twice(x: int) -> int:
        return plus_one(x=plus_one(x=x))
    """
)


@pytest.fixture
def reference_tasks(tmp_path: Path) -> dict[str, tasks_pb2.TaskTemplate]:
    return compile_reference_tasks(tmp_path, "refdyn", MODULE, ("mapped", "twice"))


def test_a_reference_map_task_maps_every_element(
    platform: Platform, reference_tasks: dict[str, tasks_pb2.TaskTemplate]
) -> None:
    platform = reference_platform(platform)
    closure = array_closure(reference_tasks["mapped"], min_success_ratio=0.5)
    closure.primary.template.id.name = "refmap"
    launch_list(platform, "refmap", closure, [1, -2, 3], envs={"PYTHONPATH": str(platform.root / "code")})
    wf = platform.run_to_completion(platform.propeller(), "refmap", timeout=180)
    assert wf.status.phase is WorkflowPhase.SUCCESS, wf.status.message
    assert outputs(platform, wf.status.output_ref) == [10, None, 30]


def test_a_reference_dynamic_task_runs_its_generated_workflow(
    platform: Platform, reference_tasks: dict[str, tasks_pb2.TaskTemplate]
) -> None:
    platform = reference_platform(platform)
    platform.launch_closure(
        "refdyn",
        chain_closure([reference_tasks["twice"]]),
        x=40,
        envs={"PYTHONPATH": str(platform.root / "code")},
    )
    wf = platform.run_to_completion(platform.propeller(), "refdyn", timeout=180)
    assert wf.status.phase is WorkflowPhase.SUCCESS, wf.status.message
    result = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert result.literals["o0"].scalar.primitive.integer == 42
