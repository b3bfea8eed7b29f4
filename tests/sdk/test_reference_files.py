"""FlyteFile / FlyteDirectory against the reference flytekit 1.16.31: same literal types and literals.

Both interpreters run ``file_cases_driver.py`` in their own scratch folder; uploaded URIs are
normalised to ``RAW/<HASH>/<basename>`` so the random part does not count.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reference.venvs import ensure_venv
from tests.sdk.file_cases_driver import CASES

pytestmark = pytest.mark.integration

DRIVER = Path(__file__).parent / "file_cases_driver.py"
REPO = Path(__file__).parents[2]


def _run(python: str, cwd: Path) -> dict[str, Any]:
    cwd.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [python, str(DRIVER)], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"{python} failed:\n{result.stdout}\n{result.stderr}"
    cases: dict[str, Any] = json.loads(result.stdout)
    return cases


@pytest.fixture(scope="module")
def reference_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    return _run(str(venv.bin("python")), tmp_path_factory.mktemp("ref") / "run")


@pytest.fixture(scope="module")
def our_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _run(sys.executable, tmp_path_factory.mktemp("ours") / "run")


def test_same_cases(reference_cases: dict[str, Any], our_cases: dict[str, Any]) -> None:
    assert sorted(our_cases) == sorted(reference_cases) == sorted(name for name, _, _ in CASES)


@pytest.mark.parametrize("case", [name for name, _, _ in CASES])
def test_case_byte_identical(case: str, reference_cases: dict[str, Any], our_cases: dict[str, Any]) -> None:
    assert our_cases[case] == reference_cases[case]
