"""End to end on the sandbox: gate nodes and launch-plan nodes of workflows registered with pyflyte.

Signals are given the way users give them, with ``FlyteRemote.set_signal`` / ``approve`` /
``reject``; a launch plan called inside a workflow runs as a child execution that admin lists,
whose failure fails the parent and which is terminated when the parent is aborted. Results equal
those of local runs of the same workflows.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flyteidl.admin import execution_pb2, node_execution_pb2, task_execution_pb2
from flyteidl.core import execution_pb2 as core_execution
from flyteidl.core import identifier_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, int_literal, launch, pyflyte, str_literal
from tests.services.waiting import wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLOWS = Path(__file__).parent / "workflows"
GATES = "control_flows.gates"
LPS = "control_flows.launchplans"
NODE = core_execution.NodeExecution.Phase


@pytest.fixture(scope="module")
def registered(sandbox: RunningSandbox) -> None:
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(FLOWS / "control_flows"))


@pytest.fixture(scope="module")
def remote(sandbox: RunningSandbox) -> Any:
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    return FlyteRemote(
        Config.auto(config_file=str(sandbox.config_path)), default_project=PROJECT, default_domain=DOMAIN
    )


@pytest.fixture(scope="module")
def local_flows() -> Iterator[Any]:
    """The workflow modules, imported for local runs."""
    sys.path.insert(0, str(FLOWS))
    try:
        yield (
            importlib.import_module("control_flows.gates"),
            importlib.import_module("control_flows.launchplans"),
        )
    finally:
        sys.path.remove(str(FLOWS))


def outputs(
    admin: admin_pb2_grpc.AdminServiceStub, exec_id: identifier_pb2.WorkflowExecutionIdentifier
) -> Any:
    return admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id)).full_outputs


def wait_for_signal(remote: Any, exec_id: identifier_pb2.WorkflowExecutionIdentifier, signal_id: str) -> None:
    wait_for(
        lambda: any(s.id.signal_id == signal_id for s in remote.list_signals(exec_id.name)),
        timeout=60,
        interval=0.2,
        message=f"signal {signal_id} of {exec_id.name} to be declared",
    )


def node(
    admin: admin_pb2_grpc.AdminServiceStub, exec_id: identifier_pb2.WorkflowExecutionIdentifier, node_id: str
) -> Any:
    found = admin.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(workflow_execution_id=exec_id, limit=100)
    ).node_executions
    return {n.id.node_id: n for n in found}.get(node_id)


def test_a_sleep_gate_delays_the_next_node(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, local_flows: Any
) -> None:
    gates, _ = local_flows
    exec_id = launch(admin, f"{GATES}.sleepy", {"a": int_literal(1)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    assert outputs(admin, exec_id).literals["o0"].scalar.primitive.integer == gates.sleepy(a=1)
    assert execution.closure.duration.ToTimedelta().total_seconds() >= 2


def test_wait_for_input_takes_the_value_set_with_flyteremote(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, remote: Any
) -> None:
    exec_id = launch(admin, f"{GATES}.ask_name", {"a": int_literal(1)})
    wait_for_signal(remote, exec_id, "user-name")
    remote.set_signal("user-name", exec_id.name, "Ada")
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    assert outputs(admin, exec_id).literals["o0"].scalar.primitive.string_value == "hello Ada #2"


def test_an_approved_gate_passes_its_value_on(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, remote: Any
) -> None:
    exec_id = launch(admin, f"{GATES}.approved_increment", {"a": int_literal(1)})
    wait_for_signal(remote, exec_id, "approve-increment")
    remote.approve("approve-increment", exec_id.name)
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    assert outputs(admin, exec_id).literals["o0"].scalar.primitive.integer == 3


def test_a_rejected_gate_fails_the_execution(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, remote: Any
) -> None:
    exec_id = launch(admin, f"{GATES}.approved_increment", {"a": int_literal(1)})
    wait_for_signal(remote, exec_id, "approve-increment")
    remote.reject("approve-increment", exec_id.name)
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "FAILED"
    assert execution.closure.error.code == "ReceivedRejectSignal"
    assert execution.closure.error.kind == core_execution.ExecutionError.USER


def test_a_launch_plan_runs_as_a_child_execution(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, local_flows: Any, remote: Any
) -> None:
    _, launchplans = local_flows
    exec_id = launch(admin, f"{LPS}.parent", {"x": int_literal(3)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    assert outputs(admin, exec_id).literals["o0"].scalar.primitive.integer == launchplans.parent(x=3)

    lp_node = node(admin, exec_id, "n0")
    assert lp_node is not None and NODE.Name(lp_node.closure.phase) == "SUCCEEDED"
    child_id = lp_node.closure.workflow_node_metadata.executionId
    assert child_id.name
    child = admin.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=child_id))
    assert phase_name(child.closure.phase) == "SUCCEEDED"
    metadata = child.spec.metadata
    assert metadata.mode == execution_pb2.ExecutionMetadata.CHILD_WORKFLOW
    assert metadata.nesting == 1
    assert metadata.parent_node_execution.execution_id.name == exec_id.name
    assert metadata.parent_node_execution.node_id == "n0"
    assert outputs(admin, child_id).literals["o0"].scalar.primitive.integer == 6

    synced = remote.sync_execution(remote.fetch_execution(name=exec_id.name), sync_nodes=True)
    launched = synced.node_executions["n0"].workflow_executions
    assert [run.id.name for run in launched] == [child_id.name]
    assert launched[0].outputs["o0"] == 6


def test_a_failing_child_fails_the_parent(admin: admin_pb2_grpc.AdminServiceStub, registered: None) -> None:
    exec_id = launch(admin, f"{LPS}.parent_of_fragile", {"x": int_literal(0)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "FAILED"
    assert "x must be positive, got 0" in execution.closure.error.message
    assert execution.closure.error.kind == core_execution.ExecutionError.USER


def test_aborting_the_parent_terminates_the_child(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, f"{LPS}.parent_of_waiting", {"x": int_literal(2)})

    def child() -> identifier_pb2.WorkflowExecutionIdentifier | None:
        found = node(admin, exec_id, "n0")
        if found is None or not found.closure.workflow_node_metadata.executionId.name:
            return None
        return found.closure.workflow_node_metadata.executionId  # type: ignore[no-any-return]

    child_id = wait_for(child, timeout=60, interval=0.2, message="the child execution to start")
    assert child_id is not None
    admin.TerminateExecution(execution_pb2.ExecutionTerminateRequest(id=exec_id, cause="stop it"))
    parent = wait_for_terminal(admin, exec_id)
    assert phase_name(parent.closure.phase) == "ABORTED"
    terminated = wait_for_terminal(admin, child_id)
    assert phase_name(terminated.closure.phase) == "ABORTED"
    assert "cascading abort" in terminated.closure.abort_metadata.cause


def test_recovery_reuses_the_nodes_that_succeeded(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, tmp_path: Path
) -> None:
    marker = tmp_path / "marker"
    exec_id = launch(admin, f"{LPS}.recoverable", {"x": int_literal(4), "marker": str_literal(str(marker))})
    first = wait_for_terminal(admin, exec_id)
    assert phase_name(first.closure.phase) == "FAILED"
    assert "is missing" in first.closure.error.message

    marker.write_text("here")
    recovered_id = admin.RecoverExecution(execution_pb2.ExecutionRecoverRequest(id=exec_id)).id
    recovered = wait_for_terminal(admin, recovered_id)
    assert phase_name(recovered.closure.phase) == "SUCCEEDED", recovered.closure.error
    assert outputs(admin, recovered_id).literals["o0"].scalar.primitive.integer == 108

    reused = node(admin, recovered_id, "n0")
    assert reused is not None and NODE.Name(reused.closure.phase) == "RECOVERED"
    attempts = admin.ListTaskExecutions(
        task_execution_pb2.TaskExecutionListRequest(node_execution_id=reused.id, limit=10)
    ).task_executions
    assert not attempts, "a recovered node runs no task"
    rerun = node(admin, recovered_id, "n1")
    assert rerun is not None and NODE.Name(rerun.closure.phase) == "SUCCEEDED"


def test_the_reference_flyteremote_lists_and_sets_signals(
    sandbox: RunningSandbox, admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    from tests.reference.venvs import ensure_venv

    reference = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    exec_id = launch(admin, f"{GATES}.ask_name", {"a": int_literal(4)})
    given = reference.run(
        str(Path(__file__).with_name("reference_signals.py")),
        str(sandbox.config_path),
        PROJECT,
        DOMAIN,
        exec_id.name,
        "user-name",
        "str:Grace",
        capture_output=True,
        timeout=120,
    )
    assert given.returncode == 0, given.stdout.decode() + given.stderr.decode()
    assert given.stdout.decode().split() == ["user-name"]
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    assert outputs(admin, exec_id).literals["o0"].scalar.primitive.string_value == "hello Grace #5"
