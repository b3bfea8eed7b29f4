"""``flytectl`` against a real admin (and local propeller): get, create, update, delete, config init.

Entities are registered with ``FlyteRemote.register_script`` and executed for real; commands run
through click's ``CliRunner`` and, once, as the installed ``flytectl`` console script.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from flytekit.clis.flytectl import main
from flytekit.configuration import Config
from flytekit.remote import FlyteWorkflow
from tests.sdk.remote.platform import DOMAIN, HELLO, PROJECT, RunningPlatform, UserProject
from tests.services.waiting import wait_for

SLEEPY = """
    import time
    from flytekit import task, workflow

    @task
    def nap(seconds: int) -> int:
        time.sleep(seconds)
        return seconds

    @workflow
    def wf(seconds: int = 60) -> int:
        return nap(seconds=seconds)
"""

PD = ("-p", PROJECT, "-d", DOMAIN)


@pytest.fixture
def config_file(platform: RunningPlatform, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("FLYTECTL_CONFIG", raising=False)
    return platform.admin.write_config_file(tmp_path)


def _invoke(config_file: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["-c", str(config_file), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _json(config_file: Path, *args: str) -> Any:
    return json.loads(_invoke(config_file, *args, "-o", "json").output)


def _rows(output: str) -> list[list[str]]:
    """Cells of a rich ASCII table's body rows (header row included, borders dropped)."""
    return [
        [part.strip() for part in line.strip().strip("|").split("|")]
        for line in output.splitlines()
        if line.startswith("|") and set(line) - set("|-+ ")
    ]


def _register(
    platform: RunningPlatform, user_project: UserProject, module: str, source: str
) -> FlyteWorkflow:
    user_project.write(module, source)
    loaded = user_project.load(module)
    registered = platform.admin.remote().register_script(loaded.wf, source_path=str(user_project.root))
    assert isinstance(registered, FlyteWorkflow)
    return registered


