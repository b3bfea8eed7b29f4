"""End to end on the sandbox: a workflow with a conditional, registered with pyflyte and run through
the admin API and with ``pyflyte run --remote``; the branch node and its selected child show up as
node executions, and ``else_().fail`` fails the execution with the user's message."""

from __future__ import annotations

from pathlib import Path

import pytest

from flyteidl.admin import execution_pb2, node_execution_pb2
from flyteidl.core import execution_pb2 as core_execution
from flyteidl.core import identifier_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, int_literal, launch, pyflyte

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLOWS = Path(__file__).parent / "workflows"
WORKFLOW = "branch_flows.choosing.pick"
NODE = core_execution.NodeExecution.Phase


@pytest.fixture(scope="module")
def registered(sandbox: RunningSandbox) -> None:
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(FLOWS / "branch_flows"))


def _nodes(
    admin: admin_pb2_grpc.AdminServiceStub,
    exec_id: identifier_pb2.WorkflowExecutionIdentifier,
    parent: str = "",
) -> dict[str, node_execution_pb2.NodeExecution]:
    request = node_execution_pb2.NodeExecutionListRequest(
        workflow_execution_id=exec_id, limit=100, unique_parent_id=parent
    )
    return {n.id.node_id: n for n in admin.ListNodeExecutions(request).node_executions}


def test_the_branch_taken_runs_and_its_output_is_the_workflow_output(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, WORKFLOW, {"x": int_literal(10)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    assert data.full_outputs.literals["o0"].scalar.primitive.integer == 50

    top = _nodes(admin, exec_id)
    assert NODE.Name(top["n1"].closure.phase) == "SUCCEEDED"
    children = _nodes(admin, exec_id, parent="n1")
    assert list(children) == ["n1-0-n1-n0"], sorted(children)
    assert NODE.Name(children["n1-0-n1-n0"].closure.phase) == "SUCCEEDED"
    assert children["n1-0-n1-n0"].metadata.spec_node_id == "n1-n0"


def test_else_fail_fails_the_execution_with_the_message(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, WORKFLOW, {"x": int_literal(3)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "FAILED"
    error = execution.closure.error
    assert "no branch for small inputs" in error.message, error
    assert error.kind == core_execution.ExecutionError.USER


def test_pyflyte_run_remote_takes_the_elif_branch(sandbox: RunningSandbox) -> None:
    out = pyflyte(
        sandbox,
        "run",
        "--remote",
        "--wait",
        "--project",
        PROJECT,
        "--domain",
        DOMAIN,
        str(FLOWS / "branch_flows" / "choosing.py"),
        "pick",
        "--x",
        "-4",
        cwd=FLOWS,
    )
    assert "succeeded" in out and "o0: 4" in out, out
