"""Node-level pod templates against flytekit 1.16.31: equal protos (plain and fast) and local results.

Pod templates need the ``kubernetes`` package, so the reference runs from the venv that has it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from flyteidl.admin import workflow_pb2
from tests.reference.venvs import ensure_venv
from tests.sdk.divergences.cases import run_module_cases
from tests.sdk.packages import compare, our_pyflyte, package

pytestmark = pytest.mark.integration

FLOWS = Path(__file__).parent / "pod_flows"
MODULE = "divergences_pod_overrides"


def _reference_bin() -> Path:
    return ensure_venv("flytekit-1.16.31-k8s", ["flytekit==1.16.31", "kubernetes==37.0.1"]).bin("pyflyte")


@pytest.mark.parametrize("extra", [[], ["--fast"]], ids=["plain", "fast"])
def test_pod_overrides_compile_like_flytekit(tmp_path: Path, extra: list[str]) -> None:
    flags = ["--image", "myreg/img:1", *extra]
    reference = package(_reference_bin(), FLOWS, MODULE, tmp_path / "reference", flags)
    ours = package(our_pyflyte(), FLOWS, MODULE, tmp_path / "ours", flags)
    compare(reference, ours)
    spec = workflow_pb2.WorkflowSpec()
    spec.ParseFromString(next(ours.glob("*_divergences_pod_overrides.wf_2.pb")).read_bytes())
    assert spec.template.nodes[0].task_node.overrides.pod_template.primary_container_name == "primary"


def test_pod_overrides_run_locally_like_flytekit(tmp_path: Path) -> None:
    reference_python = _reference_bin().parent / "python"
    expected = run_module_cases(reference_python, FLOWS / f"{MODULE}.py", tmp_path / "reference")
    actual = run_module_cases(Path(sys.executable), FLOWS / f"{MODULE}.py", tmp_path / "ours")
    assert actual == expected
    assert all("value" in result for result in actual.values()), actual
