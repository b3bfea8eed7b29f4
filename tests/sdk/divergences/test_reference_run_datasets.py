"""``pyflyte run`` with structured-dataset inputs from the command line, against flytekit 1.16.31.

A parquet file or a folder of parquet parts, given as a local path, reaches a task declared with
``StructuredDataset`` or ``pd.DataFrame`` (and a workflow) exactly as with the reference.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reference.venvs import REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS, ensure_venv

pytestmark = pytest.mark.integration

FLOWS = Path(__file__).parent / "run_flows" / "divergences_datasets.py"
RUNS = [
    ("count_rows", "--ds", "table.parquet"),
    ("count_rows", "--ds", "parts"),
    ("rows_of", "--ds", "table.parquet"),
    ("column_total", "--df", "table.parquet"),
    ("column_total", "--df", "parts"),
]


def _data(work: Path) -> None:
    pandas = pytest.importorskip("pandas")
    pandas.DataFrame({"a": [1, 2, 3]}).to_parquet(work / "table.parquet")
    (work / "parts").mkdir()
    pandas.DataFrame({"a": [4, 5]}).to_parquet(work / "parts" / "00000")
    pandas.DataFrame({"a": [6]}).to_parquet(work / "parts" / "00001")


def _run(bin_dir: Path, work: Path, args: tuple[str, ...]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLYTE", "PYTHONPATH", "VIRTUAL_ENV"))}
    env.update(HOME=str(work / "home"), COLUMNS="200")
    result = subprocess.run(
        [str(bin_dir / "pyflyte"), "run", FLOWS.name, *args],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, f"{bin_dir} {args}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("args", RUNS, ids=["-".join(a) for a in RUNS])
def test_dataset_inputs_from_the_command_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    _data(tmp_path)
    shutil.copy(FLOWS, tmp_path / FLOWS.name)
    reference = ensure_venv(REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS).python.parent
    assert _run(Path(sys.executable).parent, tmp_path, args) == _run(reference, tmp_path, args)


def test_missing_local_dataset_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copy(FLOWS, tmp_path / FLOWS.name)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyflyte"),
            "run",
            FLOWS.name,
            "count_rows",
            "--ds",
            "nope.parquet",
        ],
        cwd=tmp_path,
        env={**os.environ, "HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "local dataset 'nope.parquet' does not exist" in result.stderr
