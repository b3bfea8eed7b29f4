"""Executions over gRPC: creation hands a FlyteWorkflow document to the store, inputs land in the blob
store, single-task executions get generated entities, termination marks the document deleted."""

from __future__ import annotations

from pathlib import Path

import grpc  # type: ignore[import-untyped]

from flyteadmin.executors import ExecutionRequestData
from flyteadmin.main import build_admin
from flyteidl.admin import common_pb2, execution_pb2, task_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flytestdlib.flyteworkflow import FlyteWorkflow
from flytestdlib.storage import read_proto, write_proto
from tests.admin.builders import (
    DOMAIN,
    PROJECT,
    WF_PHASE,
    execution_request,
    float_literal,
    ident,
    int_literal,
    task_spec,
    workflow_event,
)
from tests.admin.conftest import RunningAdmin, admin_settings
from tests.admin.test_registration import register_basics, rpc_error


def test_create_execution_writes_inputs_and_the_workflow_document(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    _, _, launch_plan_id = register_basics(running_admin)
    created = stub.CreateExecution(execution_request(launch_plan_id, "myrun", x=int_literal(5)))
    execution_id = created.id
    assert (execution_id.project, execution_id.domain, execution_id.name) == (PROJECT, DOMAIN, "myrun")

    inputs_uri = running_admin.blobs.join("metadata", PROJECT, DOMAIN, "myrun", "inputs")
    merged = read_proto(running_admin.blobs, inputs_uri, literals_pb2.LiteralMap)
    assert {k: v.scalar.primitive.integer for k, v in merged.literals.items()} == {"x": 5, "y": 4}
    user_inputs = read_proto(
        running_admin.blobs, inputs_uri.replace("/inputs", "/user_inputs"), literals_pb2.LiteralMap
    )
    assert list(user_inputs.literals) == ["x"]

    document = running_admin.workflow_store.get(f"{PROJECT}-{DOMAIN}", "myrun")
    workflow = FlyteWorkflow(document)
    assert workflow.execution_id == execution_id
    assert workflow.inputs.literals["y"].scalar.primitive.integer == 4
    assert set(workflow.spec.node_ids()) >= {"start-node", "n0", "n1", "end-node"}
    assert workflow.raw_output_prefix == running_admin.blobs.join("raw")

    execution = stub.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=execution_id))
    assert execution.closure.phase == WF_PHASE.UNDEFINED
    assert execution.closure.workflow_id.name == "mod.wf"
    assert execution.spec.launch_plan == launch_plan_id
    assert execution.spec.metadata.system_metadata.namespace == f"{PROJECT}-{DOMAIN}"
    assert execution.spec.max_parallelism == 25

    error = rpc_error(stub.CreateExecution, execution_request(launch_plan_id, "myrun", x=int_literal(5)))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS


def test_generated_names_and_input_errors(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    _, _, launch_plan_id = register_basics(running_admin)
    generated = stub.CreateExecution(execution_request(launch_plan_id, x=int_literal(1))).id.name
    assert len(generated) == 20 and generated.startswith("a")
    cases = [
        (execution_request(launch_plan_id), "x"),  # required input missing
        (execution_request(launch_plan_id, x=float_literal(1.5)), "wrong type"),
        (execution_request(launch_plan_id, x=int_literal(1), z=int_literal(2)), "invalid input z"),
        (execution_request(launch_plan_id, "Bad_Name!", x=int_literal(1)), "name"),
        (execution_request(ident(identifier_pb2.LAUNCH_PLAN, "mod.none"), x=int_literal(1)), "mod.none"),
    ]
    for request, fragment in cases:
        error = rpc_error(stub.CreateExecution, request)
        assert error.code() in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND), error.details()
        assert fragment in error.details()


def test_single_task_execution_generates_workflow_and_launch_plan(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    task_id, task = task_spec("mod.double")
    stub.CreateTask(task_pb2.TaskCreateRequest(id=task_id, spec=task))
    request = execution_request(task_id, "single", a=int_literal(1), b=int_literal(2))
    stub.CreateExecution(request)
    stub.CreateExecution(execution_request(task_id, "single2", a=int_literal(1), b=int_literal(2)))
    generated = ident(identifier_pb2.LAUNCH_PLAN, ".flytegen.mod.double")
    plan = stub.GetLaunchPlan(common_pb2.ObjectGetRequest(id=generated))
    assert plan.spec.workflow_id.name == ".flytegen.mod.double"
    execution = stub.GetExecution(
        execution_pb2.WorkflowExecutionGetRequest(
            id=identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="single")
        )
    )
    assert execution.spec.launch_plan == task_id
    document = FlyteWorkflow(running_admin.workflow_store.get(f"{PROJECT}-{DOMAIN}", "single"))
    assert "moddouble" in document.spec.node_ids()


