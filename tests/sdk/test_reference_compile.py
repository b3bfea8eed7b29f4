"""Our compiler against the reference flytekit 1.16.31: the same workflow packages give the same protos.

Both sides serialize ``reference_flows/compile_flows`` in their own fresh interpreter: the
reference with ``pyflyte --pkgs compile_flows package`` in its isolated venv, ours with the same
command of our CLI. The files must match one to one (names and order) and every message must be
byte-identical after normalizing what is allowed to differ: the SDK version in task metadata and the
order of ``upstream_node_ids`` (flytekit builds that list from a set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reference.venvs import ensure_venv
from tests.sdk.packages import compare, our_pyflyte, package, reference_pyflyte

pytestmark = pytest.mark.integration

FLOWS = Path(__file__).parent / "reference_flows"
IMAGES = ["myreg/img:1", "special=ghcr.io/x/special:2"]
ENV = ["E1=x", "E2=y"]


def _flags(fast: bool) -> list[str]:
    flags: list[str] = []
    for image in IMAGES:
        flags += ["--image", image]
    if fast:
        flags += ["--copy", "all", "-d", "/app"]
    else:
        for env in ENV:
            flags += ["--env", env]
    return flags


def _reference_package(tmp_path: Path, fast: bool) -> Path:
    venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    return package(reference_pyflyte(venv), FLOWS, "compile_flows", tmp_path / "reference", _flags(fast))


def _our_package(tmp_path: Path, fast: bool) -> Path:
    """Our ``pyflyte --pkgs compile_flows package`` with the same flags as the reference's."""
    return package(our_pyflyte(), FLOWS, "compile_flows", tmp_path / "ours", _flags(fast), timeout=120)


def test_package_matches_reference_flytekit(tmp_path: Path) -> None:
    compare(_reference_package(tmp_path, fast=False), _our_package(tmp_path, fast=False))


def test_fast_package_matches_reference_flytekit(tmp_path: Path) -> None:
    compare(_reference_package(tmp_path, fast=True), _our_package(tmp_path, fast=True))
