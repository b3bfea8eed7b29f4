"""The node handler interface and the per-node execution context (flyte-propeller.md §2.6).

A handler is re-entered every round for a node that is not finished: ``handle`` advances it and
returns a :class:`Transition` in handler phases ("EPhase"); ``abort`` and ``finalize`` clean up.
Handlers must be idempotent because a round whose status write fails is run again. The
:class:`NodeContext` gives a handler the node's spec, its mutable status and its blob locations.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from flyteidl.core import execution_pb2, identifier_pb2, literals_pb2
from flyteidl.event import event_pb2
from flytepropeller.events import EventRecorder
from flytepropeller.settings import PropellerSettings
from flytestdlib.flyteworkflow import FlyteWorkflow, NodeSpec, NodeStatus, SubNodeStatuses, WorkflowSpec
from flytestdlib.storage import BlobStore


class HandlerPhase(enum.IntEnum):
    """Phases a handler reports ("EPhase")."""

    UNDEFINED = 0
    NOT_READY = 1
    QUEUED = 2
    RUNNING = 3
    SKIP = 4
    FAILED = 5
    RETRYABLE_FAILURE = 6
    SUCCESS = 7
    TIMEDOUT = 8
    FAILING = 9
    DYNAMIC_RUNNING = 10
    RECOVERED = 11


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Transition:
    """A handler's answer: the phase plus what the node event should carry."""

    phase: HandlerPhase
    occurred_at: datetime = field(default_factory=_now)
    error: execution_pb2.ExecutionError | None = None
    output_uri: str = ""
    task_node_metadata: event_pb2.TaskNodeMetadata | None = None
    reason: str = ""
    workflow_node_metadata: event_pb2.WorkflowNodeMetadata | None = None
    """The child execution a launch-plan node started (``LaunchedWorkflowID``)."""


class DagState(enum.Enum):
    """Where a nested DAG (a subworkflow) stands after one walk."""

    RUNNING = "running"
    COMPLETE = "complete"
    FAILED = "failed"
    TIMED_OUT = "timed_out"


@dataclass(frozen=True)
class DagResult:
    state: DagState
    error: execution_pb2.ExecutionError | None = None


class ChildRunner(Protocol):
    """Runs nodes nested under the current one: a branch's selected node, a subworkflow's nodes."""

    def run_child(self, child_id: str) -> NodeContext:
        """Advance ``child_id`` once this round (if it is not finished) and return its context."""
        ...

    def status_of(self, node_id: str) -> NodeStatus:
        """The status of ``node_id`` in the DAG being walked (a branch marks its candidates)."""
        ...

    def run_subworkflow(
        self,
        parent: NodeContext,
        spec: WorkflowSpec,
        *,
        wf: FlyteWorkflow | None = None,
        statuses: SubNodeStatuses | None = None,
    ) -> DagResult:
        """Walk ``spec`` once with its statuses in ``parent``'s ``subNodeStatus`` (or ``statuses``) and
        data under ``parent.output_dir``; its start node's outputs must already be written. ``wf``
        replaces the workflow the nodes look their tasks up in (a dynamic task's generated one)."""
        ...

    def abort_subworkflow(
        self,
        parent: NodeContext,
        spec: WorkflowSpec,
        reason: str,
        *,
        wf: FlyteWorkflow | None = None,
        statuses: SubNodeStatuses | None = None,
    ) -> None:
        """Abort every started, unfinished node of ``spec`` run under ``parent``."""
        ...

    def run_node(self, ctx: NodeContext, resolve_inputs: Callable[[], literals_pb2.LiteralMap]) -> None:
        """One step of a node the caller built the context of (an array node's subnode)."""
        ...

    def abort_node(self, ctx: NodeContext, reason: str) -> None:
        """Abort a node the caller built the context of, if it started and has not finished."""
        ...


@dataclass
class NodeContext:
    """One node of one workflow in the current round.

    ``parent_unique_id`` and ``retry_group`` are set for nodes run under another node (branch
    children); ``children`` is how a handler runs such nodes. ``in_dynamic_chain`` marks nodes of a
    dynamic task's workflow; an array node's subnodes get ``inputs_uri_override`` (the array's own
    inputs, which the task picks its element from) and ``extra_env`` (the array index variables).
    """

    wf: FlyteWorkflow
    spec: WorkflowSpec
    node: NodeSpec
    status: NodeStatus
    unique_id: str
    data_dir: str
    blobs: BlobStore
    events: EventRecorder
    settings: PropellerSettings
    now: datetime
    parent_unique_id: str = ""
    retry_group: str = ""
    children: ChildRunner | None = None
    in_dynamic_chain: bool = False
    inputs_uri_override: str = ""
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def execution_id(self) -> identifier_pb2.WorkflowExecutionIdentifier:
        return self.wf.execution_id

    @property
    def node_execution_id(self) -> identifier_pb2.NodeExecutionIdentifier:
        return identifier_pb2.NodeExecutionIdentifier(node_id=self.unique_id, execution_id=self.execution_id)

    @property
    def inputs_uri(self) -> str:
        return self.inputs_uri_override or self.blobs.join(self.data_dir, "inputs.pb")

    @property
    def output_dir(self) -> str:
        """The current attempt's output folder: ``<data dir>/<attempts>``."""
        return self.blobs.join(self.data_dir, str(self.status.attempts))

    @property
    def outputs_uri(self) -> str:
        return self.blobs.join(self.output_dir, "outputs.pb")


class NodeHandler(Protocol):
    """What every node kind implements."""

    @property
    def finalize_required(self) -> bool:
        """Whether the node passes through Succeeding/Failing so ``finalize`` runs in its own round."""
        ...

    def handle(self, ctx: NodeContext) -> Transition: ...

    def abort(self, ctx: NodeContext, reason: str) -> None: ...

    def finalize(self, ctx: NodeContext) -> None: ...
