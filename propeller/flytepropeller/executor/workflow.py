"""The workflow phase machine (flyte-propeller.md §2.3): one call = one round over one workflow.

Ready writes the workflow inputs as the start node's outputs and moves to Running; Running walks
the DAG (:mod:`.dag`); Succeeding records the end node's outputs as ``status.outputRef``; Failing
aborts what still runs, then runs the failure node (HandlingFailureNode, its ``err`` input set to
the FlyteError) if the workflow has one, and settles in Failed. A workflow marked for deletion is aborted, and one
that hit too many round errors is failed. A workflow event is sent on every phase change. The
executor only mutates the in-memory document; the driver persists it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from flyteidl.core import execution_pb2, literals_pb2, types_pb2
from flytepropeller.controlplane import AdminClient
from flytepropeller.events import EventRecorder, EventSink, WorkflowStateMismatch
from flytepropeller.events.building import workflow_event
from flytepropeller.executor.dag import DagRound, Outcome
from flytepropeller.executor.scopes import Scope
from flytepropeller.nodes import HANDLEABLE_PHASES, HandlerFactory, NodeContext, NodeExecutor
from flytepropeller.plugins import PluginRegistry
from flytepropeller.settings import PropellerSettings
from flytestdlib.flyteworkflow import (
    END_NODE_ID,
    START_NODE_ID,
    FlyteWorkflow,
    NodeKind,
    NodePhase,
    NodeSpec,
    WorkflowPhase,
)
from flytestdlib.storage import BlobStore, read_proto, write_proto

logger = logging.getLogger(__name__)

_WF = execution_pb2.WorkflowExecution
_ERROR = execution_pb2.ExecutionError
_EVENT_PHASES = {
    WorkflowPhase.RUNNING: _WF.RUNNING,
    WorkflowPhase.SUCCEEDING: _WF.SUCCEEDING,
    WorkflowPhase.SUCCESS: _WF.SUCCEEDED,
    WorkflowPhase.FAILING: _WF.FAILING,
    WorkflowPhase.HANDLING_FAILURE_NODE: _WF.FAILING,
    WorkflowPhase.FAILED: _WF.FAILED,
    WorkflowPhase.ABORTED: _WF.ABORTED,
}
DEFINITION_VERSION = 1
AUTO_ABORT_REASON = "Some node execution failed, auto-abort."


class WorkflowExecutor:
    """Advances one FlyteWorkflow by one round."""

    def __init__(
        self,
        blobs: BlobStore,
        plugins: PluginRegistry,
        events: EventSink,
        settings: PropellerSettings,
        admin: AdminClient | None = None,
    ) -> None:
        self._blobs = blobs
        self._settings = settings
        self._recorder = EventRecorder(events)
        handlers = HandlerFactory(plugins, admin, admin_poll_interval=settings.admin_poll_interval)
        self._nodes = NodeExecutor(handlers)

    def data_dir(self, wf: FlyteWorkflow) -> str:
        """``<base>/<metadata prefix>/<project>-<domain>-<name>``."""
        execution = wf.execution_id
        return self._blobs.join(
            self._settings.metadata_prefix, f"{execution.project}-{execution.domain}-{execution.name}"
        )

    def handle(self, wf: FlyteWorkflow, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        status = wf.status
        if status.phase.is_terminal:
            return
        if status.definition_version is None:
            status.definition_version = DEFINITION_VERSION
        try:
            if wf.deletion_requested:
                self._abort(wf, now)
            elif status.failed_attempts > self._settings.max_workflow_retries:
                self._give_up(wf, now)
            elif status.phase is WorkflowPhase.READY:
                self._prepare(wf, now)
            elif status.phase is WorkflowPhase.RUNNING:
                self._run(wf, now)
            elif status.phase is WorkflowPhase.SUCCEEDING:
                self._succeed(wf, now)
            elif status.phase is WorkflowPhase.FAILING:
                self._fail(wf, now)
            elif status.phase is WorkflowPhase.HANDLING_FAILURE_NODE:
                self._handle_failure_node(wf, now)
        except WorkflowStateMismatch as mismatch:
            logger.warning("%s/%s: %s", wf.namespace, wf.name, mismatch)
            status.phase = WorkflowPhase.FAILED
            status.message = str(mismatch)
            status.stopped_at = now
            status.last_updated_at = now

    def _prepare(self, wf: FlyteWorkflow, now: datetime) -> None:
        status = wf.status
        status.data_dir = self.data_dir(wf)
        if wf.has_inline_inputs and wf.offloaded_inputs:
            error = _ERROR(
                code="BadSpecificationError",
                message="the FlyteWorkflow has both 'inputs' and 'offloadedInputs'; only one may be set",
                kind=_ERROR.SYSTEM,
            )
            self._set_phase(wf, WorkflowPhase.FAILING, now, error=error)
            return
        if wf.offloaded_inputs:
            inputs = read_proto(self._blobs, wf.offloaded_inputs, literals_pb2.LiteralMap)
        else:
            inputs = wf.inputs
        write_proto(self._blobs, self._outputs_uri(wf, START_NODE_ID), inputs)
        status.started_at = now
        self._set_phase(wf, WorkflowPhase.RUNNING, now)

    def _run(self, wf: FlyteWorkflow, now: datetime) -> None:
        result = self._round(wf, now).visit(START_NODE_ID)
        if result.outcome is Outcome.FAILED:
            error = result.error or _ERROR(code="NodeFailed", message="a node failed", kind=_ERROR.UNKNOWN)
            self._set_phase(wf, WorkflowPhase.FAILING, now, error=error)
        elif result.outcome is Outcome.TIMED_OUT:
            error = _ERROR(code="Timeout", message="Timeout in node", kind=_ERROR.USER)
            self._set_phase(wf, WorkflowPhase.FAILING, now, error=error)
        elif result.outcome is Outcome.COMPLETE:
            self._set_phase(wf, WorkflowPhase.SUCCEEDING, now)

    def _succeed(self, wf: FlyteWorkflow, now: datetime) -> None:
        outputs = self._outputs_uri(wf, END_NODE_ID)
        output_uri = outputs if self._blobs.exists(outputs) else ""
        wf.status.output_ref = output_uri
        self._set_phase(wf, WorkflowPhase.SUCCESS, now, output_uri=output_uri)

    def _fail(self, wf: FlyteWorkflow, now: datetime) -> None:
        self._abort_nodes(wf, AUTO_ABORT_REASON, now)
        if wf.spec.on_failure is not None:
            self._set_phase(wf, WorkflowPhase.HANDLING_FAILURE_NODE, now, error=wf.status.error)
        else:
            self._set_phase(wf, WorkflowPhase.FAILED, now, error=wf.status.error)

    def _handle_failure_node(self, wf: FlyteWorkflow, now: datetime) -> None:
        """Run ``onFailure`` (its only upstream is the start node), then fail the workflow."""
        node = wf.spec.on_failure
        assert node is not None
        ctx = self._context(wf, node.id, now)
        if ctx.status.phase in HANDLEABLE_PHASES:
            round_ = self._round(wf, now)
            ctx.children = round_
            self._nodes.handle(ctx, lambda: self._failure_node_inputs(wf, round_, node))
        phase = ctx.status.phase
        original = wf.status.error
        if phase in (NodePhase.SUCCEEDED, NodePhase.SKIPPED, NodePhase.RECOVERED):
            self._set_phase(wf, WorkflowPhase.FAILED, now, error=original)
        elif phase is NodePhase.FAILED:
            self._set_phase(wf, WorkflowPhase.FAILED, now, error=ctx.status.error or original)
        elif phase is NodePhase.TIMED_OUT:
            timed_out = _ERROR(code="TimedOut", message="Failure node timed out", kind=_ERROR.USER)
            self._set_phase(wf, WorkflowPhase.FAILED, now, error=timed_out)

    def _failure_node_inputs(
        self, wf: FlyteWorkflow, round_: DagRound, node: NodeSpec
    ) -> literals_pb2.LiteralMap:
        """The failure node's inputs, with ``err`` replaced by the FlyteError of the failure."""
        inputs = round_.resolve_inputs(node)
        if node.kind is NodeKind.TASK and "err" not in wf.task(node.task_key).interface.inputs.variables:
            return inputs
        failed_node = next(
            (
                node_id
                for node_id in wf.status.node_ids()
                if (found := wf.status.find_node(node_id)) is not None
                and found.phase in (NodePhase.FAILED, NodePhase.TIMED_OUT)
            ),
            "",
        )
        error = wf.status.error
        flyte_error = literals_pb2.Literal(
            scalar=literals_pb2.Scalar(
                error=types_pb2.Error(failed_node_id=failed_node, message=error.message if error else "")
            )
        )
        inputs.literals["err"].CopyFrom(
            literals_pb2.Literal(
                scalar=literals_pb2.Scalar(
                    union=literals_pb2.Union(
                        value=flyte_error,
                        type=types_pb2.LiteralType(
                            simple=types_pb2.ERROR, structure=types_pb2.TypeStructure(tag="FlyteError")
                        ),
                    )
                )
            )
        )
        return inputs

    def _abort(self, wf: FlyteWorkflow, now: datetime) -> None:
        self._abort_nodes(wf, "Workflow aborted.", now)
        self._set_phase(wf, WorkflowPhase.ABORTED, now)

    def _give_up(self, wf: FlyteWorkflow, now: datetime) -> None:
        attempts = wf.status.failed_attempts
        maximum = self._settings.max_workflow_retries
        message = f"max number of system retry attempts [{attempts}/{maximum}] exhausted. Last known status message: {wf.status.message}"
        self._abort_nodes(wf, message, now)
        error = _ERROR(code="Workflow abort failed", message=message, kind=_ERROR.SYSTEM)
        self._set_phase(wf, WorkflowPhase.FAILED, now, error=error)

    def _abort_nodes(self, wf: FlyteWorkflow, reason: str, now: datetime) -> None:
        self._round(wf, now).abort_started(reason)

    def _scope(self, wf: FlyteWorkflow, now: datetime) -> Scope:
        return Scope(
            wf=wf,
            spec=wf.spec,
            statuses=wf.status,
            blobs=self._blobs,
            events=self._recorder,
            settings=self._settings,
            now=now,
            wf_dir=self._wf_dir(wf),
        )

    def _round(self, wf: FlyteWorkflow, now: datetime) -> DagRound:
        return DagRound(self._scope(wf, now), self._nodes, wf.max_parallelism)

    def _context(self, wf: FlyteWorkflow, node_id: str, now: datetime) -> NodeContext:
        return self._scope(wf, now).context(node_id)

    def _wf_dir(self, wf: FlyteWorkflow) -> str:
        return wf.status.data_dir or self.data_dir(wf)

    def _outputs_uri(self, wf: FlyteWorkflow, node_id: str) -> str:
        return self._blobs.join(self._wf_dir(wf), node_id, "data", "0", "outputs.pb")

    def _set_phase(
        self,
        wf: FlyteWorkflow,
        phase: WorkflowPhase,
        now: datetime,
        *,
        error: execution_pb2.ExecutionError | None = None,
        output_uri: str = "",
    ) -> None:
        status = wf.status
        previous = status.phase
        status.phase = phase
        status.last_updated_at = now
        if error is not None:
            status.error = error
            status.message = error.message
        if phase.is_terminal:
            status.stopped_at = now
        occurred_at = now
        if phase is WorkflowPhase.RUNNING:
            occurred_at = status.started_at or now
        event_error = (
            error
            if phase in (WorkflowPhase.FAILING, WorkflowPhase.FAILED, WorkflowPhase.HANDLING_FAILURE_NODE)
            else None
        )
        self._recorder.workflow(
            workflow_event(
                wf.execution_id,
                _EVENT_PHASES[phase],
                occurred_at,
                producer_id=self._settings.producer_id,
                output_uri=output_uri,
                error=event_error,
            )
        )
        logger.info("workflow %s/%s: %s -> %s", wf.namespace, wf.name, previous.name, phase.name)