# ---------------------------------------------------------------- config init (no backend)
def test_config_init_writes_the_home_config_read_by_config_auto(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("FLYTECTL_CONFIG", "FLYTE_PLATFORM_URL", "FLYTE_PLATFORM_INSECURE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["config", "init", "--host", "flyte.example.com:8089", "--insecure"])
    assert result.exit_code == 0, result.output
    path = tmp_path / ".flyte" / "config.yaml"
    assert result.output.strip() == f"Init flytectl config file at [{path}]"
    document = yaml.safe_load(path.read_text())
    assert document["admin"] == {
        "endpoint": "dns:///flyte.example.com:8089",
        "insecure": True,
        "authType": "Pkce",
    }
    platform = Config.auto().platform
    assert platform.endpoint == "flyte.example.com:8089" and platform.insecure is True
    refused = CliRunner().invoke(main, ["config", "init", "--host", "other"], input="n\n")
    assert refused.exit_code == 1 and "overwrite" in refused.output
    assert "flyte.example.com" in path.read_text()
    forced = CliRunner().invoke(main, ["config", "init", "--host", "https://other.example.com", "--force"])
    assert forced.exit_code == 0
    assert yaml.safe_load(path.read_text())["admin"]["endpoint"] == "dns:///other.example.com"
    assert yaml.safe_load(path.read_text())["admin"]["insecure"] is False


def test_bad_field_selector_is_a_usage_error(config_file: Path) -> None:
    result = CliRunner().invoke(
        main, ["-c", str(config_file), "get", "execution", *PD, "--filter.fieldSelector", "phase"]
    )
    assert result.exit_code == 2 and "is not 'key=value'" in result.output


# ---------------------------------------------------------------- projects
@pytest.mark.integration
def test_create_project_then_get_projects(config_file: Path) -> None:
    created = _invoke(
        config_file, "create", "project", "--id", "ctlproj", "--name", "Ctl", "--description", "d1"
    )
    assert created.output.strip() == "project ctlproj created successfully."
    listed = _json(config_file, "get", "projects")
    assert {"id": "ctlproj", "name": "Ctl", "description": "d1"}.items() <= next(
        p for p in listed if p["id"] == "ctlproj"
    ).items()
    table = _rows(_invoke(config_file, "get", "project").output)
    assert table[0] == ["Id", "Name", "Description"]
    assert ["ctlproj", "Ctl", "d1"] in table
    one = yaml.safe_load(_invoke(config_file, "get", "project", "ctlproj", "-o", "yaml").output)
    assert one["id"] == "ctlproj" and one["state"] == "ACTIVE"
    missing = CliRunner().invoke(main, ["-c", str(config_file), "get", "project", "nope"])
    assert missing.exit_code == 1 and "Project 'nope' does not exist" in missing.output


# ---------------------------------------------------------------- tasks, workflows, launch plans
@pytest.mark.integration
def test_get_entities_by_name_version_and_latest(
    config_file: Path, platform: RunningPlatform, user_project: UserProject
) -> None:
    registered = _register(platform, user_project, "hello", HELLO)
    version = registered.version
    prefix = user_project.module_name("hello")

    tasks = _rows(_invoke(config_file, "get", "task", *PD, f"{prefix}.say").output)
    assert tasks[0] == ["Version", "Name", "Type", "Created At"]
    assert tasks[1][:3] == [version, f"{prefix}.say", "python-task"]
    all_tasks = _json(config_file, "get", "tasks", *PD)
    assert {f"{prefix}.say", f"{prefix}.total"} <= {t["id"]["name"] for t in all_tasks}

    workflow = _json(config_file, "get", "workflow", *PD, f"{prefix}.wf", "--latest")
    assert workflow["id"] == {
        "resource_type": "WORKFLOW",
        "project": PROJECT,
        "domain": DOMAIN,
        "name": f"{prefix}.wf",
        "version": version,
        "org": "",
    }
    assert "compiled_workflow" in workflow["closure"]

    launch_plan = yaml.safe_load(
        _invoke(
            config_file, "get", "launchplan", *PD, f"{prefix}.wf", "--version", version, "-o", "yaml"
        ).output
    )
    assert launch_plan["id"]["version"] == version and launch_plan["closure"]["state"] == "INACTIVE"
    assert launch_plan["spec"]["workflow_id"]["name"] == f"{prefix}.wf"

    missing = CliRunner().invoke(main, ["-c", str(config_file), "get", "task", *PD, f"{prefix}.nope"])
    assert missing.exit_code == 1 and f"No task named '{prefix}.nope'" in missing.output
    no_name = CliRunner().invoke(main, ["-c", str(config_file), "get", "task", *PD, "--latest"])
    assert no_name.exit_code == 2 and "need a task NAME" in no_name.output


@pytest.mark.integration
def test_update_launchplan_activates_and_deactivates(
    config_file: Path, platform: RunningPlatform, user_project: UserProject
) -> None:
    registered = _register(platform, user_project, "hello", HELLO)
    name = f"{user_project.module_name('hello')}.wf"
    activated = _invoke(
        config_file, "update", "launchplan", name, *PD, "--version", registered.version, "--activate"
    )
    assert activated.output.strip() == f"updated launchplan {name} version {registered.version}: activated."
    rows = _rows(_invoke(config_file, "get", "launchplan", *PD, name).output)
    assert rows[0] == ["Version", "Name", "State", "Schedule", "Created At"]
    assert rows[1][:3] == [registered.version, name, "ACTIVE"]
    _invoke(config_file, "update", "launchplan", name, *PD, "--version", registered.version, "--deactivate")
    state = _json(config_file, "get", "launchplan", *PD, name, "--latest")["closure"]["state"]
    assert state == "INACTIVE"
    neither = CliRunner().invoke(
        main, ["-c", str(config_file), "update", "launchplan", name, *PD, "--version", registered.version]
    )
    assert neither.exit_code == 2 and "exactly one of --activate or --deactivate" in neither.output


# ---------------------------------------------------------------- executions
@pytest.mark.integration
def test_get_execution_shows_phase_start_duration_and_launch_plan(
    config_file: Path, platform: RunningPlatform, user_project: UserProject
) -> None:
    registered = _register(platform, user_project, "hello", HELLO)
    remote = platform.admin.remote()
    execution = remote.execute(registered, inputs={"name": "ann"}, wait=True)
    name = execution.id.name
    lp_name = f"{user_project.module_name('hello')}.wf"

    record = _json(config_file, "get", "execution", *PD, name)
    assert record["id"]["name"] == name
    assert record["closure"]["phase"] == "SUCCEEDED"
    assert record["spec"]["launch_plan"]["name"] == lp_name
    assert record["closure"]["duration"].endswith("s") and record["closure"]["started_at"].endswith("Z")

    rows = _rows(_invoke(config_file, "get", "executions", *PD, "--filter.limit", "50").output)
    assert rows[0] == ["Name", "Launch Plan Name", "Launch Plan Version", "Phase", "Started", "Elapsed Time"]
    row = next(r for r in rows if r[0] == name)
    assert row[1:4] == [lp_name, registered.version, "SUCCEEDED"]
    assert row[4] == record["closure"]["started_at"] and row[5] == record["closure"]["duration"]

    succeeded = _json(config_file, "get", "execution", *PD, "--filter.fieldSelector", "phase=SUCCEEDED")
    succeeded = succeeded if isinstance(succeeded, list) else [succeeded]
    assert name in {e["id"]["name"] for e in succeeded}
    assert {e["closure"]["phase"] for e in succeeded} == {"SUCCEEDED"}

    # Once through the installed console script.
    flytectl = Path(sys.executable).parent / "flytectl"
    completed = subprocess.run(
        [str(flytectl), "-c", str(config_file), "get", "execution", name, *PD, "-o", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["closure"]["phase"] == "SUCCEEDED"
    table = subprocess.run(
        [str(flytectl), "-c", str(config_file), "get", "execution", name, *PD],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert [name, lp_name, registered.version, "SUCCEEDED"] == _rows(table.stdout)[1][:4]


@pytest.mark.integration
def test_delete_execution_terminates_it(
    config_file: Path, platform: RunningPlatform, user_project: UserProject
) -> None:
    registered = _register(platform, user_project, "sleepy", SLEEPY)
    remote = platform.admin.remote()
    execution = remote.execute(registered, inputs={"seconds": 120})
    name = execution.id.name
    wait_for(
        lambda: _json(config_file, "get", "execution", *PD, name)["closure"]["phase"] == "RUNNING",
        timeout=60,
        message=f"execution {name} running",
    )
    result = _invoke(config_file, "delete", "execution", name, *PD)
    assert result.output.strip() == f"Terminated execution {name}."
    record = wait_for(
        lambda: (
            (r := _json(config_file, "get", "execution", *PD, name))["closure"]["phase"] == "ABORTED" and r
        ),
        timeout=60,
        message=f"execution {name} aborted",
    )
    assert record["closure"]["abort_metadata"]["cause"] == "terminated from flytectl"
    again = CliRunner().invoke(main, ["-c", str(config_file), "delete", "execution", name, *PD])
    assert again.exit_code == 1
