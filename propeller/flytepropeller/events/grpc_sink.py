"""``GrpcEventSink``: events to admin over gRPC (``AdminService.Create*Event``).

The same path is used on a cluster and inside the one-process sandbox. gRPC rejections are turned
into the ``EventError`` classes the way Flyte's admin sink classifies them (flyte-propeller.md §5.1,
flyte-admin-and-idl.md §6.11): the ``EventFailureReason`` status detail first
(already-in-terminal-state, incompatible cluster), then the status code. Unavailable admin is
retried with exponential back-off before ``EventSinkUnavailable`` is raised.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import grpc  # type: ignore[import-untyped]
from google.rpc import status_pb2  # type: ignore[import-untyped]

from flyteidl.admin import event_pb2 as admin_event_pb2
from flyteidl.event import event_pb2
from flyteidl.service import admin_pb2_grpc
from flytepropeller.errors import (
    EventAlreadyExists,
    EventAlreadyInTerminalState,
    EventError,
    EventIncompatibleCluster,
    EventInvalid,
    EventSinkUnavailable,
    EventTooLarge,
    ExecutionNotFound,
)

logger = logging.getLogger(__name__)

_STATUS_DETAILS_KEY = "grpc-status-details-bin"
_RETRYABLE = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
R = TypeVar("R")


class GrpcEventSink:
    """Sends events to admin at ``target`` (``host:port``)."""

    def __init__(
        self,
        target: str,
        *,
        timeout: float = 10.0,
        retries: int = 5,
        backoff: float = 0.1,
        credentials: grpc.ChannelCredentials | None = None,
        channel: grpc.Channel | None = None,
    ) -> None:
        # A given channel is shared (e.g. with GrpcAdminClient) and stays open on close().
        self._owns_channel = channel is None
        if channel is None:
            channel = (
                grpc.secure_channel(target, credentials)
                if credentials is not None
                else grpc.insecure_channel(target)
            )
        self._channel = channel
        self._stub = admin_pb2_grpc.AdminServiceStub(self._channel)  # type: ignore[no-untyped-call]
        self._timeout = timeout
        self._retries = retries
        self._backoff = backoff
        self._target = target

    def close(self) -> None:
        if self._owns_channel:
            self._channel.close()

    def send_workflow_event(self, event: event_pb2.WorkflowExecutionEvent) -> None:
        request = admin_event_pb2.WorkflowExecutionEventRequest(request_id=str(uuid.uuid4()), event=event)
        self._call(self._stub.CreateWorkflowEvent, request)

    def send_node_event(self, event: event_pb2.NodeExecutionEvent) -> None:
        request = admin_event_pb2.NodeExecutionEventRequest(request_id=str(uuid.uuid4()), event=event)
        self._call(self._stub.CreateNodeEvent, request)

    def send_task_event(self, event: event_pb2.TaskExecutionEvent) -> None:
        request = admin_event_pb2.TaskExecutionEventRequest(request_id=str(uuid.uuid4()), event=event)
        self._call(self._stub.CreateTaskEvent, request)

    def _call(self, method: Callable[..., Any], request: Any) -> None:
        delay = self._backoff
        for attempt in range(self._retries + 1):
            try:
                method(request, timeout=self._timeout)
                return
            except grpc.RpcError as error:
                code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
                if code in _RETRYABLE and attempt < self._retries:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise classify(error, self._target) from error


def classify(error: grpc.RpcError, target: str = "") -> EventError:
    """The ``EventError`` for a failed ``Create*Event`` call."""
    if not isinstance(error, grpc.Call):
        return EventSinkUnavailable(f"Event to admin at {target} failed: {error}")
    code = error.code()
    message = error.details() or ""
    reason = _failure_reason(error)
    if reason is not None and reason.HasField("already_in_terminal_state"):
        return EventAlreadyInTerminalState(message, reason.already_in_terminal_state.current_phase)
    if reason is not None and reason.HasField("incompatible_cluster"):
        return EventIncompatibleCluster(message, reason.incompatible_cluster.cluster)
    if code == grpc.StatusCode.ALREADY_EXISTS:
        return EventAlreadyExists(message)
    if code == grpc.StatusCode.NOT_FOUND:
        return ExecutionNotFound(message)
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED:
        if "message larger than max" in message:
            return EventTooLarge(message)
        return EventSinkUnavailable(f"admin rate-limited the event: {message}")
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        return EventInvalid(message)
    return EventSinkUnavailable(f"Event to admin at {target} failed with {code.name}: {message}")


def _failure_reason(call: grpc.Call) -> admin_event_pb2.EventFailureReason | None:
    for key, value in call.trailing_metadata() or ():
        if key != _STATUS_DETAILS_KEY or not isinstance(value, bytes):
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            if detail.Is(admin_event_pb2.EventFailureReason.DESCRIPTOR):
                reason = admin_event_pb2.EventFailureReason()
                detail.Unpack(reason)
                return reason
    return None
