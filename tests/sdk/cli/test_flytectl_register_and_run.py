"""``flytectl register files`` of ``pyflyte package`` archives, ``create execution`` (exec files,
named entities, relaunch), and ``demo start|status|stop`` around a real ``flyte start``."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from flyteidl.core import identifier_pb2
from flytekit.clis.flytectl import main as flytectl
from flytekit.clis.pyflyte import main as pyflyte
from tests.sdk.remote.platform import DOMAIN, HELLO, PROJECT, RunningPlatform, UserProject

pytestmark = pytest.mark.integration

PD = ("-p", PROJECT, "-d", DOMAIN)


@pytest.fixture
def in_project(user_project: UserProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserProject]:
    monkeypatch.chdir(user_project.root)
    monkeypatch.delenv("FLYTECTL_CONFIG", raising=False)
    yield user_project


def _ok(command: object, *args: str) -> Result:
    result = CliRunner().invoke(command, list(args), catch_exceptions=False)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    return result


def test_register_a_fast_package_then_run_it_from_an_exec_file(
    in_project: UserProject, platform: RunningPlatform, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    package = tmp_path / "pkg.tgz"
    _ok(pyflyte, "-k", in_project.package, "package", "--copy", "auto", "-o", str(package))
    config = str(platform.admin.write_config_file(tmp_path))
    without_version = CliRunner().invoke(
        flytectl, ["-c", config, "register", "files", *PD, "--archive", str(package)]
    )
    assert without_version.exit_code == 2 and "--version" in without_version.output
    registered = _ok(
        flytectl, "-c", config, "register", "files", *PD, "--archive", "--version", "pk1", str(package)
    )
    name = in_project.module_name("hello")
    assert "Uploaded to" in registered.output and f"{name}.say" in registered.output
    assert registered.output.count("Successfully registered") == 4
    again = _ok(
        flytectl, "-c", config, "register", "files", *PD, "--archive", "--version", "pk1", str(package)
    )
    assert again.output.count("Already registered") == 4

    remote = platform.admin.remote()
    task = remote.fetch_task(name=f"{name}.say", version="pk1")
    args = list(task.template.container.args)
    assert args[2].startswith("file://") and "/fast" in args[2] and args[4] == "/root"

    exec_file = tmp_path / "exec.yaml"
    _ok(flytectl, "-c", config, "get", "launchplan", *PD, f"{name}.wf", "--execFile", str(exec_file))
    spec = yaml.safe_load(exec_file.read_text())
    assert spec["workflow"] == f"{name}.wf" and spec["version"] == "pk1"
    assert spec["inputs"] == {"name": "bob", "scale": 1.5, "times": 2, "xs": [1, 2, 3]}
    spec["inputs"]["name"] = "cat"
    exec_file.write_text(yaml.safe_dump(spec))
    created = _ok(flytectl, "-c", config, "create", "execution", *PD, "--execFile", str(exec_file))
    execution_name = created.output.strip().rsplit("name:", 1)[1]
    done = remote.wait(remote.fetch_execution(name=execution_name), timeout=90)
    assert done.is_successful, done.error
    assert done.outputs["o0"] == "hello cat hello cat"

    task_file = tmp_path / "task.yaml"
    _ok(flytectl, "-c", config, "get", "task", *PD, f"{name}.say", "--execFile", str(task_file))
    task_spec = yaml.safe_load(task_file.read_text())
    assert task_spec["task"] == f"{name}.say" and task_spec["inputs"] == {"name": "", "times": 0}

    named = _ok(
        flytectl, "-c", config, "create", "execution", *PD, "--task", f"{name}.say", "--version", "pk1",
        "--inputs", '{"name": "dog", "times": 1}', "--execName", "bytask",
    )  # fmt: skip
    assert named.output.strip().endswith("name:bytask")
    by_task = remote.wait(remote.fetch_execution(name="bytask"), timeout=90)
    assert by_task.outputs["o0"] == "hello dog"
    relaunched = _ok(flytectl, "-c", config, "create", "execution", *PD, "--relaunch", "bytask")
    new_name = relaunched.output.strip().rsplit("name:", 1)[1]
    record = remote.client.get_execution(
        identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name=new_name)
    )
    assert record.spec.metadata.reference_execution.name == "bytask"
    bad = CliRunner().invoke(
        flytectl,
        ["-c", config, "create", "execution", *PD, "--task", f"{name}.say", "--inputs", '{"nope": 1}'],
    )
    assert bad.exit_code == 2 and "has no input(s) nope" in bad.output


def test_register_loose_files_from_serialize_fills_placeholders(
    in_project: UserProject, platform: RunningPlatform, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    out = tmp_path / "out"
    out.mkdir()
    _ok(pyflyte, "-k", in_project.package, "serialize", "fast", "workflows", "-f", str(out))
    config = str(platform.admin.write_config_file(tmp_path))
    _ok(
        flytectl, "-c", config, "register", "files", *PD, "--version", "sf1",
        "--destinationDirectory", ".", *[str(p) for p in sorted(out.iterdir())],
    )  # fmt: skip
    remote = platform.admin.remote()
    name = in_project.module_name("hello")
    workflow = remote.fetch_workflow(name=f"{name}.wf", version="sf1")
    args = list(workflow.flyte_tasks[0].container.args)
    assert "{{ ." not in " ".join(args) and args[4] == "." and args[2].startswith("file://")
    execution = remote.execute(workflow, inputs={"name": "eve", "times": 1}, wait=True)
    assert execution.outputs["o0"] == "hello eve"
    no_code = tmp_path / "nocode"
    no_code.mkdir()
    for pb in out.glob("*.pb"):
        (no_code / pb.name).write_bytes(pb.read_bytes())
    refused = CliRunner().invoke(
        flytectl, ["-c", config, "register", "files", *PD, "--version", "sf2", str(no_code)]
    )
    assert refused.exit_code == 1 and "expects a code archive" in refused.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_demo_start_status_stop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    data_dir = tmp_path / "sandbox"
    grpc_port, http_port = _free_port(), _free_port()
    flytectl_bin = str(Path(sys.executable).parent / "flytectl")
    common = ["--data-dir", str(data_dir)]
    assert "is not running" in _ok(flytectl, "demo", "status", *common).output
    started = _ok(
        flytectl, "demo", "start", *common, "--grpc-port", str(grpc_port), "--http-port", str(http_port)
    )
    try:
        assert "Flyte sandbox started" in started.output
        config = tmp_path / ".flyte" / "config-sandbox.yaml"
        assert f"127.0.0.1:{grpc_port}" in config.read_text()
        assert (tmp_path / ".flyte" / "config.yaml").exists()
        status = _ok(flytectl, "demo", "status", *common)
        assert "is running" in status.output and "healthy" in status.output
        twice = CliRunner().invoke(flytectl, ["demo", "start", *common])
        assert twice.exit_code == 1 and "already running" in twice.output
        projects = subprocess.run(
            [flytectl_bin, "-c", str(config), "get", "project", "-o", "json"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert projects.returncode == 0, projects.stderr
        assert "flytesnacks" in projects.stdout
    finally:
        stopped = _ok(flytectl, "demo", "stop", *common)
    assert "Flyte sandbox stopped." in stopped.output
    assert "is not running" in _ok(flytectl, "demo", "status", *common).output


def test_update_project_renames_archives_and_activates(platform: RunningPlatform, tmp_path: Path) -> None:
    config = str(platform.admin.write_config_file(tmp_path))
    _ok(flytectl, "-c", config, "create", "project", "--id", "upd", "--name", "Before")
    renamed = _ok(flytectl, "-c", config, "update", "project", "-p", "upd", "--name", "After", "--archive")
    assert renamed.output.strip() == "Project upd updated: name 'After', state ARCHIVED."
    listed = _ok(flytectl, "-c", config, "get", "project", "-o", "json").output
    assert '"upd"' not in listed  # archived projects are hidden
    _ok(flytectl, "-c", config, "update", "project", "-p", "upd", "--activate", "--description", "back")
    shown = yaml.safe_load(_ok(flytectl, "-c", config, "get", "project", "upd", "-o", "yaml").output)
    assert (shown["name"], shown["description"], shown["state"]) == ("After", "back", "ACTIVE")
    both = CliRunner().invoke(
        flytectl, ["-c", config, "update", "project", "-p", "upd", "--archive", "--activate"]
    )
    assert both.exit_code == 2
