"""The reference ``pyflyte`` 1.16.31 against our platform: ``launchplan``, ``get launchplan``,
``execution relaunch`` and ``fetch`` work unchanged (wire compatibility of the admin side)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.reference.venvs import ensure_venv
from tests.sdk.remote.platform import DOMAIN, HELLO, PROJECT, RunningPlatform, UserProject

pytestmark = pytest.mark.integration


def test_reference_pyflyte_operates_our_platform(
    platform: RunningPlatform, user_project: UserProject, tmp_path: Path
) -> None:
    remote = platform.admin.remote()
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    workflow = remote.register_script(module.wf, source_path=str(user_project.root), version="refcli")
    done = remote.execute(workflow, inputs={"name": "ref"}, execution_name="refcli", wait=True)
    assert done.is_successful, done.error
    config = str(platform.admin.write_config_file(tmp_path))
    pyflyte = str(ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).bin("pyflyte"))
    name = f"{user_project.module_name('hello')}.wf"

    def run(*args: str) -> str:
        result = subprocess.run(
            [pyflyte, "-c", config, *args], capture_output=True, text=True, timeout=120, cwd=tmp_path
        )
        assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
        return " ".join(result.stdout.split())

    assert f"Launchplan was set to ACTIVE: {name}:refcli" in run("launchplan", "--activate", name, "refcli")
    assert name in run("get", "launchplan", "--active-only", "-p", PROJECT, "-d", DOMAIN)
    assert "Launched execution" in run("execution", "--execution-id", "refcli", "relaunch")
    fetched = run("fetch", f"flyte://v1/{PROJECT}/{DOMAIN}/refcli/n0/o")
    assert "hello ref hello ref" in fetched
    relaunched = [
        e for e in remote.recent_executions(limit=20) if e.spec.metadata.reference_execution.name == "refcli"
    ]
    assert len(relaunched) == 1
    assert relaunched[0].id.project == PROJECT
