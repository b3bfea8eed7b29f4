"""``pyflyte init``, ``serialize``, ``launchplan``, ``get launchplan``, ``fetch``, ``execution``,
``backfill`` and ``run remote-*`` against a real admin (and local propeller)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from flyteidl.admin import execution_pb2, launch_plan_pb2, task_pb2
from flyteidl.core import identifier_pb2
from flytekit.clis.pyflyte import main
from tests.sdk.remote.platform import HELLO, RunningAdmin, RunningPlatform, UserProject

SCHEDULED = """
    import datetime
    from flytekit import task, workflow

    @task
    def stamp(t: datetime.datetime, label: str) -> str:
        return f"{label}@{t.isoformat()}"

    @workflow
    def wf(t: datetime.datetime, label: str = "x") -> str:
        return stamp(t=t, label=label)
"""


def _register_nightly(admin: RunningAdmin, workflow_name: str, version: str) -> None:
    """A launch plan ``nightly`` of the workflow with a daily cron schedule kicking off input ``t``."""
    client = admin.remote().client
    default = client.get_launch_plan(
        identifier_pb2.Identifier(
            resource_type=identifier_pb2.LAUNCH_PLAN,
            project="flytesnacks",
            domain="development",
            name=workflow_name,
            version=version,
        )
    )
    spec = launch_plan_pb2.LaunchPlanSpec()
    spec.CopyFrom(default.spec)
    spec.entity_metadata.schedule.cron_schedule.schedule = "0 0 * * *"
    spec.entity_metadata.schedule.kickoff_time_input_arg = "t"
    ident = identifier_pb2.Identifier()
    ident.CopyFrom(default.id)
    ident.name = "nightly"
    client.create_launch_plan(ident, spec)


FILES = """
    from flytekit import task, workflow
    from flytekit.types.file import FlyteFile

    @task
    def shout(f: FlyteFile) -> FlyteFile:
        out = "shout.txt"
        with open(f) as src, open(out, "w") as dst:
            dst.write(src.read().upper())
        return FlyteFile(out)

    @workflow
    def wf(f: FlyteFile) -> FlyteFile:
        return shout(f=f)
