"""``pyflyte register``, ``package`` and ``run`` (local and ``--remote``) end to end."""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flytekit.clis.pyflyte import main
from flytekit.errors import FlyteEntityNotExistException
from tests.sdk.remote.platform import BOOM, HELLO, RunningAdmin, RunningPlatform, UserProject


@pytest.fixture
def in_project(user_project: UserProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserProject]:
    """The user project with the working directory at its root and no FLYTE_* overrides."""
    monkeypatch.chdir(user_project.root)
    for name in ("FLYTE_DEFAULT_PROJECT", "FLYTE_DEFAULT_DOMAIN", "FLYTE_PLATFORM_URL", "FLYTECTL_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    yield user_project


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_run_locally_prints_the_result(in_project: UserProject) -> None:
    in_project.write("hello", HELLO)
    script = f"{in_project.package}/hello.py"
    result = _invoke("run", script, "wf", "--name", "ann", "--xs", "[4, 5]")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Running Execution on local.",
        "DefaultNamedTupleOutput(o0='hello ann hello ann', o1=13.5)",
    ]
    single = _invoke("run", script, "say", "--name", "x", "--times", "1")
    assert single.output.splitlines()[-1] == "hello x"


def test_run_rejects_unknown_entities_and_inputs(in_project: UserProject) -> None:
    in_project.write("hello", HELLO)
    script = f"{in_project.package}/hello.py"
    unknown = CliRunner().invoke(main, ["run", script, "nope"])
    assert unknown.exit_code == 2
    assert "defines no task, workflow or launch plan named 'nope'; found: say, total, wf" in unknown.output
    bad = CliRunner().invoke(main, ["run", script, "say", "--name", "x", "--times", "many"])
    assert bad.exit_code == 2 and "'many' is not a valid integer" in bad.output
    missing = CliRunner().invoke(main, ["run", script, "say", "--name", "x"])
    assert missing.exit_code == 2 and "Missing option '--times'" in missing.output


