"""The wider type families against the reference flytekit 1.16.31: same literal types, literals,
read-back values and error classes (pickle fallback, typing.Literal, Annotated with FlyteAnnotation /
HashMethod / BatchSize, iterators, protobuf, restricted tuples, dicts with pickles, pydantic models).

Both interpreters run ``type_more_cases_driver.py``; the reference runs in the shared venv that has
pydantic (and the dataframe libraries) next to flytekit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reference.venvs import REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS, ensure_venv
from tests.sdk.type_more_cases_driver import CASES, MARKER

pytestmark = pytest.mark.integration

DRIVER = Path(__file__).parent / "type_more_cases_driver.py"


def _run(python: str, tmp: Path) -> dict[str, Any]:
    result = subprocess.run([python, str(DRIVER)], cwd=tmp, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"{python} failed:\n{result.stdout}\n{result.stderr}"
    cases: dict[str, Any] = json.loads(result.stdout.split(MARKER, 1)[1])
    return cases


@pytest.fixture(scope="module")
def reference_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    venv = ensure_venv(REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS)
    return _run(str(venv.python), tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def our_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _run(sys.executable, tmp_path_factory.mktemp("ours"))


def test_same_cases(reference_cases: dict[str, Any], our_cases: dict[str, Any]) -> None:
    assert sorted(our_cases) == sorted(reference_cases)
    assert len(our_cases) == len(CASES), "pydantic must be importable on both sides"


@pytest.mark.parametrize("case", [name for name, _, _ in CASES])
def test_case_identical(case: str, reference_cases: dict[str, Any], our_cases: dict[str, Any]) -> None:
    assert our_cases[case] == reference_cases[case]