"""


@pytest.fixture
def in_project(user_project: UserProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserProject]:
    monkeypatch.chdir(user_project.root)
    for name in ("FLYTE_DEFAULT_PROJECT", "FLYTE_DEFAULT_DOMAIN", "FLYTE_PLATFORM_URL", "FLYTECTL_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    yield user_project


def _ok(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_init_creates_a_project_whose_workflow_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _ok("init", "my_project")
    assert result.output.strip() == "Project initialized in directory my_project."
    root = tmp_path / "my_project"
    assert (root / "workflows" / "example.py").is_file() and (root / "requirements.txt").is_file()
    assert "my_project" in (root / "README.md").read_text()
    run = subprocess.run(
        [str(Path(sys.executable).parent / "pyflyte"), "run", "workflows/example.py", "wf", "--name", "ann"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "DefaultNamedTupleOutput(o0='Hello, ann!', o1=11)"
    again = CliRunner().invoke(main, ["init", "my_project"])
    assert again.exit_code == 1 and "my_project directory already exists" in again.output
    unknown = CliRunner().invoke(main, ["init", "--template", "nope", "other"])
    assert unknown.exit_code == 2 and "basic-template-imagespec" in unknown.output
    _ok("init", "--template", "hello-world", "hw")
    assert (tmp_path / "hw" / "hello_world.py").is_file()


def test_serialize_writes_loose_files_with_templates_in_fast_mode(
    in_project: UserProject, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    plain, fast = tmp_path / "plain", tmp_path / "fast"
    plain.mkdir()
    fast.mkdir()
    _ok("-k", in_project.package, "serialize", "workflows", "-f", str(plain))
    name = in_project.module_name("hello")
    assert sorted(p.name for p in plain.iterdir()) == [
        f"0_{name}.say_1.pb",
        f"1_{name}.total_1.pb",
        f"2_{name}.wf_2.pb",
        f"3_{name}.wf_3.pb",
    ]
    _ok("-k", in_project.package, "serialize", "fast", "workflows", "-f", str(fast))
    archives = [p.name for p in fast.iterdir() if p.name.startswith("fast")]
    assert len(archives) == 1 and archives[0].endswith(".tar.gz")
    spec = task_pb2.TaskSpec()
    spec.ParseFromString((fast / f"0_{name}.say_1.pb").read_bytes())
    args = list(spec.template.container.args)
    assert args[:6] == [
        "pyflyte-fast-execute",
        "--additional-distribution",
        "{{ .remote_package_path }}",
        "--dest-dir",
        "{{ .dest_dir }}",
        "--",
    ]
    missing = CliRunner().invoke(main, ["-k", in_project.package, "serialize", "workflows", "-f", "nowhere"])
    assert missing.exit_code == 2


@pytest.mark.integration
def test_launchplan_activation_and_get_launchplan(
    in_project: UserProject, admin: RunningAdmin, tmp_path: Path
) -> None:
    in_project.write("scheduled", SCHEDULED)
    config = str(admin.write_config_file(tmp_path))
    workflow_name = f"{in_project.module_name('scheduled')}.wf"
    for version in ("v1", "v2"):
        _ok("-c", config, "register", "--version", version, in_project.package)
        _register_nightly(admin, workflow_name, version)
    activated = _ok("-c", config, "launchplan", "--activate", "nightly", "v1")
    assert "Launchplan was set to ACTIVE: nightly:v1" in activated.output
    assert admin.remote().fetch_active_launchplan(name="nightly").version == "v1"  # type: ignore[union-attr]
    _ok("-c", config, "launchplan", "--activate", "nightly")  # latest = v2
    assert admin.remote().fetch_active_launchplan(name="nightly").version == "v2"  # type: ignore[union-attr]
    listing = _ok("-c", config, "get", "launchplan", "--active-only")
    assert "nightly" in listing.output and "0 0 * * *" in listing.output and "ACTIVE" in listing.output
    shown = _ok("-c", config, "get", "launchplan", "nightly", "v2")
    assert '"name": "nightly"' in shown.output and '"version": "v2"' in shown.output
    _ok("-c", config, "launchplan", "--deactivate", "nightly", "v2")
    assert admin.remote().fetch_active_launchplan(name="nightly") is None
    required = CliRunner().invoke(main, ["-c", config, "launchplan", "nightly"])
    assert required.exit_code == 2 and "--activate" in required.output

    dry = _ok(
        "-c", config, "backfill", "--dry-run", "--from-date", "2024-01-01", "--to-date", "2024-01-04", "nightly"
    )  # fmt: skip
    lines = dry.output.splitlines()
    # Like flytekit: ticks after --from-date and before --to-date.
    assert "2 executions one after the other" in lines[1]
    assert lines[2:] == ["  n0: b-2024-01-02 00:00:00", "  n1: b-2024-01-03 00:00:00 after n0"]
    registered = _ok(
        "-c", config, "backfill", "--do-not-execute", "--parallel", "--from-date", "2024-01-01",
        "--backfill-window", "3d", "-v", "bf1", "nightly", "v1",
    )  # fmt: skip
    assert "Workflow registered at" in registered.output
    workflow = admin.remote().fetch_workflow(name="backfill-nightly", version="bf1")
    nodes = [node for node in workflow.template.nodes if node.HasField("workflow_node")]
    assert [node.workflow_node.launchplan_ref.version for node in nodes] == ["v1", "v1"]
    assert [node.metadata.name for node in nodes] == ["b-2024-01-02 00:00:00", "b-2024-01-03 00:00:00"]
    assert all(set(node.upstream_node_ids) <= {"start-node"} for node in nodes)
    no_window = CliRunner().invoke(main, ["-c", config, "backfill", "--from-date", "2024-01-01", "nightly"])
    assert no_window.exit_code == 2 and "--backfill-window" in no_window.output


@pytest.mark.integration
def test_fetch_execution_recover_and_remote_entities(
    in_project: UserProject, platform: RunningPlatform, tmp_path: Path
) -> None:
    in_project.write("files", FILES)
    config = str(platform.admin.write_config_file(tmp_path))
    source = tmp_path / "in.txt"
    source.write_text("quiet words")
    run = _ok(
        "-c", config, "run", "--remote", "--wait", "--dump-snippet", "--name", "filesrun",
        f"{in_project.package}/files.py", "wf", "--f", str(source),
    )  # fmt: skip
    assert "Execution filesrun has succeeded." in run.output
    assert "remote.fetch_execution(name='filesrun')" in run.output

    uri = "flyte://v1/flytesnacks/development/filesrun/n0/o"
    download = tmp_path / "download"
    fetched = _ok("-c", config, "fetch", "--recursive", uri, str(download))
    assert "Fetching data from" in fetched.output
    assert (download / "o0").read_text() == "QUIET WORDS"
    one = _ok("-c", config, "fetch", uri.replace("/n0/o", "/n0/i"))
    assert "f" in one.output

    relaunched = _ok("-c", config, "execution", "--execution-id", "filesrun", "relaunch")
    assert "Relaunched execution filesrun as" in relaunched.output
    remote = platform.admin.remote()
    recovered = _ok("-c", config, "execution", "--execution-id", "filesrun", "recover", "--name", "filesrec")
    assert "as filesrec" in recovered.output
    record = remote.client.get_execution(
        identifier_pb2.WorkflowExecutionIdentifier(
            project="flytesnacks", domain="development", name="filesrec"
        )
    )
    assert record.spec.metadata.mode == execution_pb2.ExecutionMetadata.RECOVERED
    done = remote.wait(remote.fetch_execution(name="filesrec"), timeout=60)
    assert done.is_successful
    assert done.outputs.get("o0").open("r").read() == "QUIET WORDS"

    name = f"{in_project.module_name('files')}.wf"
    listed = CliRunner().invoke(main, ["-c", config, "run", "remote-launchplan", "--help"])
    assert listed.exit_code == 0 and name in listed.output
    again = _ok("-c", config, "run", "--wait", "remote-launchplan", name, "--f", str(source))
    assert "has succeeded" in again.output
    task_name = f"{in_project.module_name('files')}.shout"
    help_text = _ok("-c", config, "run", "remote-task", task_name, "--help")
    assert "--f" in help_text.output


@pytest.mark.integration
def test_run_remote_passes_execution_options(
    in_project: UserProject, admin: RunningAdmin, tmp_path: Path
) -> None:
    in_project.write("hello", HELLO)
    config = str(admin.write_config_file(tmp_path))
    _ok(
        "-c", config, "run", "--remote", "--copy", "none", "--version", "opt1", "--name", "withoptions",
        "--envvars", "A=1", "--tags", "t1", "--tags", "t2", "--labels", "team=ml", "--annotations", "note=x",
        "--overwrite-cache", "--service-account", "robot", "--raw-output-data-prefix", "s3://bucket/raw",
        "--max-parallelism", "7", "--interruptible", "true",
        f"{in_project.package}/hello.py", "wf", "--name", "ann",
    )  # fmt: skip
    record = admin.remote().client.get_execution(
        identifier_pb2.WorkflowExecutionIdentifier(
            project="flytesnacks", domain="development", name="withoptions"
        )
    )
    spec = record.spec
    assert [(kv.key, kv.value) for kv in spec.envs.values] == [("A", "1")]
    assert list(spec.tags) == ["t1", "t2"]
    assert dict(spec.labels.values) == {"team": "ml"} and dict(spec.annotations.values) == {"note": "x"}
    assert spec.overwrite_cache and spec.interruptible.value
    assert spec.security_context.run_as.k8s_service_account == "robot"
    assert spec.raw_output_data_config.output_location_prefix == "s3://bucket/raw"
    assert spec.max_parallelism == 7
    assert spec.launch_plan.version == "opt1"
