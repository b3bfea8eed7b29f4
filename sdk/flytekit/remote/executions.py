"""Executions as seen through admin: ``FlyteWorkflowExecution`` and ``FlyteNodeExecution``.

They wrap admin's ``Execution`` / ``NodeExecution`` records. ``FlyteRemote.sync`` refreshes the
record and fills ``inputs`` / ``outputs`` (a :class:`~flytekit.remote.literals.LiteralsResolver`,
converting literals to Python values on access); ``FlyteRemote.wait`` polls until ``is_done``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flyteidl.admin import execution_pb2, node_execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2
from flytekit.errors import FlyteAssertion
from flytekit.remote.literals import LiteralsResolver

if TYPE_CHECKING:
    from flytekit.remote.remote import FlyteRemote

WorkflowPhase = core_execution_pb2.WorkflowExecution.Phase
NodePhase = core_execution_pb2.NodeExecution.Phase

TERMINAL_WORKFLOW_PHASES = frozenset(
    {
        core_execution_pb2.WorkflowExecution.SUCCEEDED,
        core_execution_pb2.WorkflowExecution.FAILED,
        core_execution_pb2.WorkflowExecution.ABORTED,
        core_execution_pb2.WorkflowExecution.TIMED_OUT,
    }
)
TERMINAL_NODE_PHASES = frozenset(
    {
        core_execution_pb2.NodeExecution.SUCCEEDED,
        core_execution_pb2.NodeExecution.FAILED,
        core_execution_pb2.NodeExecution.ABORTED,
        core_execution_pb2.NodeExecution.SKIPPED,
        core_execution_pb2.NodeExecution.TIMED_OUT,
        core_execution_pb2.NodeExecution.RECOVERED,
    }
)


def execution_name(id: identifier_pb2.WorkflowExecutionIdentifier) -> str:
    """``project:domain:name``, how executions are named in messages."""
    return f"{id.project}:{id.domain}:{id.name}"


class FlyteNodeExecution:
    """One node of a workflow execution (its phase, closure and, once synced, inputs and outputs)."""

    def __init__(self, record: node_execution_pb2.NodeExecution) -> None:
        self._record = record
        self.inputs: LiteralsResolver | None = None
        self._outputs: LiteralsResolver | None = None
        self._workflow_executions: list[FlyteWorkflowExecution] = []

    @property
    def workflow_executions(self) -> list[FlyteWorkflowExecution]:
        """The child execution a launch-plan node started (filled in by a node sync)."""
        return self._workflow_executions

    @property
    def id(self) -> identifier_pb2.NodeExecutionIdentifier:
        return self._record.id

    @property
    def closure(self) -> node_execution_pb2.NodeExecutionClosure:
        return self._record.closure

    @property
    def metadata(self) -> node_execution_pb2.NodeExecutionMetaData:
        return self._record.metadata

    @property
    def phase(self) -> int:
        return self._record.closure.phase

    @property
    def is_done(self) -> bool:
        return self._record.closure.phase in TERMINAL_NODE_PHASES

    @property
    def error(self) -> core_execution_pb2.ExecutionError | None:
        return self._record.closure.error if self._record.closure.HasField("error") else None

    @property
    def outputs(self) -> LiteralsResolver | None:
        return self._outputs

    def set_outputs(self, outputs: LiteralsResolver | None) -> None:
        self._outputs = outputs

    def __repr__(self) -> str:
        phase = core_execution_pb2.NodeExecution.Phase.Name(self.phase)
        return f"FlyteNodeExecution(node_id={self.id.node_id!r}, phase={phase})"


class FlyteWorkflowExecution:
    """A workflow (or single-task) execution: id, spec, closure; outputs once synced and done."""

    def __init__(self, record: execution_pb2.Execution, remote: FlyteRemote | None = None) -> None:
        self._record = record
        self._remote = remote
        self._inputs: LiteralsResolver | None = None
        self._outputs: LiteralsResolver | None = None
        self._node_executions: dict[str, FlyteNodeExecution] = {}

    # ---------------------------------------------------------------- record
    @property
    def id(self) -> identifier_pb2.WorkflowExecutionIdentifier:
        return self._record.id

    @property
    def spec(self) -> execution_pb2.ExecutionSpec:
        return self._record.spec

    @property
    def closure(self) -> execution_pb2.ExecutionClosure:
        return self._record.closure

    @property
    def record(self) -> execution_pb2.Execution:
        """The admin ``Execution`` message this object currently reflects."""
        return self._record

    def update(self, record: execution_pb2.Execution) -> None:
        """Replace the record with a fresher one from admin."""
        self._record = record

    # ---------------------------------------------------------------- state
    @property
    def phase(self) -> int:
        return self._record.closure.phase

    @property
    def phase_name(self) -> str:
        return core_execution_pb2.WorkflowExecution.Phase.Name(self._record.closure.phase)

    @property
    def is_done(self) -> bool:
        """Whether the execution reached a terminal phase (SUCCEEDED, FAILED, ABORTED, TIMED_OUT)."""
        return self._record.closure.phase in TERMINAL_WORKFLOW_PHASES

    @property
    def is_successful(self) -> bool:
        return self._record.closure.phase == core_execution_pb2.WorkflowExecution.SUCCEEDED

    @property
    def error(self) -> core_execution_pb2.ExecutionError | None:
        """The failure admin recorded (code, message, kind, error_uri), or ``None``."""
        return self._record.closure.error if self._record.closure.HasField("error") else None

    # ---------------------------------------------------------------- data
    @property
    def inputs(self) -> LiteralsResolver | None:
        return self._inputs

    @property
    def outputs(self) -> LiteralsResolver:
        """The outputs of a finished, successful execution (raises otherwise, saying why)."""
        if not self.is_done:
            raise FlyteAssertion(
                f"Execution {execution_name(self.id)} is {self.phase_name}; wait for it to finish "
                "(FlyteRemote.wait) before reading its outputs."
            )
        if self.error is not None:
            raise FlyteAssertion(
                f"Execution {execution_name(self.id)} {self.phase_name} and has no outputs: "
                f"{self.error.code}: {self.error.message}"
            )
        if self._outputs is None:
            raise FlyteAssertion(
                f"Outputs of execution {execution_name(self.id)} are not loaded; call FlyteRemote.sync first."
            )
        return self._outputs

    def set_data(self, inputs: LiteralsResolver | None, outputs: LiteralsResolver | None) -> None:
        self._inputs = inputs
        self._outputs = outputs

    @property
    def node_executions(self) -> dict[str, FlyteNodeExecution]:
        """Node executions by node id (filled by ``sync(..., sync_nodes=True)``)."""
        return self._node_executions

    def set_node_executions(self, nodes: dict[str, FlyteNodeExecution]) -> None:
        self._node_executions = nodes

    # ---------------------------------------------------------------- conveniences
    def wait(self, timeout: Any = None, poll_interval: Any = None) -> FlyteWorkflowExecution:
        """Block until the execution is done (through the ``FlyteRemote`` that created this object)."""
        return self._require_remote().wait(self, timeout=timeout, poll_interval=poll_interval)

    def sync(self, sync_nodes: bool = False) -> FlyteWorkflowExecution:
        return self._require_remote().sync(self, sync_nodes=sync_nodes)

    @property
    def execution_url(self) -> str | None:
        return None if self._remote is None else self._remote.generate_console_url(self)

    def _require_remote(self) -> FlyteRemote:
        if self._remote is None:
            raise FlyteAssertion(
                f"Execution {execution_name(self.id)} is not bound to a FlyteRemote; use remote.wait(execution)."
            )
        return self._remote

    def __repr__(self) -> str:
        return f"FlyteWorkflowExecution(id={execution_name(self.id)!r}, phase={self.phase_name})"
