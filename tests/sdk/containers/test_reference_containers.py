"""The containers corpus and pod templates against flytekit 1.16.31: same protos, same local results.

Each side runs in its own interpreter: ``pyflyte --pkgs <pkg> package`` (protos compared after
normalizing the SDK version and the order of upstream node ids), and a driver that runs every
corpus case and prints canonical JSON. Pod templates need the ``kubernetes`` package, so they are
compiled with a reference venv that has it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from google.protobuf import text_format
from google.protobuf.message import Message

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from tests.reference.venvs import ensure_venv

pytestmark = pytest.mark.integration

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus" / "corpus_flows"
MODULES = sorted(p.stem for p in CORPUS.glob("containers_*.py"))
KINDS: dict[str, type[Message]] = {
    "1": task_pb2.TaskSpec,
    "2": workflow_pb2.WorkflowSpec,
    "3": launch_plan_pb2.LaunchPlan,
}
OURS = Path(sys.executable).parent


def _corpus_copy(tmp_path: Path) -> Path:
    """Only our modules, as a package of their own (the shared corpus holds other areas too)."""
    root = tmp_path / "src"
    pkg = root / "corpus_flows"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for name in MODULES:
        shutil.copy(CORPUS / f"{name}.py", pkg / f"{name}.py")
    return root


def _package(bin_dir: Path, pkg: str, cwd: Path, out: Path, extra: list[str]) -> dict[str, str]:
    archive = out.with_suffix(".tgz")
    args = [
        str(bin_dir / "pyflyte"),
        "--pkgs",
        pkg,
        "package",
        "-o",
        str(archive),
        "-f",
        "--image",
        "myreg/img:1",
    ]
    result = subprocess.run([*args, *extra], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{bin_dir} pyflyte package failed:\n{result.stdout}\n{result.stderr}"
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    texts = {}
    for path in out.glob("*.pb"):
        message = KINDS[path.name[-4]]()
        message.ParseFromString(path.read_bytes())
        if isinstance(message, task_pb2.TaskSpec):
            message.template.metadata.runtime.version = ""
        if isinstance(message, workflow_pb2.WorkflowSpec):
            for node in message.template.nodes:
                ids = sorted(node.upstream_node_ids)
                del node.upstream_node_ids[:]
                node.upstream_node_ids.extend(ids)
        texts[path.name] = text_format.MessageToString(message)
    return texts


def _assert_same(ref: dict[str, str], ours: dict[str, str]) -> None:
    assert sorted(ours) == sorted(ref)
    for name in ref:
        assert ours[name] == ref[name], name


@pytest.mark.parametrize("extra", [[], ["--copy", "all", "-d", "/app"]], ids=["plain", "fast"])
def test_corpus_compiles_like_flytekit(tmp_path: Path, extra: list[str]) -> None:
    src = _corpus_copy(tmp_path)
    ref_venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    ref = _package(ref_venv.bin("pyflyte").parent, "corpus_flows", src, tmp_path / "ref", extra)
    ours = _package(OURS, "corpus_flows", src, tmp_path / "ours", extra)
    assert len(ref) > 40
    _assert_same(ref, ours)


DRIVER = """
import asyncio, importlib, json, os, sys
sys.path.insert(0, sys.argv[1])

def canon(v):
    if isinstance(v, (list, tuple)):
        return [canon(x) for x in v]
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    if type(v).__name__ == "FlyteFile":
        return {"file": open(v.path).read()}
    if type(v).__name__ == "FlyteDirectory":
        return {"dir": sorted((f, open(os.path.join(v.path, f)).read()) for f in os.listdir(v.path))}
    if isinstance(v, (int, float, str, bool, type(None))):
        return v
    return repr(v)

results = {}
for name in sys.argv[2:]:
    for case, fn in importlib.import_module("corpus_flows." + name).CASES.items():
        try:
            value = fn()
            if asyncio.iscoroutine(value):
                value = asyncio.run(value)
            results[name + ":" + case] = canon(value)
        except Exception as exc:
            results[name + ":" + case] = "error:" + type(exc).__name__
print("RESULTS" + json.dumps(results, sort_keys=True))
"""


def _run_cases(python: Path, src: Path, tmp_path: Path) -> dict[str, object]:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    result = subprocess.run(
        [str(python), str(driver), str(src), *MODULES],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("RESULTS")]
    assert line, f"{python} driver failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    decoded: dict[str, object] = json.loads(line[0][len("RESULTS") :])
    return decoded


def test_corpus_runs_like_flytekit(tmp_path: Path) -> None:
    src = _corpus_copy(tmp_path)
    ref = _run_cases(ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).python, src, tmp_path)
    ours = _run_cases(Path(sys.executable), src, tmp_path)
    assert ours == ref
    assert ours["containers_shell:shell_failing"] == "error:FlyteRecoverableException"


def test_pod_templates_compile_like_flytekit(tmp_path: Path) -> None:
    ref_venv = ensure_venv("flytekit-1.16.31-k8s", ["flytekit==1.16.31", "kubernetes==37.0.1"])
    src = HERE / "pod_flows"
    ref = _package(ref_venv.bin("pyflyte").parent, "containers_pods", src, tmp_path / "ref", [])
    ours = _package(OURS, "containers_pods", src, tmp_path / "ours", [])
    _assert_same(ref, ours)
    assert any("k8s_pod" in text for text in ours.values())
