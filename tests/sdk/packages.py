"""Compare two ``pyflyte package`` archives: ours and the reference flytekit's, entity by entity.

Both sides serialize the same workflow package in their own fresh interpreter. The archives must
hold the same files (names and order) and every message must be byte-identical after normalizing
what is allowed to differ: the SDK version in task metadata and the order of ``upstream_node_ids``
(flytekit builds that list from a set).
"""

from __future__ import annotations

import difflib
import subprocess
import sys
import tarfile
from pathlib import Path

from google.protobuf import text_format
from google.protobuf.message import Message

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from tests.reference.venvs import ReferenceVenv

KINDS: dict[str, type[Message]] = {
    "1": task_pb2.TaskSpec,
    "2": workflow_pb2.WorkflowSpec,
    "3": launch_plan_pb2.LaunchPlan,
}


def package(pyflyte: Path, cwd: Path, pkg: str, out: Path, flags: list[str], timeout: float = 300) -> Path:
    """Run ``pyflyte --pkgs PKG package`` with ``flags`` in ``cwd``; extract the archive into ``out``."""
    archive = out.with_suffix(".tgz")
    args = [str(pyflyte), "--pkgs", pkg, "package", "-o", str(archive), "-f", *flags]
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{pyflyte} package failed:\n{result.stdout}\n{result.stderr}"
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    return out


def reference_pyflyte(venv: ReferenceVenv) -> Path:
    return venv.bin("pyflyte")


def our_pyflyte() -> Path:
    return Path(sys.executable).parent / "pyflyte"


def _normalize_nodes(nodes: list[core_workflow_pb2.Node]) -> None:
    for node in nodes:
        ids = sorted(node.upstream_node_ids)
        del node.upstream_node_ids[:]
        node.upstream_node_ids.extend(ids)


def load(path: Path) -> Message:
    """Parse one entity file of an extracted package, normalized for comparison."""
    message = KINDS[path.stem.rsplit("_", 1)[1]]()
    message.ParseFromString(path.read_bytes())
    if isinstance(message, task_pb2.TaskSpec):
        message.template.metadata.runtime.version = ""
    if isinstance(message, workflow_pb2.WorkflowSpec):
        _normalize_nodes(list(message.template.nodes))
        for sub in message.sub_workflows:
            _normalize_nodes(list(sub.nodes))
    return message


def compare(reference: Path, ours: Path) -> None:
    """Assert both extracted packages hold the same files with equal normalized messages."""
    ref_files = sorted(p.name for p in reference.glob("*.pb"))
    our_files = sorted(p.name for p in ours.glob("*.pb"))
    assert our_files == ref_files, "entity files differ:\n" + "\n".join(
        difflib.unified_diff(ref_files, our_files, lineterm="")
    )
    problems = []
    for name in ref_files:
        expected, actual = load(reference / name), load(ours / name)
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
