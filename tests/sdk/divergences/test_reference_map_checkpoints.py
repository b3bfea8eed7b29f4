"""``pyflyte-map-execute --checkpoint-path/--prev-checkpoint`` against flytekit 1.16.31.

The mapped element reads its previous attempt's checkpoint and writes a new one: both entry points
must give the same ``outputs.pb`` and leave the same checkpoint files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flyteidl.core import literals_pb2
from tests.reference.venvs import ensure_venv

pytestmark = pytest.mark.integration

FLOWS = Path(__file__).parent / "runtime_flows"
OURS = Path(sys.executable).parent


def _inputs(path: Path) -> str:
    items = [
        literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=i)))
        for i in (4, 7)
    ]
    literal = literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=items))
    path.write_bytes(literals_pb2.LiteralMap(literals={"x": literal}).SerializeToString())
    return str(path)


def _map_execute(bin_dir: Path, work: Path, prev: str) -> dict[str, bytes]:
    work.mkdir(parents=True)
    out = work / "out"
    args = [
        str(bin_dir / "pyflyte-map-execute"),
        "--inputs", _inputs(work / "inputs.pb"),
        "--output-prefix", str(out),
        "--raw-output-data-prefix", str(work / "raw"),
        "--checkpoint-path", str(work / "checkpoint"),
        "--prev-checkpoint", prev,
        "--resolver", "flytekit.core.array_node_map_task.ArrayNodeMapTaskResolver",
        "--", "vars", "", "resolver", "flytekit.core.python_auto_container.default_task_resolver",
        "task-module", "divergences_checkpoints", "task-name", "resume",
    ]  # fmt: skip
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BATCH_JOB_", "FLYTE")) and k != "PYTHONPATH"
    }
    env.update(HOME=str(work / "home"), BATCH_JOB_ARRAY_INDEX_VAR_NAME="IDX", IDX="1")
    result = subprocess.run(
        args, cwd=FLOWS, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"{bin_dir}: {result.stdout}\n{result.stderr}"
    found = {"outputs.pb": (out / "outputs.pb").read_bytes()} if (out / "outputs.pb").exists() else {}
    for path in sorted((work / "checkpoint").rglob("*")):
        if path.is_file():
            found[f"checkpoint/{path.relative_to(work / 'checkpoint')}"] = path.read_bytes()
    return found


@pytest.mark.parametrize("with_previous", [True, False], ids=["resumed", "first-attempt"])
def test_map_execute_checkpoints_like_flytekit(tmp_path: Path, with_previous: bool) -> None:
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "_flytekit_checkpoint").write_bytes(b"twelve bytes")
    prev = str(previous) if with_previous else '""'
    reference = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).bin("python").parent
    expected = _map_execute(reference, tmp_path / "reference", prev)
    actual = _map_execute(OURS, tmp_path / "ours", prev)
    assert actual == expected
    assert any(name.startswith("checkpoint/") for name in actual), actual
    output = literals_pb2.LiteralMap()
    output.ParseFromString(actual["outputs.pb"])
    assert output.literals["o0"].scalar.primitive.integer == (712 if with_previous else 700)
