"""End-to-end runs of the engine on the local backend: real SQLite store, real blobs, real
subprocesses; events recorded in memory."""

from __future__ import annotations

from flyteidl.core import execution_pb2, literals_pb2
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import NAMESPACE, Platform, script_task

WF = execution_pb2.WorkflowExecution
NODE = execution_pb2.NodeExecution
TASK = execution_pb2.TaskExecution


def test_three_chained_tasks_succeed_with_outputs_and_events(platform: Platform) -> None:
    tasks = [script_task(f"tests.chain.t{i}", "add") for i in range(3)]
    platform.launch("abc", tasks, x=1)
    wf = platform.run_to_completion(platform.propeller(), "abc")

    assert wf.status.phase is WorkflowPhase.SUCCESS
    end_outputs = platform.blobs.join(platform.wf_dir("abc"), "end-node", "data", "0", "outputs.pb")
    assert wf.status.output_ref == end_outputs
    outputs = read_proto(platform.blobs, end_outputs, literals_pb2.LiteralMap)
    assert outputs.literals["o0"].scalar.primitive.integer == 4
    start_outputs = platform.blobs.join(platform.wf_dir("abc"), "start-node", "data", "0", "outputs.pb")
    assert (
        read_proto(platform.blobs, start_outputs, literals_pb2.LiteralMap)
        .literals["x"]
        .scalar.primitive.integer
        == 1
    )
    for node_id in ("n0", "n1", "n2", "end-node"):
        assert wf.status.node(node_id).phase is NodePhase.SUCCEEDED
    assert "termination-status" in wf.labels
    assert not wf.has_finalizer()

    assert [e.phase for e in platform.events.workflow_events] == [WF.RUNNING, WF.SUCCEEDING, WF.SUCCEEDED]
    assert platform.events.workflow_events[-1].output_uri == end_outputs
    by_node: dict[str, list[int]] = {}
    for event in platform.events.node_events:
        by_node.setdefault(event.id.node_id, []).append(event.phase)
    assert by_node["start-node"] == [NODE.SUCCEEDED]
    assert by_node["n0"] == [NODE.QUEUED, NODE.RUNNING, NODE.SUCCEEDED]
    assert by_node["end-node"] == [NODE.QUEUED, NODE.SUCCEEDED]
    n1_success = next(
        e for e in platform.events.node_events if e.id.node_id == "n1" and e.phase == NODE.SUCCEEDED
    )
    assert n1_success.input_uri == platform.blobs.join(platform.wf_dir("abc"), "n1", "data", "inputs.pb")
    assert n1_success.output_uri == platform.blobs.join(
        platform.wf_dir("abc"), "n1", "data", "0", "outputs.pb"
    )
    assert n1_success.producer_id == "propeller"
    assert n1_success.spec_node_id == "n1"
    assert n1_success.target_entity.name == "tests.chain.t1"

    n0_tasks = [e for e in platform.events.task_events if e.parent_node_execution_id.node_id == "n0"]
    assert n0_tasks[0].phase == TASK.QUEUED
    assert n0_tasks[-1].phase == TASK.SUCCEEDED
    assert n0_tasks[-1].metadata.generated_name == "abc-n0-0"
    assert n0_tasks[-1].logs[0].uri == f"http://localhost:8088/api/v1/logs/{NAMESPACE}/abc-n0-0"
    assert (platform.root / "cluster" / "logs" / NAMESPACE / "abc-n0-0.log").exists()


def test_a_user_error_fails_the_workflow_with_that_error(platform: Platform) -> None:
    platform.launch(
        "bad", [script_task("tests.chain.t0", "user-error"), script_task("tests.chain.t1", "add")]
    )
    wf = platform.run_to_completion(platform.propeller(), "bad")

    assert wf.status.phase is WorkflowPhase.FAILED
    error = wf.status.error
    assert error is not None
    assert (error.code, error.message, error.kind) == (
        "ValueError",
        "x must be positive, got 0",
        execution_pb2.ExecutionError.USER,
    )
    assert wf.status.node("n0").phase is NodePhase.FAILED
    assert wf.status.node("n1").phase is NodePhase.NOT_YET_STARTED
    workflow_events = platform.events.workflow_events
    assert [e.phase for e in workflow_events] == [WF.RUNNING, WF.FAILING, WF.FAILED]
    assert workflow_events[-1].error.message == "x must be positive, got 0"
    n0_events = [e for e in platform.events.node_events if e.id.node_id == "n0"]
    assert [e.phase for e in n0_events] == [NODE.QUEUED, NODE.RUNNING, NODE.FAILED]
    assert n0_events[-1].error.code == "ValueError"
    assert platform.events.task_events[-1].phase == TASK.FAILED
    assert not any(e.id.node_id == "n1" for e in platform.events.node_events)


