"""End to end on the sandbox: conditionals nested in a conditional's arms, one arm calling a
sub-workflow that flytekit does not embed in the spec (admin takes it from the registered ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flyteidl.admin import execution_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, int_literal, launch, pyflyte

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLOWS = Path(__file__).parent / "workflows"
WORKFLOW = "branch_flows.nesting.nested"


@pytest.fixture(scope="module")
def registered(sandbox: RunningSandbox) -> None:
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(FLOWS / "branch_flows"))


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [(9, 500, 5000), (9, 2, 3), (9, 0, 100), (1, 3, 30)],
)
def test_nested_arms_run_the_selected_path(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, x: int, y: int, expected: int
) -> None:
    exec_id = launch(admin, WORKFLOW, {"x": int_literal(x), "y": int_literal(y)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    assert data.full_outputs.literals["o0"].scalar.primitive.integer == expected


def test_a_failing_nested_arm_fails_the_execution(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, WORKFLOW, {"x": int_literal(1), "y": int_literal(4)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "FAILED"
    assert "y must be 3" in execution.closure.error.message
