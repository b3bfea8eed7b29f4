"""Dataframes and arrays against the reference flytekit 1.16.31: same literal types, literals and files,
and each SDK reads what the other wrote.

Both interpreters run ``dataframe_cases_driver.py write`` in their own scratch folder (raw outputs
under it; random names normalised), then ``read`` over the other's literals.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reference.venvs import REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS, ensure_venv
from tests.sdk.dataframe_cases_driver import CASES

pytestmark = pytest.mark.integration

DRIVER = Path(__file__).parent / "dataframe_cases_driver.py"
REPO = Path(__file__).parents[2]


def _run(python: str, cwd: Path, *args: str) -> dict[str, Any]:
    cwd.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [python, str(DRIVER), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{python} failed:\n{result.stdout}\n{result.stderr}"
    cases: dict[str, Any] = json.loads(
        (cwd / ("written.json" if args[0] == "write" else "read.json")).read_text()
    )
    return cases


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("dataframes")
    return {"reference": root / "reference", "ours": root / "ours"}


@pytest.fixture(scope="module")
def reference_python() -> str:
    return str(ensure_venv(REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS).python)


@pytest.fixture(scope="module")
def reference_cases(reference_python: str, folders: dict[str, Path]) -> dict[str, Any]:
    return _run(reference_python, folders["reference"], "write")


@pytest.fixture(scope="module")
def our_cases(folders: dict[str, Path]) -> dict[str, Any]:
    return _run(sys.executable, folders["ours"], "write")


def test_same_cases(reference_cases: dict[str, Any], our_cases: dict[str, Any]) -> None:
    assert sorted(our_cases) == sorted(reference_cases) == sorted(name for name, *_ in CASES)


@pytest.mark.parametrize("case", [name for name, *_ in CASES])
def test_case_identical(case: str, reference_cases: dict[str, Any], our_cases: dict[str, Any]) -> None:
    assert our_cases[case] == reference_cases[case]


def test_reference_reads_what_we_wrote(
    reference_python: str,
    folders: dict[str, Path],
    reference_cases: dict[str, Any],
    our_cases: dict[str, Any],
) -> None:
    read = _run(reference_python, folders["reference"], "read", str(folders["ours"] / "literals.json"))
    assert read, "no case was read back"
    for case, result in read.items():
        assert result == {k: v for k, v in reference_cases[case].items() if k in ("read", "read_error")}, case


def test_we_read_what_the_reference_wrote(
    folders: dict[str, Path], reference_cases: dict[str, Any], our_cases: dict[str, Any]
) -> None:
    read = _run(sys.executable, folders["ours"], "read", str(folders["reference"] / "literals.json"))
    assert read, "no case was read back"
    for case, result in read.items():
        assert result == {k: v for k, v in our_cases[case].items() if k in ("read", "read_error")}, case
