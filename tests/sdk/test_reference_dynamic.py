"""Dynamic and eager tasks against the reference flytekit 1.16.31: packages and run-time job specs.

``reference_flows/dynamic_flows`` is packaged by both SDKs (plain and fast) and must give the same
protos. Then each dynamic task runs under both SDKs' ``pyflyte-execute`` with the same inputs, the
same ``_F_SS_C`` (taken from the reference's package) and the same execution variables: both must
write the same file, and ``futures.pb`` (a DynamicJobSpec) / ``outputs.pb`` must be identical after
the normalization the package comparison uses (SDK version, order of upstream node ids).
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import text_format
from google.protobuf.message import Message

from flyteidl.admin import task_pb2
from flyteidl.core import dynamic_job_pb2, literals_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from flytekit.configuration import SERIALIZED_CONTEXT_ENV_VAR
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from tests.reference.venvs import ReferenceVenv, ensure_venv
from tests.sdk.packages import compare, our_pyflyte, package, reference_pyflyte

pytestmark = pytest.mark.integration

FLOWS = Path(__file__).parent / "reference_flows"
IMAGES = ["--image", "myreg/img:1", "--image", "special=ghcr.io/x/special:2"]
RESOLVER = "flytekit.core.python_auto_container.default_task_resolver"
EXECUTION_ENV = {
    "FLYTE_INTERNAL_EXECUTION_PROJECT": "flytesnacks",
    "FLYTE_INTERNAL_EXECUTION_DOMAIN": "development",
    "FLYTE_INTERNAL_EXECUTION_ID": "abc123",
    "FLYTE_INTERNAL_TASK_PROJECT": "flytesnacks",
    "FLYTE_INTERNAL_TASK_DOMAIN": "development",
    "FLYTE_INTERNAL_TASK_VERSION": "v7",
}


@pytest.fixture(scope="module")
def reference_venv() -> ReferenceVenv:
    return ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])


@pytest.fixture(scope="module")
def reference_packages(
    reference_venv: ReferenceVenv, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("reference-packages")
    flags = {"plain": [*IMAGES, "--env", "E1=x"], "fast": [*IMAGES, "--copy", "all", "-d", "/app"]}
    return {
        kind: package(reference_pyflyte(reference_venv), FLOWS, "dynamic_flows", tmp / kind, extra)
        for kind, extra in flags.items()
    }


@pytest.mark.parametrize("kind", ["plain", "fast"])
def test_package_matches_reference(reference_packages: dict[str, Path], tmp_path: Path, kind: str) -> None:
    extra = [*IMAGES, "--env", "E1=x"] if kind == "plain" else [*IMAGES, "--copy", "all", "-d", "/app"]
    ours = package(our_pyflyte(), FLOWS, "dynamic_flows", tmp_path / "ours", extra, timeout=120)
    compare(reference_packages[kind], ours)


def _serialized_context(package_dir: Path, task_name: str) -> str:
    (path,) = package_dir.glob(f"*_dynamic_flows.flows.{task_name}_1.pb")
    spec = task_pb2.TaskSpec()
    spec.ParseFromString(path.read_bytes())
    return next(e.value for e in spec.template.container.env if e.key == SERIALIZED_CONTEXT_ENV_VAR)


def _execute(
    bin_dir: Path, task_name: str, inputs: Path, out: Path, env: dict[str, str], extra: list[str]
) -> str:
    args = [
        str(bin_dir / "pyflyte-execute"), *extra,
        "--inputs", str(inputs), "--output-prefix", str(out), "--raw-output-data-prefix", str(out / "raw"),
        "--resolver", RESOLVER, "--", "task-module", "dynamic_flows.flows", "task-name", task_name,
    ]  # fmt: skip
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FLYTE", "_F_", "VIRTUAL_ENV"))}
    result = subprocess.run(
        args, cwd=FLOWS, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{bin_dir} pyflyte-execute failed:\n{result.stdout}\n{result.stderr}"
    written = sorted(p.name for p in out.glob("*.pb"))
    assert len(written) == 1, f"{bin_dir}: expected one output file, got {written}\n{result.stderr}"
    return written[0]


def _normalize(nodes: Any) -> None:
    for node in nodes:
        ids = sorted(node.upstream_node_ids)
        del node.upstream_node_ids[:]
        node.upstream_node_ids.extend(ids)
        if node.HasField("branch_node"):
            if_else = node.branch_node.if_else
            inner = [if_else.case.then_node, *(o.then_node for o in if_else.other)]
            if if_else.HasField("else_node"):
                inner.append(if_else.else_node)
            _normalize(inner)


def _load(path: Path) -> Message:
    message: Message
    if path.name == "futures.pb":
        spec = dynamic_job_pb2.DynamicJobSpec()
        spec.ParseFromString(path.read_bytes())
        for template in spec.tasks:
            template.metadata.runtime.version = ""
        _normalize(spec.nodes)
        for sub in spec.subworkflows:
            _normalize(sub.nodes)
        message = spec
    else:
        message = literals_pb2.LiteralMap()
        message.ParseFromString(path.read_bytes())
    return message


# (task, inputs, fast): fast runs get --dynamic-addl-distro, so the compiled tasks are fast too.
CASES = [
    ("squares", {"n": 3}, False),
    ("squares", {"n": 0}, False),
    ("mixed", {"n": 2}, False),
    ("mixed", {"n": 0}, True),
    ("nested", {"n": 2}, False),
    ("nested", {"n": 1}, True),
    ("constant", {"n": 2}, False),
    ("points", {"n": 2}, False),
]


@pytest.mark.parametrize(
    ("task_name", "values", "fast"), CASES, ids=[f"{t}-{v['n']}{'-fast' if f else ''}" for t, v, f in CASES]
)
def test_runtime_job_spec_matches_reference(
    reference_venv: ReferenceVenv,
    reference_packages: dict[str, Path],
    tmp_path: Path,
    task_name: str,
    values: dict[str, int],
    fast: bool,
) -> None:
    inputs = tmp_path / "inputs.pb"
    ctx = FlyteContextManager.current_context()
    inputs.write_bytes(TypeEngine.dict_to_literal_map(ctx, values, {"n": int}).SerializeToString())
    package_dir = reference_packages["fast" if fast else "plain"]
    env = {
        **EXECUTION_ENV,
        "FLYTE_INTERNAL_TASK_NAME": f"dynamic_flows.flows.{task_name}",
        SERIALIZED_CONTEXT_ENV_VAR: _serialized_context(package_dir, task_name),
    }
    extra = (
        ["--dynamic-addl-distro", "s3://bucket/fastabc.tar.gz", "--dynamic-dest-dir", "/app"] if fast else []
    )
    expected_name = _execute(
        reference_venv.root / "bin", task_name, inputs, tmp_path / "reference", env, extra
    )
    actual_name = _execute(Path(sys.executable).parent, task_name, inputs, tmp_path / "ours", env, extra)
    assert actual_name == expected_name
    expected = _load(tmp_path / "reference" / expected_name)
    actual = _load(tmp_path / "ours" / actual_name)
    if expected.SerializeToString(deterministic=True) != actual.SerializeToString(deterministic=True):
        diff = difflib.unified_diff(
            text_format.MessageToString(expected).splitlines(),
            text_format.MessageToString(actual).splitlines(),
            "reference",
            "ours",
            lineterm="",
        )
        pytest.fail("\n".join(diff))


def test_branch_nodes_are_normalized_too() -> None:
    node = core_workflow_pb2.Node(id="dn0", upstream_node_ids=["b", "a"])
    node.branch_node.if_else.case.then_node.upstream_node_ids.extend(["z", "y"])
    _normalize([node])
    assert list(node.upstream_node_ids) == ["a", "b"]
    assert list(node.branch_node.if_else.case.then_node.upstream_node_ids) == ["y", "z"]
