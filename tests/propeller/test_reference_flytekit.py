"""Tasks compiled by the reference flytekit 1.16 run under our engine through its real
``pyflyte-execute`` (found on the task PATH prefix), reading and writing our blobs."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from flyteidl.core import execution_pb2, literals_pb2, tasks_pb2
from flytepropeller.cluster import LocalCluster
from flytestdlib.flyteworkflow import WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import LOGS_TEMPLATE, Platform

REFERENCE_VENV = Path("/root/.cache/flyte-py/venvs/flytekit-1.16.31")

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

SERIALIZE = textwrap.dedent(
    """
    import sys
    from collections import OrderedDict
    from flytekit.configuration import ImageConfig, SerializationSettings
    from flytekit.tools.translator import get_serializable
    import refmod

    settings = SerializationSettings(
        image_config=ImageConfig.auto_default_image(), project="flytesnacks", domain="development", version="v1"
    )
    for name in ("plus_one", "explode"):
        spec = get_serializable(OrderedDict(), settings, getattr(refmod, name))
        with open(f"{sys.argv[1]}/{name}.pb", "wb") as out:
            out.write(spec.template.to_flyte_idl().SerializeToString())
    """
)


@pytest.fixture
def reference_tasks(tmp_path: Path) -> dict[str, tasks_pb2.TaskTemplate]:
    if not (REFERENCE_VENV / ".requirements").exists():
        pytest.skip(f"the reference flytekit venv {REFERENCE_VENV} is not built")
    code = tmp_path / "code"
    code.mkdir()
    (code / "refmod.py").write_text(MODULE)
    (code / "serialize.py").write_text(SERIALIZE)
    subprocess.run(
        [str(REFERENCE_VENV / "bin" / "python"), "serialize.py", str(code)], cwd=code, check=True, timeout=120
    )
    return {
        name: tasks_pb2.TaskTemplate.FromString((code / f"{name}.pb").read_bytes())
        for name in ("plus_one", "explode")
    }


def reference_platform(platform: Platform) -> Platform:
    platform.cluster = LocalCluster(
        platform.root / "cluster",
        task_path_prefix=[str(REFERENCE_VENV / "bin")],
        logs_url_template=LOGS_TEMPLATE,
    )
    return platform


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