@pytest.mark.integration
def test_register_fast_registers_every_entity(
    in_project: UserProject, admin: RunningAdmin, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    config = admin.write_config_file(tmp_path)
    result = _invoke("-c", str(config), "register", in_project.package)
    assert result.exit_code == 0, result.output
    name = in_project.module_name("hello")
    lines = result.output.splitlines()
    assert f"[✔] Task: {name}.say" in lines
    assert f"[✔] Task: {name}.total" in lines
    assert f"[✔] Workflow: {name}.wf" in lines
    assert f"[✔] Launch Plan: {name}.wf" in lines
    version = lines[-1].rsplit(" ", 1)[-1]
    workflow = admin.remote().fetch_workflow(name=f"{name}.wf", version=version)
    args = list(workflow.flyte_tasks[0].container.args)
    assert args[:2] == ["pyflyte-fast-execute", "--additional-distribution"]
    assert args[4] == "/root"
    again = _invoke("-c", str(config), "register", in_project.package)
    assert f"[✔] Task: {name}.say (already registered)" in again.output.splitlines()


@pytest.mark.integration
def test_register_without_copy_needs_a_version(
    in_project: UserProject, admin: RunningAdmin, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    config = admin.write_config_file(tmp_path)
    refused = CliRunner().invoke(main, ["-c", str(config), "register", "--copy", "none", in_project.package])
    assert refused.exit_code == 2 and "Version is required with --copy none" in refused.output
    result = _invoke(
        "-c", str(config), "register", "--copy", "none", "--version", "plain-1", in_project.package
    )
    assert result.exit_code == 0, result.output
    task = admin.remote().fetch_task(name=f"{in_project.module_name('hello')}.say", version="plain-1")
    assert task.template.container.args[0] == "pyflyte-execute"


def test_package_writes_flytekits_layout(in_project: UserProject) -> None:
    in_project.write("hello", HELLO)
    result = _invoke("-k", in_project.package, "package", "--image", "ghcr.io/x/y:1", "--copy", "all")
    assert result.exit_code == 0, result.output
    with tarfile.open(in_project.root / "flyte-package.tgz") as tar:
        names = tar.getnames()
        payloads = {name: tar.extractfile(name).read() for name in names if name.endswith(".pb")}  # type: ignore[union-attr]
    name = in_project.module_name("hello")
    assert names[:4] == [
        f"0_{name}.say_1.pb",
        f"1_{name}.total_1.pb",
        f"2_{name}.wf_2.pb",
        f"3_{name}.wf_3.pb",
    ]
    assert names[4].startswith("fast") and names[4].endswith(".tar.gz")
    task = task_pb2.TaskSpec.FromString(payloads[f"0_{name}.say_1.pb"])
    assert (task.template.id.project, task.template.id.version) == ("", "")
    assert task.template.container.image == "ghcr.io/x/y:1"
    assert list(task.template.container.args[:3]) == [
        "pyflyte-fast-execute",
        "--additional-distribution",
        "{{ .remote_package_path }}",
    ]
    assert (
        workflow_pb2.WorkflowSpec.FromString(payloads[f"2_{name}.wf_2.pb"]).template.id.name == f"{name}.wf"
    )
    assert (
        launch_plan_pb2.LaunchPlan.FromString(payloads[f"3_{name}.wf_3.pb"]).spec.workflow_id.name
        == f"{name}.wf"
    )
    refused = CliRunner().invoke(main, ["-k", in_project.package, "package"])
    assert refused.exit_code == 2 and "already exists" in refused.output


@pytest.mark.integration
def test_run_remote_wait_prints_outputs(
    in_project: UserProject, platform: RunningPlatform, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    config = platform.admin.write_config_file(tmp_path)
    script = f"{in_project.package}/hello.py"
    result = _invoke(
        "-c", str(config), "run", "--remote", "--wait", script, "wf", "--name", "ann", "--times", "1"
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Running Execution on Remote."
    assert lines[2].startswith(f"[✔] Go to http://{platform.admin.endpoint}/console/projects/flytesnacks/")
    assert lines[-3:] == ["Outputs:", "  o0: 'hello ann'", "  o1: 9.0"]


@pytest.mark.integration
def test_run_remote_wait_reports_a_failure(
    in_project: UserProject, platform: RunningPlatform, tmp_path: Path
) -> None:
    in_project.write("boom", BOOM)
    config = platform.admin.write_config_file(tmp_path)
    result = CliRunner().invoke(
        main,
        ["-c", str(config), "run", "--remote", "--wait", f"{in_project.package}/boom.py", "wf", "--n", "3"],
    )
    assert result.exit_code == 1
    assert "ended FAILED" in result.output and "ValueError: bad n 3" in result.output


@pytest.mark.integration
def test_register_dry_run_registers_nothing_and_output_saves_the_package(
    in_project: UserProject, admin: RunningAdmin, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    config = admin.write_config_file(tmp_path)
    out = tmp_path / "saved"
    result = _invoke("-c", str(config), "register", "--dry-run", "-o", str(out), in_project.package)
    assert result.exit_code == 0, result.output
    name = in_project.module_name("hello")
    assert f"[✔] Task: {name}.say (Dry run Mode)" in result.output.splitlines()
    with tarfile.open(out / "flyte-package.tgz") as tar:
        assert f"0_{name}.say_1.pb" in tar.getnames()
    remote = admin.remote()
    with pytest.raises(FlyteEntityNotExistException):
        remote.fetch_task(name=f"{name}.say")


@pytest.mark.integration
def test_register_activates_launch_plans_on_request(
    in_project: UserProject, admin: RunningAdmin, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    config = admin.write_config_file(tmp_path)
    result = _invoke(
        "-c", str(config), "register", "--activate-launchplans", "--version", "a1", in_project.package
    )
    assert result.exit_code == 0, result.output
    active = admin.remote().fetch_active_launchplan(name=f"{in_project.module_name('hello')}.wf")
    assert active is not None and active.version == "a1" and active.is_active
