"""SignalService (get-or-create, list, set with type checks) and RelaunchExecution/RecoverExecution."""

from __future__ import annotations

import grpc  # type: ignore[import-untyped]
import httpx

from flyteidl.admin import execution_pb2, signal_pb2
from flyteidl.core import identifier_pb2, literals_pb2, types_pb2
from flyteidl.service import signal_pb2_grpc
from flytestdlib.storage import read_proto
from tests.admin.builders import DOMAIN, PROJECT, execution_request, int_literal
from tests.admin.conftest import RunningAdmin
from tests.admin.test_registration import register_basics, rpc_error

BOOL = types_pb2.LiteralType(simple=types_pb2.BOOLEAN)


def _bool(value: bool) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(boolean=value)))


def _start(running_admin: RunningAdmin, name: str) -> identifier_pb2.WorkflowExecutionIdentifier:
    _, _, launch_plan_id = register_basics(running_admin)
    created = running_admin.admin.CreateExecution(execution_request(launch_plan_id, name, x=int_literal(3)))
    execution_id: identifier_pb2.WorkflowExecutionIdentifier = created.id
    return execution_id


def _signals(running_admin: RunningAdmin) -> signal_pb2_grpc.SignalServiceStub:
    channel = grpc.insecure_channel(f"127.0.0.1:{running_admin.app.grpc_port}")
    return signal_pb2_grpc.SignalServiceStub(channel)  # type: ignore[no-untyped-call]


def test_signals_are_created_once_listed_and_set(running_admin: RunningAdmin) -> None:
    execution_id = _start(running_admin, "gated")
    stub = _signals(running_admin)
    approve_id = identifier_pb2.SignalIdentifier(signal_id="approve-deploy", execution_id=execution_id)
    created = stub.GetOrCreateSignal(signal_pb2.SignalGetOrCreateRequest(id=approve_id, type=BOOL))
    assert created.id == approve_id and created.type == BOOL and not created.HasField("value")
    again = stub.GetOrCreateSignal(
        signal_pb2.SignalGetOrCreateRequest(
            id=approve_id, type=types_pb2.LiteralType(simple=types_pb2.INTEGER)
        )
    )
    assert again.type == BOOL  # the first declaration wins
    count_id = identifier_pb2.SignalIdentifier(signal_id="count", execution_id=execution_id)
    stub.GetOrCreateSignal(
        signal_pb2.SignalGetOrCreateRequest(id=count_id, type=types_pb2.LiteralType(simple=types_pb2.INTEGER))
    )

    listed = stub.ListSignals(signal_pb2.SignalListRequest(workflow_execution_id=execution_id, limit=10))
    assert sorted(signal.id.signal_id for signal in listed.signals) == ["approve-deploy", "count"]

    wrong = rpc_error(stub.SetSignal, signal_pb2.SignalSetRequest(id=count_id, value=_bool(True)))
    assert wrong.code() == grpc.StatusCode.INVALID_ARGUMENT and "expects" in wrong.details()
    stub.SetSignal(signal_pb2.SignalSetRequest(id=approve_id, value=_bool(True)))
    stub.SetSignal(signal_pb2.SignalSetRequest(id=approve_id, value=_bool(False)))  # overwrites
    stub.SetSignal(signal_pb2.SignalSetRequest(id=approve_id, value=_bool(True)))
    unknown = identifier_pb2.SignalIdentifier(signal_id="nope", execution_id=execution_id)
    missing = rpc_error(stub.SetSignal, signal_pb2.SignalSetRequest(id=unknown, value=_bool(True)))
    assert missing.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "failed to validate that signal" in missing.details() and "ListSignals" in missing.details()

    filtered = stub.ListSignals(
        signal_pb2.SignalListRequest(
            workflow_execution_id=execution_id, limit=10, filters="eq(signal_id,approve-deploy)"
        )
    )
    assert [signal.value.scalar.primitive.boolean for signal in filtered.signals] == [True]


