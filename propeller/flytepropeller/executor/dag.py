"""One traversal of a workflow's DAG ("RecursiveNodeHandler", flyte-propeller.md §2.4).

Starting at ``start-node`` the walk hands every node in a handleable phase to the node executor,
at most once per round, and recurses into the downstream nodes of finished ones. A node becomes
ready when all its upstream nodes succeeded in an earlier round; a failed, timed-out or skipped
upstream makes it Skipped. The result of the walk tells the workflow executor whether the
workflow is still running, complete, or failed (and with which error).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from flyteidl.core import execution_pb2, literals_pb2
from flytepropeller.executor.scopes import Scope
from flytepropeller.nodes import (
    HANDLEABLE_PHASES,
    BindingError,
    DagResult,
    DagState,
    NodeContext,
    NodeExecutor,
    resolve_bindings,
)
from flytestdlib.errors import BlobNotFound
from flytestdlib.flyteworkflow import (
    START_NODE_ID,
    FlyteWorkflow,
    NodeKind,
    NodePhase,
    NodeSpec,
    NodeStatus,
    OnFailurePolicy,
    SubNodeStatuses,
    WorkflowSpec,
)
from flytestdlib.storage import read_proto


class Outcome(enum.Enum):
    """What a node (and everything below it) amounts to in this round."""

    PENDING = "pending"
    QUEUED = "queued"
    RUNNING = "running"
    SUCCESS = "success"  # something finished this round; more may follow at once
    COMPLETE = "complete"
    FAILED = "failed"
    TIMED_OUT = "timed_out"


@dataclass(frozen=True)
class VisitResult:
    outcome: Outcome
    error: execution_pb2.ExecutionError | None = None

    @property
    def is_failure(self) -> bool:
        return self.outcome in (Outcome.FAILED, Outcome.TIMED_OUT)


class _Readiness(enum.Enum):
    READY = 1
    NOT_READY = 2
    SKIP = 3


_LIMITED_KINDS = frozenset({NodeKind.TASK, NodeKind.ARRAY})
_DONE = frozenset({NodePhase.SUCCEEDED, NodePhase.RECOVERED})
_SKIPPING = frozenset({NodePhase.SKIPPED, NodePhase.FAILED, NodePhase.TIMED_OUT})


_DAG_STATES = {
    Outcome.COMPLETE: DagState.COMPLETE,
    Outcome.FAILED: DagState.FAILED,
    Outcome.TIMED_OUT: DagState.TIMED_OUT,
}


class _Budget:
    """Running task/array nodes counted against ``maxParallelism``, shared with nested walks."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self.used = 0

    @property
    def exhausted(self) -> bool:
        return self.maximum > 0 and self.used >= self.maximum


