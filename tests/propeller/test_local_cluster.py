"""``LocalCluster``: pods as real supervised subprocesses with logs, limits and adoption."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from flytepropeller.cluster import LocalCluster, PodPhase, PodSpec, PodStatus
from flytepropeller.errors import PodAlreadyExists, PodNotFound
from tests.services.waiting import wait_for

NS = "proj-dev"


def finished(cluster: LocalCluster, name: str) -> PodStatus:
    def done() -> PodStatus | None:
        status = cluster.get(NS, name)
        return status if status.phase in (PodPhase.SUCCEEDED, PodPhase.FAILED) else None

    result = wait_for(done, timeout=15, interval=0.02, message=f"pod {name} to finish")
    assert result is not None
    return result


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_pod_runs_in_its_folder_with_env_and_logs(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path, logs_url_template="http://h/logs/{{ .namespace }}/{{ $PodName }}")
    code = "import os; print('hello', os.environ['GREETING'], os.getcwd())"
    cluster.create(PodSpec(NS, "p1", python(code), env={"GREETING": "world"}))
    status = finished(cluster, "p1")
    assert status.phase is PodPhase.SUCCEEDED and status.exit_code == 0
    assert status.started_at is not None and status.finished_at is not None
    log = (tmp_path / "logs" / NS / "p1.log").read_text()
    assert f"hello world {tmp_path / 'pods' / NS / 'p1'}" in log
    spec = json.loads((tmp_path / "pods" / NS / "p1" / ".pod" / "spec.json").read_text())
    assert "env" not in spec  # the environment may hold secrets; it never touches the disk
    [link] = cluster.log_links(NS, "p1")
    assert link.uri == f"http://h/logs/{NS}/p1"


def test_a_failing_pod_reports_its_exit_code_and_log_tail(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path)
    cluster.create(PodSpec(NS, "bad", python("import sys; print('boom'); sys.exit(4)")))
    status = finished(cluster, "bad")
    assert (status.phase, status.exit_code, status.reason) == (PodPhase.FAILED, 4, "Error")
    assert "boom" in status.message


def test_a_missing_command_fails_the_pod(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path)
    cluster.create(PodSpec(NS, "nocmd", ["definitely-not-a-command-xyz"]))
    status = finished(cluster, "nocmd")
    assert (status.phase, status.exit_code, status.reason) == (PodPhase.FAILED, 127, "StartError")


def test_path_prefix_makes_entrypoints_resolvable(tmp_path: Path) -> None:
    bin_dir = tmp_path / "env" / "bin"
    bin_dir.mkdir(parents=True)
    tool = bin_dir / "pyflyte-execute"
    tool.write_text('#!/bin/sh\necho from-the-task-env "$@"\n')
    tool.chmod(0o755)
    cluster = LocalCluster(tmp_path / "c", task_path_prefix=[str(bin_dir)])
    cluster.create(PodSpec(NS, "entry", ["pyflyte-execute", "--inputs", "x"]))
    assert finished(cluster, "entry").phase is PodPhase.SUCCEEDED
    assert "from-the-task-env --inputs x" in (tmp_path / "c" / "logs" / NS / "entry.log").read_text()


def test_creating_an_existing_pod_starts_nothing_and_a_new_cluster_adopts_it(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    release = tmp_path / "release"
    code = (
        f"import os, time; open({str(runs)!r}, 'a').write('run\\n')\n"
        f"while not os.path.exists({str(release)!r}): time.sleep(0.02)"
    )
    cluster = LocalCluster(tmp_path / "c")
    pod = PodSpec(NS, "once", python(code))
    cluster.create(pod)
    with pytest.raises(PodAlreadyExists):
        cluster.create(pod)
    restarted = LocalCluster(tmp_path / "c")
    with pytest.raises(PodAlreadyExists):
        restarted.create(pod)
    wait_for(lambda: restarted.get(NS, "once").phase is PodPhase.RUNNING, timeout=15, message="pod running")
    release.touch()
    assert finished(restarted, "once").phase is PodPhase.SUCCEEDED
    assert runs.read_text() == "run\n"


def test_timeout_kills_the_pod(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path)
    cluster.create(PodSpec(NS, "slow", python("import time; time.sleep(30)"), timeout_seconds=0.3))
    status = finished(cluster, "slow")
    assert (status.phase, status.reason) == (PodPhase.FAILED, "DeadlineExceeded")


def test_memory_limit_applies_to_the_task_process(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path)
    grab = "x = bytearray(512 * 1024 * 1024)"
    cluster.create(PodSpec(NS, "hungry", python(grab), memory_limit_bytes=256 * 1024 * 1024))
    status = finished(cluster, "hungry")
    assert status.phase is PodPhase.FAILED
    assert "MemoryError" in status.message


def test_delete_stops_and_removes_the_pod(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path)
    cluster.create(PodSpec(NS, "victim", python("import time; time.sleep(30)")))
    wait_for(lambda: cluster.get(NS, "victim").phase is PodPhase.RUNNING, timeout=15, message="pod running")
    cluster.delete(NS, "victim")
    with pytest.raises(PodNotFound):
        cluster.get(NS, "victim")
    with pytest.raises(PodNotFound):
        cluster.delete(NS, "victim")
    assert (tmp_path / "logs" / NS / "victim.log").exists()


def test_pod_names_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Invalid pod name"):
        LocalCluster(tmp_path).create(PodSpec(NS, "../escape", ["true"]))
