"""Helpers of the end-to-end tests: wait for an execution through the admin API."""

from __future__ import annotations

from flyteidl.admin import execution_pb2
from flyteidl.core import execution_pb2 as core_execution
from flyteidl.core import identifier_pb2
from flyteidl.service import admin_pb2_grpc
from tests.services.waiting import wait_for

TERMINAL = {
    core_execution.WorkflowExecution.SUCCEEDED,
    core_execution.WorkflowExecution.FAILED,
    core_execution.WorkflowExecution.ABORTED,
    core_execution.WorkflowExecution.TIMED_OUT,
}


def wait_for_terminal(
    admin: admin_pb2_grpc.AdminServiceStub,
    execution_id: identifier_pb2.WorkflowExecutionIdentifier,
    timeout: float = 120.0,
) -> execution_pb2.Execution:
    def done() -> execution_pb2.Execution | None:
        execution = admin.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=execution_id))
        return execution if execution.closure.phase in TERMINAL else None

    finished = wait_for(
        done, timeout=timeout, interval=0.2, message=f"execution {execution_id.name} to finish"
    )
    assert finished is not None
    return finished


def phase_name(phase: int) -> str:
    return str(core_execution.WorkflowExecution.Phase.Name(phase))
