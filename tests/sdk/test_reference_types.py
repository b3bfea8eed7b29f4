"""Our type engine against the reference flytekit 1.16.31: same literal types and literals, byte for byte.

Both interpreters run ``type_cases_driver.py`` over the same table of Python types and values
(unions, enums, dataclasses, untyped dicts); every literal type, literal and error class must match.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reference.venvs import ensure_venv
from tests.sdk.type_cases_driver import CASES

pytestmark = pytest.mark.integration

DRIVER = Path(__file__).parent / "type_cases_driver.py"


def _run(python: str) -> dict[str, Any]:
    result = subprocess.run(
        [python, str(DRIVER)], cwd=DRIVER.parent, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"{python} failed:\n{result.stdout}\n{result.stderr}"
    cases: dict[str, Any] = json.loads(result.stdout)
    return cases


@pytest.fixture(scope="module")
def reference_cases() -> dict[str, Any]:
    venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    return _run(str(venv.bin("python")))


@pytest.fixture(scope="module")
def our_cases() -> dict[str, Any]:
    return _run(sys.executable)


def test_same_cases(reference_cases: dict[str, Any], our_cases: dict[str, Any]) -> None:
    assert sorted(our_cases) == sorted(reference_cases)


@pytest.mark.parametrize("case", [name for name, _, _ in CASES])
def test_case_byte_identical(case: str, reference_cases: dict[str, Any], our_cases: dict[str, Any]) -> None:
    assert our_cases[case] == reference_cases[case]
