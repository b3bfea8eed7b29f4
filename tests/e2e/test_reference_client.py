"""The promise to existing Flyte users: the real flytekit 1.16.31 works against our sandbox.

The reference flytekit lives in an isolated venv. It registers a workflow package with its own
`pyflyte register` (fast registration through our DataProxyService), then runs it with
`FlyteRemote.execute(..., wait=True)`. The sandbox runs those tasks with the reference venv's own
`pyflyte-execute` (its bin folder is put first on the task PATH).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.sandboxes import RunningSandbox, start_sandbox
from tests.reference.venvs import ReferenceVenv, ensure_venv

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLYTEKIT_REFERENCE = "flytekit==1.16.31"
CLIENT_SCRIPT = Path(__file__).with_name("reference_client.py")


@pytest.fixture(scope="module")
def reference_flytekit() -> ReferenceVenv:
    return ensure_venv("flytekit-1.16.31", [FLYTEKIT_REFERENCE])


@pytest.fixture(scope="module")
def reference_sandbox(
    tmp_path_factory: pytest.TempPathFactory, reference_flytekit: ReferenceVenv
) -> Iterator[RunningSandbox]:
    task_path = json.dumps([str(reference_flytekit.root / "bin")])
    running = start_sandbox(
        tmp_path_factory.mktemp("refsandbox"), extra_env={"FLYTE_SANDBOX_TASK_PATH": task_path}
    )
    yield running
    assert running.stop() == 0, running.log()


def test_reference_flytekit_registers_and_executes(
    reference_sandbox: RunningSandbox, reference_flytekit: ReferenceVenv, examples_dir: Path, tmp_path: Path
) -> None:
    # A copy of the example package, so the reference client's archive holds nothing else.
    project_root = tmp_path / "project"
    shutil.copytree(examples_dir / "demo", project_root / "demo")
    config = str(reference_sandbox.config_path)

    registered = reference_flytekit.run(
        str(reference_flytekit.bin("pyflyte")),
        "-c",
        config,
        "register",
        "--project",
        "flytesnacks",
        "--domain",
        "development",
        "--version",
        "ref-v1",
        "demo",
        cwd=project_root,
        capture_output=True,
        timeout=300,
    )
    assert registered.returncode == 0, registered.stdout.decode() + registered.stderr.decode()

    ran = reference_flytekit.run(
        str(CLIENT_SCRIPT),
        config,
        "flytesnacks",
        "development",
        "demo.stats.stats_wf",
        json.dumps({"n": 4, "title": "ref"}),
        cwd=project_root,
        capture_output=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stdout.decode() + ran.stderr.decode() + reference_sandbox.log()
    result = json.loads(ran.stdout.decode().strip().splitlines()[-1])
    assert result["phase"] == "SUCCEEDED", result
    assert result["outputs"]["o0"] == "ref: count=4, max=16, mean=7.5, min=1, sum=30 (fair)"
    assert result["outputs"]["o1"] == {"count": 4.0, "sum": 30.0, "mean": 7.5, "min": 1.0, "max": 16.0}
