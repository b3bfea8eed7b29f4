"""``GrpcEventSink`` against a real gRPC server implementing admin's event RPCs with admin's rules
(duplicate phase -> ALREADY_EXISTS, anything after a terminal phase -> FAILED_PRECONDITION with an
``EventFailureReason`` detail)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent import futures
from typing import Any

import grpc  # type: ignore[import-untyped]
import pytest
from google.protobuf import any_pb2
from google.rpc import code_pb2, status_pb2  # type: ignore[import-untyped]

from flyteidl.admin import event_pb2 as admin_event_pb2
from flyteidl.core import execution_pb2, identifier_pb2
from flyteidl.event import event_pb2
from flyteidl.service import admin_pb2_grpc
from flytepropeller.errors import EventAlreadyExists, EventAlreadyInTerminalState, ExecutionNotFound
from flytepropeller.events import GrpcEventSink
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase
from tests.propeller.conftest import Platform, script_task
from tests.propeller.test_local_propeller import wait_for_phase

WF = execution_pb2.WorkflowExecution
_TERMINAL_WF = {WF.SUCCEEDED, WF.FAILED, WF.ABORTED, WF.TIMED_OUT}


class RecordingAdmin(admin_pb2_grpc.AdminServiceServicer):
    """The event half of admin: records what it accepts, refuses like admin does."""

    def __init__(self, known_executions: set[str]) -> None:
        self.known = known_executions
        self.workflow_phases: dict[str, list[int]] = {}
        self.node_events: list[event_pb2.NodeExecutionEvent] = []
        self.task_events: list[event_pb2.TaskExecutionEvent] = []
        self.lock = threading.Lock()

    def CreateWorkflowEvent(
        self, request: Any, context: Any
    ) -> admin_event_pb2.WorkflowExecutionEventResponse:
        event = request.event
        name = event.execution_id.name
        if name not in self.known:
            context.abort(grpc.StatusCode.NOT_FOUND, f"execution {name} not found")
        with self.lock:
            phases = self.workflow_phases.setdefault(name, [])
            if phases and phases[-1] == event.phase:
                context.abort(grpc.StatusCode.ALREADY_EXISTS, "This phase was already recorded")
            if phases and phases[-1] in _TERMINAL_WF:
                _abort_terminal(context, WF.Phase.Name(phases[-1]))
            phases.append(event.phase)
        return admin_event_pb2.WorkflowExecutionEventResponse()

    def CreateNodeEvent(self, request: Any, context: Any) -> admin_event_pb2.NodeExecutionEventResponse:
        if request.event.id.execution_id.name not in self.known:
            context.abort(grpc.StatusCode.NOT_FOUND, "execution not found")
        with self.lock:
            self.node_events.append(request.event)
        return admin_event_pb2.NodeExecutionEventResponse()

    def CreateTaskEvent(self, request: Any, context: Any) -> admin_event_pb2.TaskExecutionEventResponse:
        with self.lock:
            self.task_events.append(request.event)
        return admin_event_pb2.TaskExecutionEventResponse()


def _abort_terminal(context: Any, current: str) -> None:
    detail = any_pb2.Any()
    detail.Pack(
        admin_event_pb2.EventFailureReason(
            already_in_terminal_state=admin_event_pb2.EventErrorAlreadyInTerminalState(current_phase=current)
        )
    )
    status = status_pb2.Status(
        code=code_pb2.FAILED_PRECONDITION, message="already terminal", details=[detail]
    )
    context.set_trailing_metadata((("grpc-status-details-bin", status.SerializeToString()),))
    context.abort(grpc.StatusCode.FAILED_PRECONDITION, "Invalid phase change: already terminal")


@pytest.fixture
def admin() -> Iterator[tuple[RecordingAdmin, str]]:
    servicer = RecordingAdmin({"grpcwf", "direct", "ghost"})
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    admin_pb2_grpc.add_AdminServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield servicer, f"127.0.0.1:{port}"
    server.stop(grace=None)


def workflow_event(
    name: str, phase: execution_pb2.WorkflowExecution.Phase
) -> event_pb2.WorkflowExecutionEvent:
    return event_pb2.WorkflowExecutionEvent(
        execution_id=identifier_pb2.WorkflowExecutionIdentifier(project="p", domain="d", name=name),
        producer_id="propeller",
        phase=phase,
    )


def test_rejections_become_typed_errors(admin: tuple[RecordingAdmin, str]) -> None:
    _, target = admin
    sink = GrpcEventSink(target, retries=0)
    try:
        sink.send_workflow_event(workflow_event("direct", WF.RUNNING))
        with pytest.raises(EventAlreadyExists):
            sink.send_workflow_event(workflow_event("direct", WF.RUNNING))
        sink.send_workflow_event(workflow_event("direct", WF.SUCCEEDED))
        with pytest.raises(EventAlreadyInTerminalState) as terminal:
            sink.send_workflow_event(workflow_event("direct", WF.FAILED))
        assert terminal.value.current_phase == "SUCCEEDED"
        with pytest.raises(ExecutionNotFound):
            sink.send_workflow_event(workflow_event("unknown", WF.RUNNING))
    finally:
        sink.close()


def test_a_workflow_reports_through_grpc_to_admin(
    platform: Platform, admin: tuple[RecordingAdmin, str]
) -> None:
    servicer, target = admin
    sink = GrpcEventSink(target)
    platform.events = sink  # type: ignore[assignment]
    try:
        platform.launch("grpcwf", [script_task("tests.chain.t0", "add")])
        propeller = platform.propeller()
        wf = platform.run_to_completion(propeller, "grpcwf")
        sent_before = (len(servicer.node_events), len(servicer.task_events))
        propeller.run_once()
    finally:
        sink.close()
    assert wf.status.phase is WorkflowPhase.SUCCESS
    assert servicer.workflow_phases["grpcwf"] == [WF.RUNNING, WF.SUCCEEDING, WF.SUCCEEDED]
    assert [e.phase for e in servicer.node_events if e.id.node_id == "n0"] == [
        execution_pb2.NodeExecution.QUEUED,
        execution_pb2.NodeExecution.RUNNING,
        execution_pb2.NodeExecution.SUCCEEDED,
    ]
    assert servicer.task_events[-1].phase == execution_pb2.TaskExecution.SUCCEEDED
    assert (len(servicer.node_events), len(servicer.task_events)) == sent_before


def test_an_execution_admin_forgot_is_failed_instead_of_retried(
    platform: Platform, admin: tuple[RecordingAdmin, str]
) -> None:
    servicer, target = admin
    sink = GrpcEventSink(target, retries=0)
    platform.events = sink  # type: ignore[assignment]
    release = platform.root / "release"
    try:
        platform.launch("ghost", [script_task("tests.chain.t0", "wait")], envs={"RELEASE_FILE": str(release)})
        propeller = platform.propeller()
        wait_for_phase(platform, propeller, "ghost", "n0", NodePhase.RUNNING)
        servicer.known.discard("ghost")
        release.touch()
        wf = platform.run_to_completion(propeller, "ghost")
    finally:
        sink.close()
    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.error is not None and wf.status.error.code == "ExecutionNotFound"
    assert wf.status.failed_attempts == 0
