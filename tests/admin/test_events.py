"""Event ingestion over gRPC: phase rules, idempotency, error details, and what clients then read."""

from __future__ import annotations

import grpc  # type: ignore[import-untyped]

from flyteidl.admin import event_pb2, execution_pb2, node_execution_pb2, task_execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.event import event_pb2 as engine_events
from flyteidl.service import dataproxy_pb2
from flytestdlib.storage import write_proto
from tests.admin.builders import (
    NODE_PHASE,
    TASK_PHASE,
    WF_PHASE,
    execution_request,
    int_literal,
    node_event,
    task_event,
    workflow_event,
)
from tests.admin.conftest import RunningAdmin
from tests.admin.test_registration import register_basics, rpc_error, status_details


def _start(
    admin: RunningAdmin, name: str
) -> tuple[identifier_pb2.WorkflowExecutionIdentifier, identifier_pb2.Identifier]:
    task_id, _, launch_plan_id = register_basics(admin)
    execution_id = admin.admin.CreateExecution(execution_request(launch_plan_id, name, x=int_literal(2))).id
    return execution_id, task_id


def _failure_reason(error: grpc.RpcError) -> event_pb2.EventFailureReason:
    [detail] = status_details(error)
    reason = event_pb2.EventFailureReason()
    detail.Unpack(reason)  # type: ignore[attr-defined]
    return reason


