"""The ``AdminClient`` protocol: admin's RPCs that node handlers use, with errors of one tree.

Every method raises an ``AdminCallError`` subclass (``flytepropeller.errors``) on failure:
``AdminNotFound``, ``AdminAlreadyExists``, ``AdminRequestRejected`` (the request's own fault) or
``AdminUnavailable`` (worth repeating on a later round).
"""

from __future__ import annotations

from typing import Protocol

from flyteidl.admin import execution_pb2, node_execution_pb2, signal_pb2
from flyteidl.core import identifier_pb2, types_pb2


def execution_key(identifier: identifier_pb2.WorkflowExecutionIdentifier) -> str:
    """``project/domain/name``: how executions are named in messages and keyed in memory."""
    return f"{identifier.project}/{identifier.domain}/{identifier.name}"


class AdminClient(Protocol):
    """The control-plane calls of gate nodes, launch-plan nodes and recovery."""

    def get_or_create_signal(
        self, signal_id: identifier_pb2.SignalIdentifier, literal_type: types_pb2.LiteralType
    ) -> signal_pb2.Signal:
        """The signal (created without a value, of ``literal_type``, if it does not exist yet)."""
        ...

    def create_execution(self, request: execution_pb2.ExecutionCreateRequest) -> None:
        """Start an execution; ``AdminAlreadyExists`` if one of that name exists."""
        ...

    def recover_execution(self, request: execution_pb2.ExecutionRecoverRequest) -> None:
        """Start an execution that recovers ``request.id``; ``AdminAlreadyExists`` as above."""
        ...

    def get_execution(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier
    ) -> execution_pb2.Execution: ...

    def get_execution_data(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier
    ) -> execution_pb2.WorkflowExecutionGetDataResponse: ...

    def terminate_execution(self, identifier: identifier_pb2.WorkflowExecutionIdentifier, cause: str) -> None:
        """Abort a running execution; one that is gone or already terminal is left alone."""
        ...

    def get_node_execution(
        self, identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecution: ...

    def get_node_execution_data(
        self, identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecutionGetDataResponse: ...
