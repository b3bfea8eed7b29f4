"""``pyflyte-map-execute`` against flytekit 1.16.31's: one sub-task per array index, same files written.

Both entry points run as subprocesses on the same ``inputs.pb`` (the map task's list inputs, plus
bound scalars) with the same array-index environment, loading ``runtime_flows.maps`` through
``ArrayNodeMapTaskResolver`` exactly as a serialized map task's container args say. ``outputs.pb``
must be byte-identical; for errors, code, kind, origin and the final message must match.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flyteidl.core import errors_pb2
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from tests.reference.venvs import ensure_venv

pytestmark = pytest.mark.integration

FLOWS = Path(__file__).parent / "reference_flows"
OURS = Path(sys.executable).parent


def _point(x: int, y: int) -> Any:
    sys.path.insert(0, str(FLOWS))
    try:
        maps = importlib.import_module("runtime_flows.maps")
    finally:
        sys.path.remove(str(FLOWS))
    return maps.Point(x, y)


def _write_inputs(path: Path, values: dict[str, Any], types: dict[str, Any]) -> str:
    ctx = FlyteContextManager.current_context()
    path.write_bytes(TypeEngine.dict_to_literal_map(ctx, values, types).SerializeToString())
    return str(path)


def _map_execute(bin_dir: Path, task: str, bound: str, inputs: str, out: Path, env: dict[str, str]) -> None:
    args = [
        str(bin_dir / "pyflyte-map-execute"),
        "--inputs", inputs,
        "--output-prefix", str(out),
        "--raw-output-data-prefix", str(out / "raw"),
        "--checkpoint-path", str(out / "checkpoint"),
        "--prev-checkpoint", '""',
        "--resolver", "flytekit.core.array_node_map_task.ArrayNodeMapTaskResolver",
        "--", "vars", bound, "resolver", "flytekit.core.python_auto_container.default_task_resolver",
        "task-module", "runtime_flows.maps", "task-name", task,
    ]  # fmt: skip
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BATCH_JOB_") and k != "PYTHONPATH"}
    result = subprocess.run(
        args, cwd=FLOWS, env={**clean, **env}, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"{bin_dir}: {result.stdout}\n{result.stderr}"


def _error(path: Path) -> tuple[str, int, int, str]:
    doc = errors_pb2.ErrorDocument()
    doc.ParseFromString(path.read_bytes())
    return (
        doc.error.code,
        doc.error.kind,
        doc.error.origin,
        doc.error.message.rsplit("Message:", 1)[-1].strip(),
    )


CASES: dict[str, tuple[str, str, dict[str, Any], dict[str, Any], dict[str, str]]] = {
    "offset_plus_index": ("square", "", {"x": [1, 2, 3]}, {"x": list[int]}, {"OFFSET": "1", "IDX": "1"}),
    "no_index_variable": ("square", "", {"x": [5, 6]}, {"x": list[int]}, {}),
    "bound_scalar": (
        "scale",
        "factor",
        {"x": [1, 2], "factor": 5},
        {"x": list[int], "factor": int},
        {"IDX": "1"},
    ),
    "optional_element": ("describe", "", {"x": [None, 4]}, {"x": list[int | None]}, {"IDX": "0"}),
    "no_outputs": ("silent", "", {"x": [7]}, {"x": list[int]}, {"IDX": "0"}),
    "user_error": ("fragile", "", {"x": [1, 3]}, {"x": list[int]}, {"IDX": "1"}),
    "index_out_of_range": ("square", "", {"x": [1]}, {"x": list[int]}, {"IDX": "4"}),
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case run by both entry points (concurrently: each run is mostly interpreter start-up)."""
    root = tmp_path_factory.mktemp("map-execute")
    reference = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).root / "bin"
    jobs = []
    for case, (task, bound, values, types, index) in CASES.items():
        inputs = _write_inputs(root / f"{case}.pb", values, types)
        env = {}
        if "IDX" in index:
            env = {"BATCH_JOB_ARRAY_INDEX_VAR_NAME": "MY_INDEX", "MY_INDEX": index["IDX"]}
        if "OFFSET" in index:
            env["BATCH_JOB_ARRAY_INDEX_OFFSET"] = index["OFFSET"]
        for side, bin_dir in (("reference", reference), ("ours", OURS)):
            jobs.append((bin_dir, task, bound, inputs, root / case / side, env))
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for future in [pool.submit(_map_execute, *job) for job in jobs]:
            future.result()
    return root


@pytest.mark.parametrize("case", sorted(CASES))
def test_map_execute_writes_what_flytekit_writes(case: str, runs: Path) -> None:
    reference, ours = runs / case / "reference", runs / case / "ours"
    written = sorted(p.name for p in reference.iterdir() if p.suffix == ".pb")
    assert sorted(p.name for p in ours.iterdir() if p.suffix == ".pb") == written
    for name in written:
        if name == "error.pb":
            assert _error(ours / name) == _error(reference / name)
        else:
            assert (ours / name).read_bytes() == (reference / name).read_bytes()


def test_map_execute_of_a_dataclass_with_a_bound_dict(tmp_path: Path) -> None:
    inputs = _write_inputs(
        tmp_path / "inputs.pb",
        {"p": [_point(1, 2), _point(3, 4)], "by": 10, "tags": {"a": ["x"], "b": []}},
        {"p": list[type(_point(0, 0))], "by": int, "tags": dict[str, list[str]]},  # type: ignore[misc]
    )
    env = {"BATCH_JOB_ARRAY_INDEX_VAR_NAME": "I", "I": "1"}
    reference = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for future in [
            pool.submit(
                _map_execute, reference.root / "bin", "shift", "by,tags", inputs, tmp_path / "reference", env
            ),
            pool.submit(_map_execute, OURS, "shift", "by,tags", inputs, tmp_path / "ours", env),
        ]:
            future.result()
    expected = (tmp_path / "reference" / "outputs.pb").read_bytes()
    assert (tmp_path / "ours" / "outputs.pb").read_bytes() == expected
