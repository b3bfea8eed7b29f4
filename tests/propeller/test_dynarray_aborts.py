"""Deleting a workflow while an array node or a dynamic task's children run aborts them: their pods
are deleted, the array node reports its running subnodes ABORTED, dynamic children get ABORTED."""

from __future__ import annotations

from flyteidl.core import execution_pb2
from flytestdlib.flyteworkflow import NodePhase
from tests.propeller.conftest import NAMESPACE, Platform
from tests.propeller.test_array_node import array_closure, launch_list
from tests.propeller.test_dynamic_node import launch_dynamic
from tests.services.waiting import wait_for

NODE = execution_pb2.NodeExecution
TASK = execution_pb2.TaskExecution
WF = execution_pb2.WorkflowExecution


def pods(platform: Platform) -> set[str]:
    folder = platform.root / "cluster" / "pods" / NAMESPACE
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def delete_and_finish(platform: Platform, name: str) -> None:
    propeller = platform.propeller()
    platform.store.delete(NAMESPACE, name)

    def gone() -> bool:
        propeller.run_once()
        return platform.store.find(NAMESPACE, name) is None

    wait_for(gone, timeout=20, interval=0.02, message=f"the aborted workflow {name} to be removed")


def test_deleting_a_workflow_aborts_the_running_subnodes_of_an_array(platform: Platform) -> None:
    launch_list(
        platform,
        "doomed-map",
        array_closure(),
        [1, 2, 3],
        envs={"RELEASE_FILE": str(platform.root / "never")},
    )
    propeller = platform.propeller()

    def subnodes_running() -> bool:
        propeller.run_once()
        sub = platform.workflow("doomed-map").status.node("n0").raw.get("subNodeStatus", {})
        return len(sub) == 3 and all(v.get("phase") == int(NodePhase.RUNNING) for v in sub.values())

    wait_for(subnodes_running, timeout=20, interval=0.02, message="the subnodes to run")
    assert {f"doomed-map-n0-0-n{i}-0" for i in range(3)} <= pods(platform)
    delete_and_finish(platform, "doomed-map")

    assert not {p for p in pods(platform) if p.startswith("doomed-map")}
    assert [e.phase for e in platform.events.workflow_events][-1] == WF.ABORTED
    assert [e.phase for e in platform.events.node_events if e.id.node_id == "n0"][-1] == NODE.ABORTED
    last = platform.events.task_events[-1]
    assert last.phase == TASK.ABORTED
    assert {r.index for r in last.metadata.external_resources} == {0, 1, 2}
    assert all(r.phase == TASK.ABORTED for r in last.metadata.external_resources)


def test_deleting_a_workflow_aborts_the_children_of_a_dynamic_task(platform: Platform) -> None:
    launch_dynamic(platform, "doomed-dyn", "wait", RELEASE_FILE=str(platform.root / "never"))
    propeller = platform.propeller()

    def child_running() -> bool:
        propeller.run_once()
        return any(
            e.id.node_id == "n0-0-dn1" and e.phase == NODE.RUNNING for e in platform.events.node_events
        )

    wait_for(child_running, timeout=20, interval=0.02, message="the dynamic child to run")
    delete_and_finish(platform, "doomed-dyn")

    assert not {p for p in pods(platform) if p.startswith("doomed-dyn")} - {
        "doomed-dyn-n0-0",
        "doomed-dyn-n0-0-dn0-0",
    }
    child = [e.phase for e in platform.events.node_events if e.id.node_id == "n0-0-dn1"]
    assert child[-1] == NODE.ABORTED
    assert [e.phase for e in platform.events.node_events if e.id.node_id == "n0"][-1] == NODE.ABORTED
