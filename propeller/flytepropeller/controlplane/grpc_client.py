"""``GrpcAdminClient``: the ``AdminClient`` calls over gRPC to admin's AdminService and SignalService.

It may share one channel with ``GrpcEventSink`` (``admin_channel`` builds it), so the engine keeps
a single connection to admin. gRPC status codes become the ``AdminCallError`` classes the way
Flyte's launch-plan executor reads them: NOT_FOUND, ALREADY_EXISTS; transient or internal codes
(UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, DATA_LOSS, CANCELLED) are admin's trouble and
worth repeating; anything else is a refusal of the request itself. UNAVAILABLE is retried a few
times with back-off before giving up for this round.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import grpc  # type: ignore[import-untyped]

from flyteidl.admin import execution_pb2, node_execution_pb2, signal_pb2
from flyteidl.core import identifier_pb2, types_pb2
from flyteidl.service import admin_pb2_grpc, signal_pb2_grpc
from flytepropeller.errors import (
    AdminAlreadyExists,
    AdminCallError,
    AdminNotFound,
    AdminRequestRejected,
    AdminUnavailable,
)

logger = logging.getLogger(__name__)

R = TypeVar("R")
_SYSTEM_CODES = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.INTERNAL,
        grpc.StatusCode.UNKNOWN,
        grpc.StatusCode.DATA_LOSS,
        grpc.StatusCode.CANCELLED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
    }
)


def admin_channel(target: str, credentials: grpc.ChannelCredentials | None = None) -> grpc.Channel:
    """A channel to admin at ``target`` (``host:port``), TLS when ``credentials`` are given."""
    if credentials is not None:
        return grpc.secure_channel(target, credentials)
    return grpc.insecure_channel(target)


class GrpcAdminClient:
    """Calls admin over ``channel``; the caller owns (and closes) the channel."""

    def __init__(
        self, channel: grpc.Channel, *, timeout: float = 10.0, retries: int = 3, backoff: float = 0.1
    ) -> None:
        self._admin = admin_pb2_grpc.AdminServiceStub(channel)  # type: ignore[no-untyped-call]
        self._signals = signal_pb2_grpc.SignalServiceStub(channel)  # type: ignore[no-untyped-call]
        self._timeout = timeout
        self._retries = retries
        self._backoff = backoff

    def get_or_create_signal(
        self, signal_id: identifier_pb2.SignalIdentifier, literal_type: types_pb2.LiteralType
    ) -> signal_pb2.Signal:
        request = signal_pb2.SignalGetOrCreateRequest(id=signal_id, type=literal_type)
        result: signal_pb2.Signal = self._call(self._signals.GetOrCreateSignal, request, "GetOrCreateSignal")
        return result

    def create_execution(self, request: execution_pb2.ExecutionCreateRequest) -> None:
        self._call(self._admin.CreateExecution, request, "CreateExecution")

    def recover_execution(self, request: execution_pb2.ExecutionRecoverRequest) -> None:
        self._call(self._admin.RecoverExecution, request, "RecoverExecution")

    def get_execution(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier
    ) -> execution_pb2.Execution:
        request = execution_pb2.WorkflowExecutionGetRequest(id=identifier)
        result: execution_pb2.Execution = self._call(self._admin.GetExecution, request, "GetExecution")
        return result

    def get_execution_data(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier
    ) -> execution_pb2.WorkflowExecutionGetDataResponse:
        request = execution_pb2.WorkflowExecutionGetDataRequest(id=identifier)
        result: execution_pb2.WorkflowExecutionGetDataResponse = self._call(
            self._admin.GetExecutionData, request, "GetExecutionData"
        )
        return result

    def terminate_execution(self, identifier: identifier_pb2.WorkflowExecutionIdentifier, cause: str) -> None:
        request = execution_pb2.ExecutionTerminateRequest(id=identifier, cause=cause)
        try:
            self._call(self._admin.TerminateExecution, request, "TerminateExecution")
        except AdminNotFound:
            logger.info("execution %s is gone; nothing to terminate", identifier.name)
        except AdminRequestRejected as error:  # FAILED_PRECONDITION: it is terminal already
            logger.info("execution %s was not terminated: %s", identifier.name, error)

    def get_node_execution(
        self, identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecution:
        request = node_execution_pb2.NodeExecutionGetRequest(id=identifier)
        result: node_execution_pb2.NodeExecution = self._call(
            self._admin.GetNodeExecution, request, "GetNodeExecution"
        )
        return result

    def get_node_execution_data(
        self, identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecutionGetDataResponse:
        request = node_execution_pb2.NodeExecutionGetDataRequest(id=identifier)
        result: node_execution_pb2.NodeExecutionGetDataResponse = self._call(
            self._admin.GetNodeExecutionData, request, "GetNodeExecutionData"
        )
        return result

    def _call(self, method: Callable[..., R], request: Any, name: str) -> R:
        delay = self._backoff
        for attempt in range(self._retries + 1):
            try:
                return method(request, timeout=self._timeout)
            except grpc.RpcError as error:
                code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
                if code is grpc.StatusCode.UNAVAILABLE and attempt < self._retries:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise classify(error, name) from error
        raise AssertionError("unreachable: the last attempt returns or raises")


def classify(error: grpc.RpcError, rpc: str) -> AdminCallError:
    """The ``AdminCallError`` for a failed admin call named ``rpc``."""
    if not isinstance(error, grpc.Call):
        return AdminUnavailable(f"admin {rpc} failed: {error}")
    code = error.code()
    message = f"admin {rpc} failed with {code.name}: {error.details() or ''}"
    if code is grpc.StatusCode.NOT_FOUND:
        return AdminNotFound(message)
    if code is grpc.StatusCode.ALREADY_EXISTS:
        return AdminAlreadyExists(message)
    if code in _SYSTEM_CODES:
        return AdminUnavailable(message)
    return AdminRequestRejected(message)
