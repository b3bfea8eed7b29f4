"""Gate nodes on the local propeller: sleep waits from the attempt's start, wait_for_input takes
the signal's value (declared and read through admin's SignalService) as its output, approve passes
its input on or fails with a USER rejection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from google.protobuf import duration_pb2

from flyteidl.core import execution_pb2, literals_pb2, workflow_pb2
from flytepropeller.controlplane import MemoryAdminClient
from flytepropeller.executor import WorkflowExecutor
from flytepropeller.local import default_plugins
from flytestdlib.flyteworkflow import FlyteWorkflow, NodePhase, WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import Platform
from tests.propeller.control_closures import (
    INTEGER,
    one_node_closure,
    propeller_with,
    run_once,
    signal_id,
    x_binding,
)
from tests.services.waiting import wait_for
from tests.stdlib.flyteworkflow.closures import int_literal

NODE = execution_pb2.NodeExecution
BOOL_TRUE = literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(boolean=True)))
BOOL_FALSE = literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(boolean=False)))


def gate(**condition: object) -> workflow_pb2.Node:
    return workflow_pb2.Node(id="n0", gate_node=workflow_pb2.GateNode(**condition))  # type: ignore[arg-type]


def signal_closure() -> workflow_pb2.Node:
    return gate(
        signal=workflow_pb2.SignalCondition(signal_id="answer", type=INTEGER, output_variable_name="o0")
    )


def test_a_sleep_gate_succeeds_once_its_duration_passed_since_the_attempt_started(platform: Platform) -> None:
    node = gate(sleep=workflow_pb2.SleepCondition(duration=duration_pb2.Duration(seconds=30)))
    platform.launch_closure("sleepy", one_node_closure(node, output_from_node=False), x=7)
    executor = WorkflowExecutor(
        platform.blobs, default_plugins(platform.cluster), platform.events, platform.settings
    )
    wf = FlyteWorkflow(platform.store.get("flytesnacks-development", "sleepy"))
    t0 = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    for step in range(4):  # Ready -> Running, start node, queue n0, n0 running
        executor.handle(wf, now=t0 + timedelta(seconds=step))
    status = wf.status.node("n0")
    assert status.phase is NodePhase.RUNNING
    assert status.raw["gateNodeStatus"] == {"phase": 1}
    started = status.attempt_started_at
    assert started is not None
    executor.handle(wf, now=started + timedelta(seconds=29))
    assert wf.status.node("n0").phase is NodePhase.RUNNING
    executor.handle(wf, now=started + timedelta(seconds=30))
    assert wf.status.node("n0").phase is NodePhase.SUCCEEDED
    for step in range(4):  # end node, workflow succeeding, succeeded
        executor.handle(wf, now=started + timedelta(seconds=31 + step))
    assert wf.status.phase is WorkflowPhase.SUCCESS
    phases = [e.phase for e in platform.events.node_events if e.id.node_id == "n0"]
    assert phases == [NODE.QUEUED, NODE.RUNNING, NODE.SUCCEEDED]


def test_wait_for_input_outputs_the_signal_value(platform: Platform) -> None:
    admin = MemoryAdminClient()
    propeller = propeller_with(platform, admin)
    platform.launch_closure("asking", one_node_closure(signal_closure()), x=1)

    def declared() -> bool:
        propeller.run_once()
        return admin.signal(signal_id("asking", "answer")) is not None

    wait_for(declared, timeout=10, interval=0.01, message="the gate to declare its signal")
    signal = admin.signal(signal_id("asking", "answer"))
    assert signal is not None and signal.type == INTEGER
    for _ in range(3):
        propeller.run_once()
    assert platform.workflow("asking").status.node("n0").phase is NodePhase.RUNNING

    admin.set_signal(signal_id("asking", "answer"), int_literal(42))
    wf = platform.run_to_completion(propeller, "asking")
    assert wf.status.phase is WorkflowPhase.SUCCESS
    outputs = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert outputs.literals["o0"].scalar.primitive.integer == 42
    succeeded = [e for e in platform.events.node_events if e.id.node_id == "n0" and e.phase == NODE.SUCCEEDED]
    assert succeeded and succeeded[0].output_uri.endswith("n0/data/0/outputs.pb")


def test_a_signal_value_of_the_wrong_type_fails_the_gate(platform: Platform) -> None:
    admin = MemoryAdminClient()
    propeller = propeller_with(platform, admin)
    platform.launch_closure("mistyped", one_node_closure(signal_closure()), x=1)
    wait_for(
        lambda: run_once(propeller) and admin.signal(signal_id("mistyped", "answer")) is not None,
        timeout=10,
        interval=0.01,
        message="the gate to declare its signal",
    )
    admin.set_signal(signal_id("mistyped", "answer"), BOOL_TRUE)
    wf = platform.run_to_completion(propeller, "mistyped")
    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.error is not None and wf.status.error.code == "SignalTypeMismatch"


def approve_closure() -> workflow_pb2.Node:
    node = gate(approve=workflow_pb2.ApproveCondition(signal_id="ok"))
    node.inputs.append(x_binding("o0"))
    return node


def run_approval(platform: Platform, name: str, value: literals_pb2.Literal) -> FlyteWorkflow:
    admin = MemoryAdminClient()
    propeller = propeller_with(platform, admin)
    platform.launch_closure(name, one_node_closure(approve_closure()), x=5)
    wait_for(
        lambda: run_once(propeller) and admin.signal(signal_id(name, "ok")) is not None,
        timeout=10,
        interval=0.01,
        message="the approve gate to declare its signal",
    )
    declared = admin.signal(signal_id(name, "ok"))
    assert declared is not None and declared.type.simple == 4  # BOOLEAN
    admin.set_signal(signal_id(name, "ok"), value)
    return platform.run_to_completion(propeller, name)


def test_an_approved_gate_passes_its_input_on(platform: Platform) -> None:
    wf = run_approval(platform, "approved", BOOL_TRUE)
    assert wf.status.phase is WorkflowPhase.SUCCESS
    outputs = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert outputs.literals["o0"].scalar.primitive.integer == 5


def test_a_rejected_gate_fails_the_workflow_as_a_user_error(platform: Platform) -> None:
    wf = run_approval(platform, "rejected", BOOL_FALSE)
    assert wf.status.phase is WorkflowPhase.FAILED
    error = wf.status.error
    assert error is not None
    assert error.code == "ReceivedRejectSignal"
    assert error.kind == execution_pb2.ExecutionError.USER
    assert wf.status.node("n0").phase is NodePhase.FAILED


def test_a_signal_gate_without_an_admin_client_fails_with_the_fix(platform: Platform) -> None:
    platform.launch_closure("adminless", one_node_closure(signal_closure()), x=1)
    wf = platform.run_to_completion(propeller_with(platform, None), "adminless")
    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.error is not None and "no admin client" in wf.status.error.message
