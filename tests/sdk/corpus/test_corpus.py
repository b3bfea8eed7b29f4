"""The compatibility corpus: user scripts give the same results with our flytekit and flytekit 1.16.31.

Every module of ``corpus_flows`` is ordinary flytekit user code with a ``CASES`` table of local
runs. ``run_cases.py`` runs the whole table in a fresh interpreter of each SDK (the reference in an
isolated venv with the same pandas/pyarrow/numpy/pydantic versions as ours), with an empty HOME so
both start from an empty local cache; every case must give the same canonical value or raise the
same exception type. Then ``pyflyte --pkgs corpus_flows package`` on both sides must produce the
same protos.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reference.venvs import REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS, ReferenceVenv, ensure_venv
from tests.sdk.packages import compare, our_pyflyte, package, reference_pyflyte

pytestmark = pytest.mark.integration

HERE = Path(__file__).parent
RUNNER = HERE / "run_cases.py"
IMAGES = ["myreg/corpus:1", "other=ghcr.io/x/other:2"]


def _clean_env(home: Path, bin_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FLYTE", "_F_", "PYTHONPATH", "VIRTUAL_ENV")) and k != "HOME"
    }
    home.mkdir(parents=True, exist_ok=True)
    env["HOME"] = str(home)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


def _run_cases(python: Path, tmp: Path) -> dict[str, Any]:
    out = tmp / "results.json"
    result = subprocess.run(
        [str(python), str(RUNNER), str(out)],
        cwd=HERE,
        env=_clean_env(tmp / "home", python.parent),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, (
        f"{python} run_cases failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    cases: dict[str, Any] = json.loads(out.read_text())
    return cases


@pytest.fixture(scope="module")
def reference_venv() -> ReferenceVenv:
    return ensure_venv(REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS)


@pytest.fixture(scope="module")
def reference_results(
    reference_venv: ReferenceVenv, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    return _run_cases(reference_venv.python, tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def our_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _run_cases(Path(sys.executable), tmp_path_factory.mktemp("ours"))


def _same(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    """Same value, or an exception that ``except <the reference's class>`` catches (messages are ours)."""
    if "error" in expected:
        return expected["error"] in actual.get("mro", [])
    return "error" not in actual and expected["value"] == actual["value"]


def test_reference_loads_every_module(reference_results: dict[str, Any]) -> None:
    broken = {k: v["detail"] for k, v in reference_results.items() if k.endswith(":<import>")}
    assert not broken, f"the reference cannot import corpus modules: {broken}"


def test_same_results_as_reference(reference_results: dict[str, Any], our_results: dict[str, Any]) -> None:
    assert sorted(our_results) == sorted(reference_results)
    mismatched = {
        case: {"reference": expected, "ours": our_results[case]}
        for case, expected in reference_results.items()
        if not _same(expected, our_results[case])
    }
    assert not mismatched, json.dumps(mismatched, indent=1)


def test_package_matches_reference(reference_venv: ReferenceVenv, tmp_path: Path) -> None:
    flags = [arg for image in IMAGES for arg in ("--image", image)]
    reference = package(
        reference_pyflyte(reference_venv), HERE, "corpus_flows", tmp_path / "reference", flags
    )
    ours = package(our_pyflyte(), HERE, "corpus_flows", tmp_path / "ours", flags, timeout=180)
    workflows = sorted(p.name for p in reference.glob("*_2.pb"))
    assert len(workflows) >= 40, f"the corpus should hold at least 40 workflows; it has {len(workflows)}"
    compare(reference, ours)