class DagRound:
    """A single walk over the nodes of ``scope``; create one per round."""

    def __init__(
        self, scope: Scope, nodes: NodeExecutor, max_parallelism: int, *, budget: _Budget | None = None
    ) -> None:
        self._scope = scope
        self._spec = scope.spec
        self._statuses = scope.statuses
        self._nodes = nodes
        self._context_for = scope.context
        self._budget = budget or _Budget(max_parallelism)
        self._handled: set[str] = set()
        self._outputs: dict[str, literals_pb2.LiteralMap] = {}

    def visit(self, node_id: str) -> VisitResult:
        node = self._spec.node(node_id)
        status = self._statuses.node(node_id)
        phase = status.phase
        if phase in HANDLEABLE_PHASES:
            return self._handle(node_id, node.kind, phase)
        if phase in (NodePhase.SUCCEEDED, NodePhase.SKIPPED, NodePhase.RECOVERED):
            return self._downstream(node_id)
        if phase is NodePhase.FAILED:
            self._downstream(node_id)
            return VisitResult(Outcome.FAILED, status.error)
        if phase is NodePhase.TIMED_OUT:
            self._downstream(node_id)
            return VisitResult(Outcome.TIMED_OUT, status.error)
        return VisitResult(Outcome.PENDING)

    def _handle(self, node_id: str, kind: NodeKind, phase: NodePhase) -> VisitResult:
        if node_id in self._handled:
            return VisitResult(Outcome.RUNNING)
        if phase is NodePhase.NOT_YET_STARTED and kind is not NodeKind.START:
            readiness = self._readiness(node_id)
            if readiness is _Readiness.NOT_READY:
                return VisitResult(Outcome.PENDING)
            if readiness is _Readiness.SKIP:
                self._nodes.skip(self._context_for(node_id))
                self._handled.add(node_id)
                return VisitResult(Outcome.SUCCESS)
        limited = kind in _LIMITED_KINDS or (
            kind is NodeKind.WORKFLOW and self._spec.node(node_id).launch_plan_ref is not None
        )  # a launch-plan node's child execution counts like a running task (§2.13)
        if limited and self._budget.exhausted:
            return VisitResult(Outcome.RUNNING)
        ctx = self._context_for(node_id)
        ctx.children = self
        node = ctx.node
        self._nodes.handle(ctx, lambda: self.resolve_inputs(node))
        self._handled.add(node_id)
        new_phase = ctx.status.phase
        if limited and new_phase in (NodePhase.QUEUED, NodePhase.RUNNING, NodePhase.DYNAMIC_RUNNING):
            self._budget.used += 1
        if new_phase in (NodePhase.SUCCEEDED, NodePhase.SKIPPED, NodePhase.RECOVERED):
            return VisitResult(Outcome.SUCCESS)
        if new_phase is NodePhase.FAILED:
            return VisitResult(Outcome.FAILED, ctx.status.error)
        if new_phase is NodePhase.TIMED_OUT:
            return VisitResult(Outcome.TIMED_OUT, ctx.status.error)
        if new_phase is NodePhase.QUEUED:
            return VisitResult(Outcome.QUEUED)
        if new_phase is NodePhase.NOT_YET_STARTED:
            return VisitResult(Outcome.PENDING)
        return VisitResult(Outcome.RUNNING)

    def run_child(self, child_id: str) -> NodeContext:
        """One step of a node run by its parent (a branch's selected node); see ``ChildRunner``.

        The parent only runs once its own upstream nodes, which include every node the child's
        bindings read, have succeeded, so the child needs no readiness check of its own.
        """
        ctx = self._context_for(child_id)
        ctx.children = self
        if ctx.status.phase in HANDLEABLE_PHASES and child_id not in self._handled:
            node = ctx.node
            self._nodes.handle(ctx, lambda: self.resolve_inputs(node))
            self._handled.add(child_id)
        return ctx

    def status_of(self, node_id: str) -> NodeStatus:
        return self._statuses.node(node_id)

    def run_subworkflow(
        self,
        parent: NodeContext,
        spec: WorkflowSpec,
        *,
        wf: FlyteWorkflow | None = None,
        statuses: SubNodeStatuses | None = None,
    ) -> DagResult:
        """One walk of a subworkflow under ``parent``; see ``ChildRunner``."""
        result = self._nested(parent, spec, wf, statuses).visit(START_NODE_ID)
        return DagResult(_DAG_STATES.get(result.outcome, DagState.RUNNING), result.error)

    def abort_subworkflow(
        self,
        parent: NodeContext,
        spec: WorkflowSpec,
        reason: str,
        *,
        wf: FlyteWorkflow | None = None,
        statuses: SubNodeStatuses | None = None,
    ) -> None:
        self._nested(parent, spec, wf, statuses).abort_started(reason)

    def run_node(self, ctx: NodeContext, resolve_inputs: Callable[[], literals_pb2.LiteralMap]) -> None:
        """One step of a node built by its parent (an array subnode); see ``ChildRunner``."""
        ctx.children = self
        if ctx.status.phase in HANDLEABLE_PHASES:
            self._nodes.handle(ctx, resolve_inputs)

    def abort_node(self, ctx: NodeContext, reason: str) -> None:
        ctx.children = self
        self._nodes.abort(ctx, reason)

    def abort_started(self, reason: str) -> None:
        """Abort every node of this DAG that started and has not finished."""
        known = set(self._spec.node_ids())
        if self._spec.on_failure is not None:
            known.add(self._spec.on_failure.id)
        for node_id in self._statuses.node_ids():
            status = self._statuses.find_node(node_id)
            if node_id not in known or status is None:
                continue
            if status.phase in HANDLEABLE_PHASES and status.phase is not NodePhase.NOT_YET_STARTED:
                ctx = self._context_for(node_id)
                ctx.children = self
                self._nodes.abort(ctx, reason)

    def _nested(
        self,
        parent: NodeContext,
        spec: WorkflowSpec,
        wf: FlyteWorkflow | None = None,
        statuses: SubNodeStatuses | None = None,
    ) -> DagRound:
        scope = self._scope.nested(parent, spec, wf=wf, statuses=statuses)
        return DagRound(scope, self._nodes, 0, budget=self._budget)

    def resolve_inputs(self, node: NodeSpec) -> literals_pb2.LiteralMap:
        """The node's input bindings resolved against the outputs of earlier nodes."""
        return resolve_bindings(node.input_bindings, self._read_outputs, self._aliases)

    def _downstream(self, node_id: str) -> VisitResult:
        children = self._spec.downstream(node_id)
        if not children:
            return VisitResult(Outcome.COMPLETE)
        fail_fast = self._spec.on_failure_policy is OnFailurePolicy.FAIL_IMMEDIATELY
        all_complete = True
        partial = False
        failure: VisitResult | None = None
        for child in children:
            result = self.visit(child)
            if result.is_failure:
                if fail_fast:
                    return result
                failure = result
                continue
            if result.outcome is not Outcome.COMPLETE:
                all_complete = False
            if result.outcome is Outcome.SUCCESS:
                partial = True
        if all_complete:
            return failure or VisitResult(Outcome.COMPLETE)
        return VisitResult(Outcome.SUCCESS if partial else Outcome.PENDING)

    def _readiness(self, node_id: str) -> _Readiness:
        skip = False
        for upstream in self._spec.upstream(node_id):
            if upstream in self._handled:
                return _Readiness.NOT_READY
            found = self._statuses.find_node(upstream)
            phase = found.phase if found is not None else NodePhase.NOT_YET_STARTED
            if phase in _SKIPPING:
                skip = True
            elif phase not in _DONE:
                return _Readiness.NOT_READY
        return _Readiness.SKIP if skip else _Readiness.READY

    def _read_outputs(self, node_id: str) -> literals_pb2.LiteralMap:
        if node_id not in self._outputs:
            if node_id != START_NODE_ID and self._statuses.find_node(node_id) is None:
                raise BindingError(f"node {node_id!r} has not run")
            uri = self._context_for(node_id).outputs_uri
            try:
                self._outputs[node_id] = read_proto(
                    self._context_for(node_id).blobs, uri, literals_pb2.LiteralMap
                )
            except BlobNotFound as error:
                raise BindingError(f"outputs of node {node_id!r} are missing at {uri}") from error
        return self._outputs[node_id]

    def _aliases(self, node_id: str) -> dict[str, str]:
        return self._spec.node(node_id).output_aliases
