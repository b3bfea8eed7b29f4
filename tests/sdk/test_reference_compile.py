"""Our compiler against the reference flytekit 1.16.31: the same workflow packages give the same protos.

Both sides serialize ``reference_flows/compile_flows`` in their own fresh interpreter: the
reference with ``pyflyte --pkgs compile_flows package`` in its isolated venv, ours with the same
command of our CLI. The files must match one to one (names and order) and every message must be
byte-identical after normalizing what is allowed to differ: the SDK version in task metadata and the
order of ``upstream_node_ids`` (flytekit builds that list from a set).
"""

from __future__ import annotations

import difflib
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from google.protobuf import text_format
from google.protobuf.message import Message

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from tests.reference.venvs import ensure_venv

pytestmark = pytest.mark.integration

FLOWS = Path(__file__).parent / "reference_flows"
IMAGES = ["myreg/img:1", "special=ghcr.io/x/special:2"]
ENV = ["E1=x", "E2=y"]
KINDS: dict[str, type[Message]] = {
    "1": task_pb2.TaskSpec,
    "2": workflow_pb2.WorkflowSpec,
    "3": launch_plan_pb2.LaunchPlan,
}


def _reference_package(tmp_path: Path, fast: bool) -> Path:
    venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    archive = tmp_path / "reference.tgz"
    args = [str(venv.bin("pyflyte")), "--pkgs", "compile_flows", "package", "-o", str(archive), "-f"]
    for image in IMAGES:
        args += ["--image", image]
    if fast:
        args += ["--copy", "all", "-d", "/app"]
    else:
        for env in ENV:
            args += ["--env", env]
    result = subprocess.run(args, cwd=FLOWS, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"reference pyflyte package failed:\n{result.stdout}\n{result.stderr}"
    out = tmp_path / "reference"
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    return out


def _our_package(tmp_path: Path, fast: bool) -> Path:
    """Our ``pyflyte --pkgs compile_flows package`` with the same flags as the reference's."""
    archive = tmp_path / "ours.tgz"
    args = [str(Path(sys.executable).parent / "pyflyte"), "--pkgs", "compile_flows", "package"]
    args += ["-o", str(archive), "-f"]
    for image in IMAGES:
        args += ["--image", image]
    if fast:
        args += ["--copy", "all", "-d", "/app"]
    else:
        for env in ENV:
            args += ["--env", env]
    result = subprocess.run(args, cwd=FLOWS, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"our pyflyte package failed:\n{result.stdout}\n{result.stderr}"
    out = tmp_path / "ours"
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    return out


def _normalize_nodes(nodes: list[core_workflow_pb2.Node]) -> None:
    for node in nodes:
        ids = sorted(node.upstream_node_ids)
        del node.upstream_node_ids[:]
        node.upstream_node_ids.extend(ids)


def _load(path: Path) -> Message:
    message = KINDS[path.stem.rsplit("_", 1)[1]]()
    message.ParseFromString(path.read_bytes())
    if isinstance(message, task_pb2.TaskSpec):
        message.template.metadata.runtime.version = ""
    if isinstance(message, workflow_pb2.WorkflowSpec):
        _normalize_nodes(list(message.template.nodes))
        for sub in message.sub_workflows:
            _normalize_nodes(list(sub.nodes))
    return message


def _compare(reference: Path, ours: Path) -> None:
    ref_files = sorted(p.name for p in reference.glob("*.pb"))
    our_files = sorted(p.name for p in ours.glob("*.pb"))
    assert our_files == ref_files, "entity files differ:\n" + "\n".join(
        difflib.unified_diff(ref_files, our_files)
    )
    problems = []
    for name in ref_files:
        expected, actual = _load(reference / name), _load(ours / name)
        if expected.SerializeToString(deterministic=True) != actual.SerializeToString(deterministic=True):
            diff = difflib.unified_diff(
                text_format.MessageToString(expected).splitlines(),
                text_format.MessageToString(actual).splitlines(),
                "reference/" + name,
                "ours/" + name,
                lineterm="",
            )
            problems.append("\n".join(diff))
    assert not problems, "\n\n".join(problems)


def test_package_matches_reference_flytekit(tmp_path: Path) -> None:
    _compare(_reference_package(tmp_path, fast=False), _our_package(tmp_path, fast=False))


def test_fast_package_matches_reference_flytekit(tmp_path: Path) -> None:
    _compare(_reference_package(tmp_path, fast=True), _our_package(tmp_path, fast=True))
