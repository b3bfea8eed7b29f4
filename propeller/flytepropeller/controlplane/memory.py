"""``MemoryAdminClient``: an in-memory admin for the ``AdminClient`` calls (tests, admin-less runs).

It follows admin's rules for what it keeps: a signal is created once and keeps its type; an
execution name is unique (``AdminAlreadyExists``); terminating a terminal execution does nothing.
Methods outside the protocol let a test play the other side: give a signal its value, finish a
child execution, record node executions of an execution to recover from.
"""

from __future__ import annotations

import threading

from flyteidl.admin import execution_pb2, node_execution_pb2, signal_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2, literals_pb2, types_pb2
from flytepropeller.controlplane.client import execution_key
from flytepropeller.errors import AdminAlreadyExists, AdminNotFound, AdminRequestRejected

_WF = core_execution_pb2.WorkflowExecution
_TERMINAL = frozenset({_WF.SUCCEEDED, _WF.FAILED, _WF.ABORTED, _WF.TIMED_OUT})


class MemoryAdminClient:
    """Signals, executions and node executions kept in dicts (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._signals: dict[tuple[str, str], signal_pb2.Signal] = {}
        self._executions: dict[str, execution_pb2.Execution] = {}
        self._inputs: dict[str, literals_pb2.LiteralMap] = {}
        self._outputs: dict[str, literals_pb2.LiteralMap] = {}
        self._node_executions: dict[tuple[str, str], node_execution_pb2.NodeExecution] = {}
        self._node_data: dict[tuple[str, str], node_execution_pb2.NodeExecutionGetDataResponse] = {}
        self.calls: list[str] = []

    # -- AdminClient ------------------------------------------------------------------------------

    def get_or_create_signal(
        self, signal_id: identifier_pb2.SignalIdentifier, literal_type: types_pb2.LiteralType
    ) -> signal_pb2.Signal:
        key = (execution_key(signal_id.execution_id), signal_id.signal_id)
        with self._lock:
            self.calls.append("GetOrCreateSignal")
            if key not in self._signals:
                self._signals[key] = signal_pb2.Signal(id=signal_id, type=literal_type)
            found = signal_pb2.Signal()
            found.CopyFrom(self._signals[key])
            return found

    def create_execution(self, request: execution_pb2.ExecutionCreateRequest) -> None:
        identifier = identifier_pb2.WorkflowExecutionIdentifier(
            project=request.project, domain=request.domain, name=request.name
        )
        with self._lock:
            self.calls.append("CreateExecution")
            self._add_execution(identifier, request.spec, request.inputs)

    def recover_execution(self, request: execution_pb2.ExecutionRecoverRequest) -> None:
        with self._lock:
            self.calls.append("RecoverExecution")
            original = self._executions.get(execution_key(request.id))
            if original is None:
                raise AdminNotFound(f"execution {execution_key(request.id)} does not exist")
            spec = execution_pb2.ExecutionSpec()
            spec.CopyFrom(original.spec)
            spec.metadata.CopyFrom(request.metadata)
            spec.metadata.mode = execution_pb2.ExecutionMetadata.RECOVERED
            spec.metadata.reference_execution.CopyFrom(request.id)
            identifier = identifier_pb2.WorkflowExecutionIdentifier(
                project=request.id.project, domain=request.id.domain, name=request.name
            )
            self._add_execution(identifier, spec, self._inputs[execution_key(request.id)])

    def get_execution(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier
    ) -> execution_pb2.Execution:
        with self._lock:
            self.calls.append("GetExecution")
            found = execution_pb2.Execution()
            found.CopyFrom(self._execution(identifier))
            return found

    def get_execution_data(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier
    ) -> execution_pb2.WorkflowExecutionGetDataResponse:
        key = execution_key(identifier)
        with self._lock:
            self.calls.append("GetExecutionData")
            self._execution(identifier)
            return execution_pb2.WorkflowExecutionGetDataResponse(
                full_inputs=self._inputs.get(key), full_outputs=self._outputs.get(key)
            )

    def terminate_execution(self, identifier: identifier_pb2.WorkflowExecutionIdentifier, cause: str) -> None:
        with self._lock:
            self.calls.append("TerminateExecution")
            found = self._executions.get(execution_key(identifier))
            if found is None or found.closure.phase in _TERMINAL:
                return
            found.closure.phase = _WF.ABORTED
            found.closure.abort_metadata.cause = cause

    def get_node_execution(
        self, identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecution:
        with self._lock:
            self.calls.append("GetNodeExecution")
            found = self._node_executions.get(_node_key(identifier))
            if found is None:
                raise AdminNotFound(f"node execution {_node_key(identifier)} does not exist")
            copied = node_execution_pb2.NodeExecution()
            copied.CopyFrom(found)
            return copied

    def get_node_execution_data(
        self, identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecutionGetDataResponse:
        with self._lock:
            self.calls.append("GetNodeExecutionData")
            found = self._node_data.get(_node_key(identifier))
            if found is None:
                raise AdminNotFound(f"node execution {_node_key(identifier)} does not exist")
            return found

    # -- the other side ---------------------------------------------------------------------------

    def set_signal(self, signal_id: identifier_pb2.SignalIdentifier, value: literals_pb2.Literal) -> None:
        """Give an existing signal its value, as a user's SetSignal does."""
        key = (execution_key(signal_id.execution_id), signal_id.signal_id)
        with self._lock:
            if key not in self._signals:
                raise AdminRequestRejected(f"signal {key} does not exist")
            self._signals[key].value.CopyFrom(value)

    def signal(self, signal_id: identifier_pb2.SignalIdentifier) -> signal_pb2.Signal | None:
        with self._lock:
            return self._signals.get((execution_key(signal_id.execution_id), signal_id.signal_id))

    def execution(self, identifier: identifier_pb2.WorkflowExecutionIdentifier) -> execution_pb2.Execution:
        with self._lock:
            return self._execution(identifier)

    def executions(self) -> list[execution_pb2.Execution]:
        with self._lock:
            return list(self._executions.values())

    def execution_inputs(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier
    ) -> literals_pb2.LiteralMap:
        with self._lock:
            return self._inputs[execution_key(identifier)]

    def finish_execution(
        self,
        identifier: identifier_pb2.WorkflowExecutionIdentifier,
        phase: int,
        *,
        outputs: literals_pb2.LiteralMap | None = None,
        error: core_execution_pb2.ExecutionError | None = None,
    ) -> None:
        """Move an execution to ``phase`` (a WorkflowExecution.Phase), with its outputs or error."""
        with self._lock:
            found = self._execution(identifier)
            found.closure.phase = phase  # type: ignore[assignment]
            if outputs is not None:
                self._outputs[execution_key(identifier)] = outputs
                found.closure.outputs.values.CopyFrom(outputs)
            if error is not None:
                found.closure.error.CopyFrom(error)

    def add_node_execution(
        self,
        identifier: identifier_pb2.NodeExecutionIdentifier,
        phase: int,
        *,
        inputs: literals_pb2.LiteralMap | None = None,
        outputs: literals_pb2.LiteralMap | None = None,
    ) -> None:
        """Record a node execution (a NodeExecution.Phase) of an execution, for recovery."""
        node = node_execution_pb2.NodeExecution(id=identifier)
        node.closure.phase = phase  # type: ignore[assignment]
        data = node_execution_pb2.NodeExecutionGetDataResponse(full_inputs=inputs, full_outputs=outputs)
        with self._lock:
            self._node_executions[_node_key(identifier)] = node
            self._node_data[_node_key(identifier)] = data

    def _add_execution(
        self,
        identifier: identifier_pb2.WorkflowExecutionIdentifier,
        spec: execution_pb2.ExecutionSpec,
        inputs: literals_pb2.LiteralMap,
    ) -> None:
        key = execution_key(identifier)
        if key in self._executions:
            raise AdminAlreadyExists(f"execution {key} already exists")
        execution = execution_pb2.Execution(id=identifier, spec=spec)
        execution.closure.phase = _WF.QUEUED
        self._executions[key] = execution
        self._inputs[key] = inputs

    def _execution(self, identifier: identifier_pb2.WorkflowExecutionIdentifier) -> execution_pb2.Execution:
        found = self._executions.get(execution_key(identifier))
        if found is None:
            raise AdminNotFound(f"execution {execution_key(identifier)} does not exist")
        return found


def _node_key(identifier: identifier_pb2.NodeExecutionIdentifier) -> tuple[str, str]:
    return execution_key(identifier.execution_id), identifier.node_id
