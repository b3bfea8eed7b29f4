"""Dynamic tasks with reference entities in a container, against flytekit 1.16.31.

A dynamic task whose body calls a reference task (directly, in a sub-workflow or in a branch arm)
fails in ``pyflyte-execute`` with flytekit's ValueError (its TaskTemplate would have to come from
admin); reference launch plans compile into the DynamicJobSpec.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flyteidl.core import dynamic_job_pb2, errors_pb2, literals_pb2
from tests.reference.venvs import ensure_venv

pytestmark = pytest.mark.integration

FLOWS = Path(__file__).parent / "runtime_flows"
OURS = Path(sys.executable).parent
REFUSED = ["calls_reference_task", "calls_sub_workflow_with_reference_task", "branches_to_reference_task"]


def _inputs(path: Path) -> Path:
    literal = literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=2)))
    path.write_bytes(literals_pb2.LiteralMap(literals={"n": literal}).SerializeToString())
    return path


def _execute(bin_dir: Path, task: str, tmp: Path) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    out = tmp / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLYTE", "_F_", "PYTHONPATH"))}
    env["HOME"] = str(tmp / "home")
    args = [
        str(bin_dir / "pyflyte-execute"),
        "--inputs",
        str(_inputs(tmp / "inputs.pb")),
        "--output-prefix",
        str(out),
        "--raw-output-data-prefix",
        str(tmp / "raw"),
        "--resolver",
        "flytekit.core.python_auto_container.default_task_resolver",
        "--",
        "task-module",
        "divergences_dynamic_refs",
        "task-name",
        task,
    ]
    subprocess.run(args, cwd=FLOWS, env=env, capture_output=True, timeout=120, check=False)
    return out


def _error(out: Path) -> tuple[str, str]:
    document = errors_pb2.ErrorDocument()
    document.ParseFromString((out / "error.pb").read_bytes())
    return document.error.code, document.error.message.rsplit("Message:", 1)[1].strip()


@pytest.fixture(scope="module")
def reference_bin() -> Path:
    return ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).bin("pyflyte").parent


@pytest.mark.parametrize("task", REFUSED)
def test_reference_task_in_dynamic_is_refused_like_flytekit(
    task: str, reference_bin: Path, tmp_path: Path
) -> None:
    expected = _error(_execute(reference_bin, task, tmp_path / "reference"))
    actual = _error(_execute(OURS, task, tmp_path / "ours"))
    assert actual[0] == expected[0] == "USER:RuntimeError"
    assert expected[1].startswith(
        "ValueError: Reference tasks are currently unsupported within dynamic tasks"
    )
    assert actual[1].startswith("ValueError: Reference tasks are currently unsupported within dynamic tasks")


def test_reference_launch_plans_in_dynamic_compile_like_flytekit(reference_bin: Path, tmp_path: Path) -> None:
    specs = []
    for name, bin_dir in [("reference", reference_bin), ("ours", OURS)]:
        out = _execute(bin_dir, "calls_reference_launch_plan", tmp_path / name)
        spec = dynamic_job_pb2.DynamicJobSpec()
        spec.ParseFromString((out / "futures.pb").read_bytes())
        specs.append(spec)
    assert specs[0] == specs[1]
    assert len(specs[1].nodes) == 2
