"""Launch-plan nodes on the local propeller: the child execution is created through admin with a
deterministic name (a repeated round never launches twice), its outcome decides the node, aborting
the parent terminates the child; recovery mode reuses nodes that succeeded before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flyteidl.admin import execution_pb2 as admin_execution_pb2
from flyteidl.core import execution_pb2, identifier_pb2, literals_pb2, workflow_pb2
from flytepropeller.controlplane import MemoryAdminClient
from flytepropeller.executor import WorkflowExecutor
from flytepropeller.local import default_plugins
from flytestdlib.flyteworkflow import FlyteWorkflow, NodePhase, WorkflowPhase, fixed_length_unique_id
from flytestdlib.storage import read_proto
from tests.propeller.conftest import DOMAIN, NAMESPACE, PROJECT, Platform
from tests.propeller.control_closures import CHILD_LP, one_node_closure, propeller_with, run_once, x_binding
from tests.services.waiting import wait_for
from tests.stdlib.flyteworkflow.closures import int_literal

WF = execution_pb2.WorkflowExecution
NODE = execution_pb2.NodeExecution


def lp_node() -> workflow_pb2.Node:
    node = workflow_pb2.Node(id="n0", workflow_node=workflow_pb2.WorkflowNode(launchplan_ref=CHILD_LP))
    node.metadata.name = "child"
    node.inputs.append(x_binding())
    return node


def child_id(parent: str) -> identifier_pb2.WorkflowExecutionIdentifier:
    name = fixed_length_unique_id(f"{parent}-n0-0", 20, wide_hash=True)
    return identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name=name)


def launched(platform: Platform, name: str, **options: Any) -> tuple[MemoryAdminClient, Any]:
    admin = MemoryAdminClient()
    propeller = propeller_with(platform, admin)
    platform.launch_closure(name, one_node_closure(lp_node()), x=3, **options)

    def started() -> bool:
        propeller.run_once()
        return any(e.id.name == child_id(name).name for e in admin.executions())

    wait_for(started, timeout=10, interval=0.01, message=f"{name} to launch its child")
    return admin, propeller


def test_the_child_is_launched_as_a_child_execution_and_its_outputs_pass_on(platform: Platform) -> None:
    admin, propeller = launched(platform, "parent")
    child = admin.execution(child_id("parent"))
    assert child.spec.launch_plan == CHILD_LP
    metadata = child.spec.metadata
    assert metadata.mode == admin_execution_pb2.ExecutionMetadata.CHILD_WORKFLOW
    assert metadata.parent_node_execution.node_id == "n0"
    assert metadata.parent_node_execution.execution_id.name == "parent"
    assert "execution-id" not in child.spec.labels.values
    assert admin.execution_inputs(child_id("parent")).literals["x"].scalar.primitive.integer == 3

    propeller.run_once()
    assert platform.workflow("parent").status.node("n0").phase is NodePhase.RUNNING
    admin.finish_execution(
        child_id("parent"), WF.SUCCEEDED, outputs=literals_pb2.LiteralMap(literals={"o0": int_literal(30)})
    )
    wf = platform.run_to_completion(propeller, "parent")
    assert wf.status.phase is WorkflowPhase.SUCCESS
    outputs = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert outputs.literals["o0"].scalar.primitive.integer == 30

    events = [e for e in platform.events.node_events if e.id.node_id == "n0"]
    assert [e.phase for e in events] == [NODE.QUEUED, NODE.RUNNING, NODE.SUCCEEDED]
    assert events[1].workflow_node_metadata.execution_id == child_id("parent")
    assert events[2].workflow_node_metadata.execution_id == child_id("parent")
    assert all(e.target_entity == CHILD_LP for e in events)
    assert not events[1].is_parent


def test_a_repeated_round_finds_the_child_instead_of_launching_another(platform: Platform) -> None:
    admin, propeller = launched(platform, "twice")
    # The status write of the launching round is lost: the node is back before the launch.
    document = platform.store.get(NAMESPACE, "twice")
    node = document["status"]["nodeStatus"]["n0"]
    node["phase"] = int(NodePhase.QUEUED)
    node.pop("workflowNodeStatus", None)
    platform.store.update(document)
    propeller.run_once()
    assert admin.calls.count("CreateExecution") == 2
    assert len(admin.executions()) == 1
    assert platform.workflow("twice").status.node("n0").phase is NodePhase.RUNNING


def test_a_failed_child_fails_the_node_with_the_child_error(platform: Platform) -> None:
    admin, propeller = launched(platform, "sad")
    error = execution_pb2.ExecutionError(
        code="USER:ValueError", message="bad x", kind=execution_pb2.ExecutionError.USER
    )
    admin.finish_execution(child_id("sad"), WF.FAILED, error=error)
    wf = platform.run_to_completion(propeller, "sad")
    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.node("n0").phase is NodePhase.FAILED
    assert wf.status.error == error
    failed = [e for e in platform.events.node_events if e.id.node_id == "n0" and e.phase == NODE.FAILED]
    assert failed[0].workflow_node_metadata.execution_id == child_id("sad")


def test_an_aborted_child_fails_the_node_as_a_user_error(platform: Platform) -> None:
    admin, propeller = launched(platform, "orphan")
    admin.finish_execution(child_id("orphan"), WF.ABORTED)
    wf = platform.run_to_completion(propeller, "orphan")
    error = wf.status.error
    assert error is not None
    assert error.code == "RemoteChildWorkflowExecutionFailed"
    assert error.kind == execution_pb2.ExecutionError.USER
    assert f"launchplan [{child_id('orphan').name}] aborted" in error.message


def test_aborting_the_parent_terminates_the_child(platform: Platform) -> None:
    admin, propeller = launched(platform, "doomed")
    platform.store.delete(NAMESPACE, "doomed")

    def gone() -> bool:
        propeller.run_once()
        return platform.store.find(NAMESPACE, "doomed") is None

    wait_for(gone, timeout=10, interval=0.01, message="the aborted parent to go")
    child = admin.execution(child_id("doomed"))
    assert child.closure.phase == WF.ABORTED
    assert "cascading abort as parent execution id [doomed] aborted" in child.closure.abort_metadata.cause


def test_recovery_reuses_a_node_that_succeeded_in_the_original_execution(platform: Platform) -> None:
    admin = MemoryAdminClient()
    original = identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="first")
    admin.add_node_execution(
        identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=original),
        NODE.SUCCEEDED,
        inputs=literals_pb2.LiteralMap(literals={"x": int_literal(3)}),
        outputs=literals_pb2.LiteralMap(literals={"o0": int_literal(99)}),
    )
    platform.launch_closure("again", one_node_closure(lp_node()), x=3, recovery_execution=original)
    wf: FlyteWorkflow = platform.run_to_completion(propeller_with(platform, admin), "again")
    assert wf.status.phase is WorkflowPhase.SUCCESS
    assert wf.status.node("n0").phase is NodePhase.RECOVERED
    assert not admin.executions(), "a recovered node launches nothing"
    outputs = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert outputs.literals["o0"].scalar.primitive.integer == 99
    phases = [e.phase for e in platform.events.node_events if e.id.node_id == "n0"]
    assert phases == [NODE.RECOVERED]


def test_recovery_runs_nodes_that_did_not_succeed_before(platform: Platform) -> None:
    admin = MemoryAdminClient()
    original = identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="first")
    admin.add_node_execution(
        identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=original), NODE.FAILED
    )
    platform.launch_closure("retry", one_node_closure(lp_node()), x=3, recovery_execution=original)
    propeller = propeller_with(platform, admin)
    wait_for(
        lambda: run_once(propeller) and bool(admin.executions()),
        timeout=10,
        interval=0.01,
        message="the node to run anew",
    )
    assert admin.executions()[0].id == child_id("retry")


def test_a_running_child_counts_against_max_parallelism(platform: Platform) -> None:
    closure = one_node_closure(lp_node())
    template = closure.primary.template
    second = workflow_pb2.Node()
    second.CopyFrom(template.nodes[1])
    second.id = "n1"
    template.nodes.append(second)
    connections = closure.primary.connections
    connections.downstream["start-node"].ids.append("n1")
    connections.downstream["n1"].ids.append("end-node")
    connections.upstream["n1"].ids.append("start-node")
    connections.upstream["end-node"].ids.append("n1")
    admin = MemoryAdminClient()
    propeller = propeller_with(platform, admin)
    platform.launch_closure("busy", closure, x=3, max_parallelism=1)
    wait_for(
        lambda: run_once(propeller) and bool(admin.executions()),
        timeout=10,
        interval=0.01,
        message="the first child to launch",
    )
    for _ in range(3):
        propeller.run_once()
    assert len(admin.executions()) == 1, "one running child uses up the parallelism of 1"
    first = admin.executions()[0].id
    admin.finish_execution(
        first, WF.SUCCEEDED, outputs=literals_pb2.LiteralMap(literals={"o0": int_literal(1)})
    )
    wait_for(
        lambda: run_once(propeller) and len(admin.executions()) == 2,
        timeout=10,
        interval=0.01,
        message="the second child to launch once the first finished",
    )


def test_a_timed_out_attempt_launches_a_new_child_on_retry(platform: Platform) -> None:
    node = lp_node()
    node.metadata.timeout.FromSeconds(60)
    node.metadata.retries.retries = 1
    closure = one_node_closure(node)
    closure.primary.template.nodes[1].metadata.CopyFrom(node.metadata)
    platform.launch_closure("retried", closure, x=3)
    admin = MemoryAdminClient()
    settings = platform.settings.model_copy(update={"admin_poll_interval": 0.0})
    executor = WorkflowExecutor(
        platform.blobs, default_plugins(platform.cluster), platform.events, settings, admin
    )
    wf = FlyteWorkflow(platform.store.get(NAMESPACE, "retried"))
    t0 = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    for step in range(4):  # Ready -> Running, start node, queue n0, launch the first child
        executor.handle(wf, now=t0 + timedelta(seconds=step))
    assert [e.id for e in admin.executions()] == [child_id("retried")]

    started = wf.status.node("n0").attempt_started_at
    assert started is not None
    for step in range(3):  # the attempt times out, is retried, and the new attempt launches
        executor.handle(wf, now=started + timedelta(seconds=61 + step))
    retry_child = identifier_pb2.WorkflowExecutionIdentifier(
        project=PROJECT, domain=DOMAIN, name=fixed_length_unique_id("retried-n0-1", 20, wide_hash=True)
    )
    assert [e.id for e in admin.executions()] == [child_id("retried"), retry_child]
    assert admin.execution(child_id("retried")).closure.phase == WF.ABORTED, "the timed-out child is stopped"

    admin.finish_execution(
        retry_child, WF.SUCCEEDED, outputs=literals_pb2.LiteralMap(literals={"o0": int_literal(5)})
    )
    for step in range(5):
        executor.handle(wf, now=started + timedelta(seconds=70 + step))
    assert wf.status.phase is WorkflowPhase.SUCCESS
    assert wf.status.node("n0").attempts == 1