def test_workflow_event_phase_rules(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    execution_id, _ = _start(running_admin, "wfevents")
    stub.CreateWorkflowEvent(workflow_event(execution_id, WF_PHASE.QUEUED))
    stub.CreateWorkflowEvent(workflow_event(execution_id, WF_PHASE.QUEUED))  # repeated QUEUED is fine
    stub.CreateWorkflowEvent(workflow_event(execution_id, WF_PHASE.RUNNING))
    error = rpc_error(stub.CreateWorkflowEvent, workflow_event(execution_id, WF_PHASE.RUNNING))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    error = rpc_error(stub.CreateWorkflowEvent, workflow_event(execution_id, WF_PHASE.QUEUED))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    stub.CreateWorkflowEvent(
        workflow_event(
            execution_id,
            WF_PHASE.FAILED,
            error=core_execution_pb2.ExecutionError(
                code="USER:ValueError", message="boom", kind=core_execution_pb2.ExecutionError.USER
            ),
        )
    )
    error = rpc_error(stub.CreateWorkflowEvent, workflow_event(execution_id, WF_PHASE.SUCCEEDED))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert _failure_reason(error).already_in_terminal_state.current_phase == "FAILED"

    execution = stub.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=execution_id))
    closure = execution.closure
    assert closure.phase == WF_PHASE.FAILED
    assert closure.error.code == "USER:ValueError" and closure.error.message == "boom"
    assert closure.HasField("started_at") and closure.HasField("duration")

    missing = identifier_pb2.WorkflowExecutionIdentifier(
        project="flytesnacks", domain="development", name="nope"
    )
    error = rpc_error(stub.CreateWorkflowEvent, workflow_event(missing, WF_PHASE.RUNNING))
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_foreign_cluster_events_are_refused(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    execution_id, _ = _start(running_admin, "clusters")
    request = workflow_event(execution_id, WF_PHASE.QUEUED)
    request.event.producer_id = "cluster-a"
    stub.CreateWorkflowEvent(request)
    request = workflow_event(execution_id, WF_PHASE.RUNNING)
    request.event.producer_id = "cluster-b"
    error = rpc_error(stub.CreateWorkflowEvent, request)
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert _failure_reason(error).incompatible_cluster.cluster == "cluster-a"


def test_node_and_task_events_build_the_execution_tree(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    execution_id, task_id = _start(running_admin, "tree")
    blobs = running_admin.blobs
    data_dir = blobs.join("metadata", "propeller", "flytesnacks-development-tree", "n0", "data")
    write_proto(
        blobs,
        f"{data_dir}/inputs.pb",
        literals_pb2.LiteralMap(literals={"a": int_literal(2), "b": int_literal(4)}),
    )
    write_proto(blobs, f"{data_dir}/0/outputs.pb", literals_pb2.LiteralMap(literals={"o0": int_literal(6)}))

    stub.CreateNodeEvent(node_event(execution_id, "n0", NODE_PHASE.QUEUED, input_uri=f"{data_dir}/inputs.pb"))
    stub.CreateNodeEvent(node_event(execution_id, "n0", NODE_PHASE.RUNNING))
    error = rpc_error(stub.CreateNodeEvent, node_event(execution_id, "n0", NODE_PHASE.RUNNING))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS

    log = core_execution_pb2.TaskLog(uri="http://127.0.0.1/api/v1/logs/ns/pod-1", name="local")
    stub.CreateTaskEvent(task_event(execution_id, "n0", task_id, TASK_PHASE.RUNNING, logs=[log]))
    stub.CreateTaskEvent(task_event(execution_id, "n0", task_id, TASK_PHASE.RUNNING, phase_version=1))
    error = rpc_error(
        stub.CreateTaskEvent, task_event(execution_id, "n0", task_id, TASK_PHASE.RUNNING, phase_version=1)
    )
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    stub.CreateTaskEvent(
        task_event(
            execution_id,
            "n0",
            task_id,
            TASK_PHASE.SUCCEEDED,
            phase_version=0,
            output_uri=f"{data_dir}/0/outputs.pb",
            reasons=[engine_events.EventReason(reason="done")],
        )
    )
    error = rpc_error(
        stub.CreateTaskEvent, task_event(execution_id, "n0", task_id, TASK_PHASE.RUNNING, phase_version=5)
    )
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert _failure_reason(error).already_in_terminal_state.current_phase == "SUCCEEDED"
    stub.CreateNodeEvent(
        node_event(execution_id, "n0", NODE_PHASE.SUCCEEDED, output_uri=f"{data_dir}/0/outputs.pb")
    )
    error = rpc_error(stub.CreateNodeEvent, node_event(execution_id, "n0", NODE_PHASE.FAILED))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert _failure_reason(error).already_in_terminal_state.current_phase == "FAILED"  # the incoming phase

    nodes = stub.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(workflow_execution_id=execution_id, limit=10)
    )
    assert [(n.id.node_id, n.closure.phase) for n in nodes.node_executions] == [("n0", NODE_PHASE.SUCCEEDED)]
    node_data = stub.GetNodeExecutionData(
        node_execution_pb2.NodeExecutionGetDataRequest(id=nodes.node_executions[0].id)
    )
    assert node_data.full_inputs.literals["b"].scalar.primitive.integer == 4
    assert node_data.full_outputs.literals["o0"].scalar.primitive.integer == 6
    assert node_data.flyte_urls.inputs == "flyte://v1/flytesnacks/development/tree/n0/i"

    attempts = stub.ListTaskExecutions(
        task_execution_pb2.TaskExecutionListRequest(node_execution_id=nodes.node_executions[0].id, limit=10)
    )
    [attempt] = attempts.task_executions
    assert attempt.closure.phase == TASK_PHASE.SUCCEEDED
    assert [(entry.name, entry.uri) for entry in attempt.closure.logs] == [("local", log.uri)]
    assert [r.message for r in attempt.closure.reasons] == ["done"]
    assert attempt.closure.HasField("started_at") and attempt.closure.HasField("duration")
    task_data = stub.GetTaskExecutionData(task_execution_pb2.TaskExecutionGetDataRequest(id=attempt.id))
    assert task_data.full_outputs.literals["o0"].scalar.primitive.integer == 6
    assert task_data.flyte_urls.outputs == "flyte://v1/flytesnacks/development/tree/n0/0/o"

    def get_data(url: str) -> dataproxy_pb2.GetDataResponse:
        response: dataproxy_pb2.GetDataResponse = running_admin.data_proxy.GetData(
            dataproxy_pb2.GetDataRequest(flyte_url=url)
        )
        return response

    assert get_data(node_data.flyte_urls.inputs).literal_map.literals["a"].scalar.primitive.integer == 2
    assert get_data(task_data.flyte_urls.outputs + "/o0").literal.scalar.primitive.integer == 6
    error = rpc_error(
        running_admin.data_proxy.GetData, dataproxy_pb2.GetDataRequest(flyte_url="flyte://v2/x")
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    error = rpc_error(
        running_admin.data_proxy.GetData,
        dataproxy_pb2.GetDataRequest(flyte_url=node_data.flyte_urls.outputs + "/zz"),
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_sub_nodes_are_listed_under_their_parent(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    execution_id, _ = _start(running_admin, "nested")
    stub.CreateNodeEvent(node_event(execution_id, "n0", NODE_PHASE.RUNNING, is_parent=True))
    child = node_event(execution_id, "n0-0-n1", NODE_PHASE.RUNNING, spec_node_id="n1", retry_group="0")
    child.event.parent_node_metadata.node_id = "n0"
    stub.CreateNodeEvent(child)
    orphan = node_event(execution_id, "x-0-y", NODE_PHASE.RUNNING)
    orphan.event.parent_node_metadata.node_id = "missing"
    assert rpc_error(stub.CreateNodeEvent, orphan).code() == grpc.StatusCode.NOT_FOUND

    top = stub.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(workflow_execution_id=execution_id, limit=10)
    )
    assert [n.id.node_id for n in top.node_executions] == ["n0"]
    assert top.node_executions[0].metadata.is_parent_node
    children = stub.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(
            workflow_execution_id=execution_id, limit=10, unique_parent_id="n0"
        )
    )
    assert [(n.id.node_id, n.metadata.spec_node_id) for n in children.node_executions] == [("n0-0-n1", "n1")]
    error = rpc_error(
        stub.ListNodeExecutions,
        node_execution_pb2.NodeExecutionListRequest(
            workflow_execution_id=execution_id, limit=10, unique_parent_id="zz"
        ),
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_inline_output_data_is_offloaded(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    execution_id, _ = _start(running_admin, "inline")
    stub.CreateWorkflowEvent(workflow_event(execution_id, WF_PHASE.RUNNING))
    outputs = literals_pb2.LiteralMap(literals={"o0": int_literal(42)})
    stub.CreateWorkflowEvent(workflow_event(execution_id, WF_PHASE.SUCCEEDED, output_data=outputs))
    execution = stub.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=execution_id))
    assert execution.closure.outputs.uri.endswith(
        "/metadata/flytesnacks/development/inline/offloaded_outputs"
    )
    data = stub.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=execution_id))
    assert data.full_outputs == outputs
