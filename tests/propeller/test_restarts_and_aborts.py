"""Propeller restarts adopt running pods instead of starting them again; deletion aborts."""

from __future__ import annotations

import copy
import json

from flyteidl.core import execution_pb2
from flytepropeller.cluster import LocalCluster
from flytepropeller.local import LocalPropeller
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase
from tests.propeller.conftest import LOGS_TEMPLATE, NAMESPACE, Platform, script_task
from tests.propeller.test_local_propeller import wait_for_phase
from tests.services.waiting import wait_for

NODE = execution_pb2.NodeExecution
WF = execution_pb2.WorkflowExecution


def test_a_restart_after_pod_creation_adopts_the_running_pod(platform: Platform) -> None:
    runs = platform.root / "runs.jsonl"
    release = platform.root / "release"
    platform.launch(
        "crashy",
        [script_task("tests.chain.t0", "wait")],
        envs={"RUNS_FILE": str(runs), "RELEASE_FILE": str(release)},
    )
    first = platform.propeller(max_streak_length=1)
    wait_for_phase(platform, first, "crashy", "n0", NodePhase.QUEUED)
    queued = copy.deepcopy(platform.store.get(NAMESPACE, "crashy"))
    first.run_once()  # this round creates the pod and records it
    assert platform.workflow("crashy").status.node("n0").phase is NodePhase.RUNNING
    assert (platform.root / "cluster" / "pods" / NAMESPACE / "crashy-n0-0").is_dir()
    first.stop()

    # The crash: the status write of that round never happened.
    current = platform.store.get(NAMESPACE, "crashy")
    current["status"] = queued["status"]
    platform.store.update(current)
    assert platform.workflow("crashy").status.node("n0").phase is NodePhase.QUEUED

    restarted_cluster = LocalCluster(platform.root / "cluster", logs_url_template=LOGS_TEMPLATE)
    second = LocalPropeller(
        platform.store, platform.blobs, restarted_cluster, platform.events, platform.settings
    )
    wait_for_phase(platform, second, "crashy", "n0", NodePhase.RUNNING)
    release.touch()
    wf = platform.run_to_completion(second, "crashy")

    assert wf.status.phase is WorkflowPhase.SUCCESS
    started = [json.loads(line) for line in runs.read_text().splitlines()]
    assert len(started) == 1, started
    assert started[0]["cwd"] == str(platform.root / "cluster" / "pods" / NAMESPACE / "crashy-n0-0")


def test_deleting_a_running_workflow_aborts_it_and_its_pod(platform: Platform) -> None:
    release = platform.root / "never"
    platform.launch("doomed", [script_task("tests.chain.t0", "wait")], envs={"RELEASE_FILE": str(release)})
    propeller = platform.propeller()
    wait_for_phase(platform, propeller, "doomed", "n0", NodePhase.RUNNING)
    platform.store.delete(NAMESPACE, "doomed")

    def gone() -> bool:
        propeller.run_once()
        return platform.store.find(NAMESPACE, "doomed") is None

    wait_for(gone, timeout=20, interval=0.02, message="the aborted workflow to be removed")
    assert [e.phase for e in platform.events.workflow_events][-1] == WF.ABORTED
    n0 = [e for e in platform.events.node_events if e.id.node_id == "n0"]
    assert n0[-1].phase == NODE.ABORTED
    assert n0[-1].error.code == "NodeAborted"
    assert platform.events.task_events[-1].phase == execution_pb2.TaskExecution.ABORTED
    assert not (platform.root / "cluster" / "pods" / NAMESPACE / "doomed-n0-0").exists()


def test_the_background_loop_runs_workflows_until_stopped(platform: Platform) -> None:
    platform.launch("bg", [script_task("tests.chain.t0", "add"), script_task("tests.chain.t1", "add")], x=5)
    propeller = platform.propeller()
    propeller.start()
    try:
        wait_for(lambda: platform.workflow("bg").is_terminal, timeout=20, message="the workflow to finish")
    finally:
        propeller.stop()
    assert platform.workflow("bg").status.phase is WorkflowPhase.SUCCESS