def test_execution_data_and_list(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    _, _, launch_plan_id = register_basics(running_admin)
    execution_id = stub.CreateExecution(execution_request(launch_plan_id, "withdata", x=int_literal(7))).id
    outputs_uri = running_admin.blobs.join(
        "metadata", "propeller", "withdata", "end-node", "data", "0", "outputs.pb"
    )
    write_proto(running_admin.blobs, outputs_uri, literals_pb2.LiteralMap(literals={"o0": int_literal(18)}))
    stub.CreateWorkflowEvent(workflow_event(execution_id, WF_PHASE.RUNNING))
    stub.CreateWorkflowEvent(workflow_event(execution_id, WF_PHASE.SUCCEEDED, output_uri=outputs_uri))
    data = stub.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=execution_id))
    assert data.full_inputs.literals["x"].scalar.primitive.integer == 7
    assert data.full_outputs.literals["o0"].scalar.primitive.integer == 18
    stub.CreateExecution(execution_request(launch_plan_id, "other", x=int_literal(1)))

    scope = common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN)
    listed = stub.ListExecutions(
        common_pb2.ResourceListRequest(
            id=scope, limit=10, filters="eq(phase,SUCCEEDED)+eq(launch_plan.name,mod.wf)"
        )
    )
    assert [e.id.name for e in listed.executions] == ["withdata"]
    page = stub.ListExecutions(
        common_pb2.ResourceListRequest(id=scope, limit=1, sort_by=common_pb2.Sort(key="execution_created_at"))
    )
    assert [e.id.name for e in page.executions] == ["other"] and page.token == "1"
    error = rpc_error(
        stub.ListExecutions, common_pb2.ResourceListRequest(id=scope, limit=5, filters="eq(nope,1)")
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "nope" in error.details()


def test_terminate_marks_the_document_for_deletion(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    _, _, launch_plan_id = register_basics(running_admin)
    execution_id = stub.CreateExecution(execution_request(launch_plan_id, "stopme", x=int_literal(1))).id
    stub.TerminateExecution(execution_pb2.ExecutionTerminateRequest(id=execution_id, cause="user asked"))
    execution = stub.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=execution_id))
    assert execution.closure.phase == WF_PHASE.ABORTING
    assert execution.closure.abort_metadata.cause == "user asked"
    document = running_admin.workflow_store.get(f"{PROJECT}-{DOMAIN}", "stopme")
    assert document["metadata"]["deletionTimestamp"]
    stub.CreateWorkflowEvent(workflow_event(execution_id, WF_PHASE.ABORTED))
    error = rpc_error(
        stub.TerminateExecution, execution_pb2.ExecutionTerminateRequest(id=execution_id, cause="again")
    )
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "ABORTED" in error.details()


class _RefusingEngine:
    """A WorkflowExecutor whose engine rejects every execution (the outer seam of admin)."""

    def execute(self, request: ExecutionRequestData) -> None:
        raise RuntimeError(f"cluster is full, cannot run {request.execution_id.name}")

    def abort(self, execution_id: identifier_pb2.WorkflowExecutionIdentifier, cause: str) -> None:
        raise AssertionError("not expected")


def test_engine_refusal_leaves_a_failed_execution(tmp_path: Path) -> None:
    settings = admin_settings(tmp_path)
    app = build_admin(settings, executor=_RefusingEngine())
    try:
        task_id, task = task_spec("mod.t")
        app.services.tasks.create(task_pb2.TaskCreateRequest(id=task_id, spec=task))
        execution_id = app.services.executions.create(
            execution_request(task_id, "refused", a=int_literal(1), b=int_literal(2))
        )
        execution = app.services.executions.get(execution_id)
        assert execution.closure.phase == WF_PHASE.FAILED
        assert execution.closure.error.code == "Internal"
        assert "cluster is full" in execution.closure.error.message
    finally:
        app.stop()


def test_duplicate_names_do_not_touch_the_existing_inputs(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    _, _, launch_plan_id = register_basics(running_admin)
    stub.CreateExecution(execution_request(launch_plan_id, "keep", x=int_literal(1)))
    error = rpc_error(stub.CreateExecution, execution_request(launch_plan_id, "keep", x=int_literal(99)))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    inputs_uri = running_admin.blobs.join("metadata", PROJECT, DOMAIN, "keep", "inputs")
    assert (
        read_proto(running_admin.blobs, inputs_uri, literals_pb2.LiteralMap)
        .literals["x"]
        .scalar.primitive.integer
        == 1
    )