def test_a_crashing_container_exhausts_its_retries_with_the_log_tail(platform: Platform) -> None:
    platform.launch("crash", [script_task("tests.chain.t0", "crash", retries=1)])
    wf = platform.run_to_completion(platform.propeller(), "crash")

    assert wf.status.phase is WorkflowPhase.FAILED
    error = wf.status.error
    assert error is not None
    assert error.code == "RetriesExhausted|Error"
    assert error.kind == execution_pb2.ExecutionError.USER
    assert error.message.startswith(
        "[2/2] currentAttempt done. Last Error: USER::[primary] terminated with exit code (3)"
    )
    assert "about to crash" in error.message
    attempts = sorted({e.retry_attempt for e in platform.events.task_events})
    assert attempts == [0, 1]
    assert wf.status.node("n0").attempts == 1


def test_system_errors_are_retried_without_spending_user_retries(platform: Platform) -> None:
    platform.launch("flaky", [script_task("tests.chain.t0", "system-error", "--fail-attempts", "2")])
    wf = platform.run_to_completion(platform.propeller(), "flaky")

    assert wf.status.phase is WorkflowPhase.SUCCESS
    node = wf.status.node("n0")
    assert (node.attempts, node.system_failures) == (2, 2)
    task_events = platform.events.task_events
    failed = [e for e in task_events if e.phase == TASK.FAILED]
    assert [e.retry_attempt for e in failed] == [0, 1]
    assert failed[0].error.kind == execution_pb2.ExecutionError.SYSTEM
    assert task_events[-1].retry_attempt == 2 and task_events[-1].phase == TASK.SUCCEEDED
    assert task_events[-1].metadata.generated_name == "flaky-n0-2"
    node_phases = [e.phase for e in platform.events.node_events if e.id.node_id == "n0"]
    assert node_phases == [NODE.QUEUED, NODE.RUNNING, NODE.SUCCEEDED]
    outputs = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert outputs.literals["o0"].scalar.primitive.integer == 2


def test_system_retries_run_out_after_the_configured_budget(platform: Platform) -> None:
    platform.launch("flakier", [script_task("tests.chain.t0", "system-error", "--fail-attempts", "9")])
    wf = platform.run_to_completion(platform.propeller(max_node_retries_system_failures=1), "flakier")

    assert wf.status.phase is WorkflowPhase.FAILED
    error = wf.status.error
    assert error is not None
    assert error.code == "RetriesExhausted|SystemFailure"
    assert error.message == "[1/1] currentAttempt done. Last Error: SYSTEM::flaky system on attempt 1"
    assert sorted({e.retry_attempt for e in platform.events.task_events}) == [0, 1]


def test_rounds_after_completion_change_nothing_and_send_nothing(platform: Platform) -> None:
    platform.launch("done", [script_task("tests.chain.t0", "add")])
    propeller = platform.propeller()
    platform.run_to_completion(propeller, "done")
    before = platform.store.get(NAMESPACE, "done")
    sent = len(platform.events.events)
    for _ in range(3):
        propeller.run_once()
        propeller.handle(NAMESPACE, "done")
    assert platform.store.get(NAMESPACE, "done") == before
    assert len(platform.events.events) == sent


def test_an_unchanged_running_workflow_is_not_rewritten(platform: Platform) -> None:
    release = platform.root / "release"
    platform.launch("slow", [script_task("tests.chain.t0", "wait")], envs={"RELEASE_FILE": str(release)})
    propeller = platform.propeller()
    wait_for_phase(platform, propeller, "slow", "n0", NodePhase.RUNNING)
    version = platform.store.get(NAMESPACE, "slow")["metadata"]["resourceVersion"]
    sent = len(platform.events.events)
    propeller.run_once()
    propeller.run_once()
    assert platform.store.get(NAMESPACE, "slow")["metadata"]["resourceVersion"] == version
    assert len(platform.events.events) == sent
    release.touch()
    assert platform.run_to_completion(propeller, "slow").status.phase is WorkflowPhase.SUCCESS


def wait_for_phase(platform: Platform, propeller: object, name: str, node_id: str, phase: NodePhase) -> None:
    from flytepropeller.local import LocalPropeller
    from tests.services.waiting import wait_for

    assert isinstance(propeller, LocalPropeller)

    def reached() -> bool:
        propeller.run_once()
        found = platform.workflow(name).status.find_node(node_id)
        running_task = found is not None and found.phase is phase
        if phase is NodePhase.RUNNING and running_task and found is not None:
            return found.task_node_status.phase == 5  # the plugin saw the process running
        return running_task

    wait_for(reached, timeout=20, interval=0.02, message=f"node {node_id} of {name} to reach {phase.name}")
