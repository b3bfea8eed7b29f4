"""End to end on the sandbox: workflows calling subworkflows, registered with pyflyte and run through
the admin API; the subworkflow's nodes show up as children of the workflow node, its outputs pass
on, and a failing subworkflow fails the execution with the task's error."""

from __future__ import annotations

from pathlib import Path

import pytest

from flyteidl.admin import execution_pb2, node_execution_pb2
from flyteidl.core import execution_pb2 as core_execution
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, int_literal, launch, pyflyte

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLOWS = Path(__file__).parent / "workflows"
MODULE = "subworkflow_flows.nesting"
NODE = core_execution.NodeExecution.Phase


@pytest.fixture(scope="module")
def registered(sandbox: RunningSandbox) -> None:
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(FLOWS / "subworkflow_flows"))


def test_the_subworkflow_runs_and_its_output_passes_on(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, f"{MODULE}.outer", {"x": int_literal(3)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    assert data.full_outputs.literals["o0"].scalar.primitive.integer == 14

    top = admin.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(workflow_execution_id=exec_id, limit=100)
    ).node_executions
    parent = {n.id.node_id: n for n in top}["n0"]
    assert NODE.Name(parent.closure.phase) == "SUCCEEDED"
    assert parent.metadata.is_parent_node
    children = admin.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(
            workflow_execution_id=exec_id, limit=100, unique_parent_id="n0"
        )
    ).node_executions
    by_spec = {n.metadata.spec_node_id: n for n in children}
    assert {"n0", "n1"} <= set(by_spec), sorted(by_spec)
    assert all(NODE.Name(by_spec[i].closure.phase) == "SUCCEEDED" for i in ("n0", "n1"))


def test_a_failing_subworkflow_fails_the_execution(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, f"{MODULE}.outer_checked", {"x": int_literal(0)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "FAILED"
    error = execution.closure.error
    assert "x must be positive, got 0" in error.message, error
    assert error.kind == core_execution.ExecutionError.USER