def test_signals_need_an_existing_execution_and_are_served_over_rest(running_admin: RunningAdmin) -> None:
    stub = _signals(running_admin)
    ghost = identifier_pb2.SignalIdentifier(
        signal_id="s",
        execution_id=identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="ghost"),
    )
    error = rpc_error(stub.GetOrCreateSignal, signal_pb2.SignalGetOrCreateRequest(id=ghost, type=BOOL))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    execution_id = _start(running_admin, "restgated")
    signal_id = identifier_pb2.SignalIdentifier(signal_id="ok", execution_id=execution_id)
    stub.GetOrCreateSignal(signal_pb2.SignalGetOrCreateRequest(id=signal_id, type=BOOL))
    response = httpx.get(
        f"{running_admin.base_url}/api/v1/signals/{PROJECT}/{DOMAIN}/restgated", params={"limit": 5}
    )
    assert response.status_code == 200, response.text
    assert [signal["id"]["signal_id"] for signal in response.json()["signals"]] == ["ok"]


def test_relaunch_and_recover_reuse_the_user_inputs(running_admin: RunningAdmin) -> None:
    original = _start(running_admin, "first")
    stub = running_admin.admin
    relaunched = stub.RelaunchExecution(
        execution_pb2.ExecutionRelaunchRequest(id=original, name="second", overwrite_cache=True)
    ).id
    assert relaunched.name == "second"
    execution = stub.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=relaunched))
    assert execution.spec.metadata.mode == execution_pb2.ExecutionMetadata.RELAUNCH
    assert execution.spec.metadata.reference_execution == original
    assert execution.spec.overwrite_cache
    inputs = read_proto(
        running_admin.blobs,
        running_admin.blobs.join("metadata", PROJECT, DOMAIN, "second", "inputs"),
        literals_pb2.LiteralMap,
    )
    assert {k: v.scalar.primitive.integer for k, v in inputs.literals.items()} == {"x": 3, "y": 4}

    recovered = stub.RecoverExecution(execution_pb2.ExecutionRecoverRequest(id=original)).id
    assert recovered.name != original.name and len(recovered.name) == 20
    execution = stub.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=recovered))
    assert execution.spec.metadata.mode == execution_pb2.ExecutionMetadata.RECOVERED
    assert execution.spec.metadata.reference_execution == original
    # The engine is told which execution's succeeded nodes to reuse; a relaunch reruns everything.
    namespace = f"{PROJECT}-{DOMAIN}"
    document = running_admin.workflow_store.get(namespace, recovered.name)
    assert document["executionConfig"]["RecoveryExecution"] == {
        "project": PROJECT,
        "domain": DOMAIN,
        "name": "first",
    }
    assert running_admin.workflow_store.get(namespace, "second")["executionConfig"]["RecoveryExecution"] == {}

    missing = identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="nothere")
    error = rpc_error(stub.RelaunchExecution, execution_pb2.ExecutionRelaunchRequest(id=missing))
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_a_child_execution_is_one_level_deeper_than_its_parent(running_admin: RunningAdmin) -> None:
    _, _, launch_plan_id = register_basics(running_admin)
    parent = running_admin.admin.CreateExecution(
        execution_request(launch_plan_id, "parent", x=int_literal(3))
    ).id
    request = execution_request(launch_plan_id, "child", x=int_literal(1))
    request.spec.metadata.mode = execution_pb2.ExecutionMetadata.CHILD_WORKFLOW
    request.spec.metadata.nesting = 7  # what the engine claims does not matter
    request.spec.metadata.parent_node_execution.CopyFrom(
        identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=parent)
    )
    child = running_admin.admin.CreateExecution(request).id
    execution = running_admin.admin.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=child))
    assert execution.spec.metadata.nesting == 1
    assert execution.spec.metadata.parent_node_execution.execution_id == parent
