"""The array node handler (ArrayNode, map tasks; flyte-propeller.md §3.7, §6).

``arrayNodeStatus.phase`` drives it:

* None: read the node's inputs; every input not in ``BoundInputs`` must be a list, all of one
  length n (else USER ``InvalidArrayLength``); n is 1 when every input is bound -> Executing.
* Executing: run subnode i (i = 0..n-1) one step per round through the ordinary node executor, at
  most ``Parallelism`` unfinished ones per round (none or 0 = all). Subnode i is the
  ``SubNodeSpec`` under id ``n<i>``: statuses in this node's ``subNodeStatus[i]``, data under
  ``<outputDir>/<i>``, unique id ``<array uid>-<attempt>-n<i>``, its own retries. A task subnode
  reads the array's own ``inputs.pb`` and picks its element with ``FLYTE_K8S_ARRAY_INDEX``
  (``BATCH_JOB_ARRAY_INDEX_VAR_NAME`` names it), as ``pyflyte-map-execute`` expects; other subnodes
  get their element's inputs. The success criterion is ``MinSuccesses``, else
  ``ceil(MinSuccessRatio * n)``, else n: when it can no longer be met the running subnodes are
  aborted and the node fails with a summary of the subnode errors; once it is met and nothing
  runs the node succeeds.
* Gathering: one list per output variable, in index order, ``none`` for subnodes that did not
  succeed, written to ``<outputDir>/outputs.pb``.

Task subnodes send no events of their own; the array node sends one task event whenever a
subnode changed, listing the changed ones (:mod:`.array_events`). Per-subnode summaries are also
kept as compact arrays (``subphase``, ``subtphase``, ``subattempts``, ``subsysfailures``).
Re-entered every round and idempotent: subnode statuses only move forward and the gathered
outputs are rewritten identically.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from flyteidl.core import execution_pb2, literals_pb2
from flytepropeller.nodes.array_events import SubnodeEvents, SubnodeReport, array_task_event
from flytepropeller.nodes.handler import ChildRunner, HandlerPhase, NodeContext, Transition
from flytestdlib.flyteworkflow import (
    ArrayNodePhase,
    ArraySpec,
    NodeKind,
    NodePhase,
    NodeSpec,
    fixed_length_unique_id,
)
from flytestdlib.storage import read_proto, write_proto

logger = logging.getLogger(__name__)

ARRAY_INDEX_VAR_NAME = "BATCH_JOB_ARRAY_INDEX_VAR_NAME"
ARRAY_INDEX_VAR = "FLYTE_K8S_ARRAY_INDEX"

_ERROR = execution_pb2.ExecutionError
_TASK = execution_pb2.TaskExecution
_SUCCEEDED = frozenset({NodePhase.SUCCEEDED, NodePhase.RECOVERED, NodePhase.SKIPPED})
_FAILED = frozenset({NodePhase.FAILED, NodePhase.TIMED_OUT})
_REPORTED_PHASES = {
    NodePhase.NOT_YET_STARTED: _TASK.UNDEFINED,
    NodePhase.QUEUED: _TASK.QUEUED,
    NodePhase.RUNNING: _TASK.RUNNING,
    NodePhase.RETRYABLE_FAILURE: _TASK.RETRYABLE_FAILED,
    NodePhase.SUCCEEDING: _TASK.RUNNING,
    NodePhase.SUCCEEDED: _TASK.SUCCEEDED,
    NodePhase.FAILING: _TASK.RUNNING,
    NodePhase.FAILED: _TASK.FAILED,
    NodePhase.TIMING_OUT: _TASK.RUNNING,
    NodePhase.TIMED_OUT: _TASK.FAILED,
    NodePhase.SKIPPED: _TASK.SUCCEEDED,
    NodePhase.RECOVERED: _TASK.SUCCEEDED,
}


class InvalidArrayInputs(Exception):
    """The array node's inputs cannot be split into elements (a user error)."""


@dataclass(frozen=True)
class _Counts:
    succeeded: int
    failed: int
    running: int


class ArrayHandler:
    """Handler of ``array`` nodes; see the module docstring."""

    @property
    def finalize_required(self) -> bool:
        return True

    def handle(self, ctx: NodeContext) -> Transition:
        state = ctx.status.array_node_status
        if state.phase is ArrayNodePhase.NONE:
            try:
                size = _size(ctx.node.array, _inputs(ctx))
            except InvalidArrayInputs as error:
                failure = _ERROR(code="InvalidArrayLength", message=str(error), kind=_ERROR.USER)
                return Transition(HandlerPhase.FAILED, ctx.now, failure, reason=failure.message)
            state.set_compact("subphase", [0] * size)
            state.phase = ArrayNodePhase.EXECUTING
            logger.info("array node %s of %s: %d subnodes", ctx.unique_id, ctx.wf.name, size)
        if state.phase is ArrayNodePhase.EXECUTING:
            return self._execute(ctx)
        if state.phase is ArrayNodePhase.SUCCEEDING:
            return self._gather(ctx)
        stored = state.execution_error or _ERROR(
            code="ArrayNodeFailed", message=f"Array node {ctx.node.id!r} failed.", kind=_ERROR.USER
        )
        return Transition(HandlerPhase.FAILED, ctx.now, stored, reason=stored.message)

    def _execute(self, ctx: NodeContext) -> Transition:
        array = ctx.node.array
        size = _known_size(ctx)
        limit = array.parallelism or size
        runner = _children(ctx)
        inputs: list[literals_pb2.LiteralMap] = []  # loaded on first need

        def all_inputs() -> literals_pb2.LiteralMap:
            if not inputs:
                inputs.append(_inputs(ctx))
            return inputs[0]

        reports: list[SubnodeReport] = []
        evaluated = 0
        for index in range(size):
            sub = self._subnode(ctx, index)
            before = (sub.status.phase, sub.status.attempts)
            if sub.status.phase.is_terminal:
                continue
            if evaluated >= limit:
                continue
            evaluated += 1
            if sub.status.phase is NodePhase.NOT_YET_STARTED and sub.node.kind is NodeKind.TASK:
                _queue(sub)  # its inputs are the array's own; nothing to write
            else:
                runner.run_node(sub, _element_resolver(ctx, array, index, all_inputs))
            if (sub.status.phase, sub.status.attempts) != before:
                reports.append(_report(ctx, sub, index, before[1]))
        counts = self._counts(ctx, size)
        required = _min_successes(array, size)
        state = ctx.status.array_node_status
        if size - counts.failed < required:
            error = self._summary(ctx, size, counts, required)
            state.execution_error = error
            state.phase = ArrayNodePhase.FAILING
            self._abort_subnodes(ctx, size, f"Array node {ctx.node.id!r} cannot reach {required} successes.")
            self._send(ctx, reports, _TASK.FAILED, error=error)
            return Transition(HandlerPhase.FAILED, ctx.now, error, reason=error.message)
        if counts.running == 0 and counts.succeeded >= required:
            state.phase = ArrayNodePhase.SUCCEEDING
            return self._gather(ctx, reports)
        if reports:
            self._send(ctx, reports, _TASK.RUNNING)
        return Transition(
            HandlerPhase.RUNNING, ctx.now, reason=f"{counts.succeeded}/{size} subnodes succeeded"
        )

    def _gather(self, ctx: NodeContext, reports: list[SubnodeReport] | None = None) -> Transition:
        size = _known_size(ctx)
        sub_spec = NodeSpec(ctx.node.array.sub_node, "array.SubNodeSpec")
        names: list[str] = []
        if sub_spec.kind is NodeKind.TASK:
            names = list(ctx.wf.task(sub_spec.task_key).interface.outputs.variables)
        elements: list[literals_pb2.LiteralMap | None] = []
        for index in range(size):
            sub = self._subnode(ctx, index)
            if sub.status.phase is NodePhase.SUCCEEDED and ctx.blobs.exists(sub.outputs_uri):
                outputs = read_proto(ctx.blobs, sub.outputs_uri, literals_pb2.LiteralMap)
                names.extend(name for name in outputs.literals if name not in names)
                elements.append(outputs)
            else:
                elements.append(None)
        none = literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))
        gathered = literals_pb2.LiteralMap()
        for name in names:
            collection = gathered.literals[name].collection
            for element in elements:
                if element is not None and name in element.literals:
                    collection.literals.append(element.literals[name])
                else:
                    collection.literals.append(none)
        write_proto(ctx.blobs, ctx.outputs_uri, gathered)
        self._send(ctx, reports or [], _TASK.SUCCEEDED, output_uri=ctx.outputs_uri)
        return Transition(HandlerPhase.SUCCESS, ctx.now, output_uri=ctx.outputs_uri)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        state = ctx.status.array_node_status
        if state.phase not in (ArrayNodePhase.EXECUTING, ArrayNodePhase.FAILING):
            return
        size = _known_size(ctx)
        self._abort_subnodes(ctx, size, reason)
        if state.phase is ArrayNodePhase.EXECUTING:  # a failing array reported FAILED already
            reports = [
                _report(ctx, sub, index, sub.status.attempts)
                for index in range(size)
                if not (sub := self._subnode(ctx, index)).status.phase.is_terminal
            ]
            reports = [replace(report, phase=_TASK.ABORTED) for report in reports]
            self._send(ctx, reports, _TASK.ABORTED, reason=reason)

    def finalize(self, ctx: NodeContext) -> None:
        """Subnodes finalize themselves when they finish."""

    def _subnode(self, ctx: NodeContext, index: int) -> NodeContext:
        raw = dict(ctx.node.array.sub_node)
        raw["id"] = f"n{index}"
        node = NodeSpec(raw, f"{ctx.node.id}.array.SubNodeSpec[{index}]")
        is_task = node.kind is NodeKind.TASK
        attempt = str(ctx.status.attempts)
        return NodeContext(
            wf=ctx.wf,
            spec=ctx.spec,
            node=node,
            status=ctx.status.sub_nodes.node(str(index)),
            unique_id=f"{ctx.unique_id}-{attempt}-n{index}",
            data_dir=ctx.blobs.join(ctx.output_dir, str(index)),
            blobs=ctx.blobs,
            events=SubnodeEvents(ctx.events, forward_node_events=not is_task),
            settings=ctx.settings,
            now=ctx.now,
            parent_unique_id=ctx.unique_id,
            retry_group=attempt,
            children=ctx.children,
            in_dynamic_chain=ctx.in_dynamic_chain,
            inputs_uri_override=ctx.inputs_uri if is_task else "",
            extra_env={ARRAY_INDEX_VAR_NAME: ARRAY_INDEX_VAR, ARRAY_INDEX_VAR: str(index)},
        )

    def _counts(self, ctx: NodeContext, size: int) -> _Counts:
        succeeded = failed = 0
        phases, task_phases, attempts, system_failures = [], [], [], []
        for index in range(size):
            status = ctx.status.sub_nodes.node(str(index))
            phase = status.phase
            succeeded += phase in _SUCCEEDED
            failed += phase in _FAILED
            phases.append(int(phase))
            task_phases.append(status.task_node_status.phase if "TaskNodeStatus" in status.raw else 0)
            attempts.append(status.attempts)
            system_failures.append(status.system_failures)
        state = ctx.status.array_node_status
        state.set_compact("subphase", phases)
        state.set_compact("subtphase", task_phases)
        state.set_compact("subattempts", attempts)
        state.set_compact("subsysfailures", system_failures)
        return _Counts(succeeded, failed, size - succeeded - failed)

    def _summary(
        self, ctx: NodeContext, size: int, counts: _Counts, required: int
    ) -> execution_pb2.ExecutionError:
        errors: list[tuple[int, execution_pb2.ExecutionError]] = []
        for index in range(size):
            status = ctx.status.sub_nodes.node(str(index))
            if status.phase in _FAILED and status.error is not None:
                errors.append((index, status.error))
        first = errors[0][1] if errors else _ERROR(code="ArrayNodeFailed", kind=_ERROR.USER)
        details = "; ".join(f"[{index}]: {error.message}" for index, error in errors[:10])
        message = (
            f"{counts.failed} of {size} subnodes of array node {ctx.node.id!r} failed; at least {required} "
            f"had to succeed. {details}"
        )
        return _ERROR(code=first.code or "ArrayNodeFailed", message=message, kind=first.kind)

    def _abort_subnodes(self, ctx: NodeContext, size: int, reason: str) -> None:
        runner = _children(ctx)
        for index in range(size):
            sub = self._subnode(ctx, index)
            if sub.status.phase is not NodePhase.NOT_YET_STARTED and not sub.status.phase.is_terminal:
                runner.abort_node(sub, reason)

    def _send(
        self,
        ctx: NodeContext,
        reports: list[SubnodeReport],
        phase: execution_pb2.TaskExecution.Phase,
        *,
        output_uri: str = "",
        error: execution_pb2.ExecutionError | None = None,
        reason: str = "",
    ) -> None:
        """One task event of the array node (only for task subnodes)."""
        sub_spec = NodeSpec(ctx.node.array.sub_node, "array.SubNodeSpec")
        if sub_spec.kind is not NodeKind.TASK:
            return
        template = ctx.wf.task(sub_spec.task_key)
        state = ctx.status.array_node_status
        version = state.task_phase_version
        state.task_phase_version = version + 1
        ctx.events.task(
            array_task_event(
                template.id,
                ctx.node_execution_id,
                ctx.status.attempts,
                phase,
                version,
                ctx.now,
                producer_id=ctx.settings.producer_id,
                task_type=template.type,
                input_uri=ctx.inputs_uri,
                reports=reports,
                output_uri=output_uri,
                error=error,
                reason=reason,
            ),
            cleaning_up=phase == _TASK.ABORTED,
        )


def _children(ctx: NodeContext) -> ChildRunner:
    if ctx.children is None:
        raise RuntimeError("An array node needs a child runner in its context.")
    return ctx.children


def _inputs(ctx: NodeContext) -> literals_pb2.LiteralMap:
    return read_proto(ctx.blobs, ctx.inputs_uri, literals_pb2.LiteralMap)


def _size(array: ArraySpec, inputs: literals_pb2.LiteralMap) -> int:
    lengths: dict[str, int] = {}
    for name, literal in inputs.literals.items():
        if name in array.bound_inputs:
            continue
        if literal.WhichOneof("value") != "collection":
            raise InvalidArrayInputs(
                f"Input {name!r} of the array node is not a list; map over lists only, or bind it "
                "(functools.partial or bound inputs) to pass it to every element."
            )
        lengths[name] = len(literal.collection.literals)
    if len(set(lengths.values())) > 1:
        raise InvalidArrayInputs(
            f"The list inputs of the array node differ in length: {dict(sorted(lengths.items()))}; "
            "every mapped list must have one element per subnode."
        )
    return next(iter(lengths.values())) if lengths else 1


def _known_size(ctx: NodeContext) -> int:
    phases = ctx.status.array_node_status.compact("subphase")
    return phases.count if phases is not None else _size(ctx.node.array, _inputs(ctx))


def _min_successes(array: ArraySpec, size: int) -> int:
    if array.min_successes is not None:
        return min(array.min_successes, size)
    if array.min_success_ratio is not None:
        return math.ceil(array.min_success_ratio * size)
    return size


def _element_resolver(
    ctx: NodeContext, array: ArraySpec, index: int, all_inputs: Callable[[], literals_pb2.LiteralMap]
) -> Callable[[], literals_pb2.LiteralMap]:
    def resolve() -> literals_pb2.LiteralMap:
        full = all_inputs()
        element = literals_pb2.LiteralMap()
        for name, literal in full.literals.items():
            if name in array.bound_inputs or literal.WhichOneof("value") != "collection":
                element.literals[name].CopyFrom(literal)
            else:
                element.literals[name].CopyFrom(literal.collection.literals[index])
        return element

    return resolve


def _queue(sub: NodeContext) -> None:
    status = sub.status
    status.phase = NodePhase.QUEUED
    status.queued_at = sub.now
    status.last_updated_at = sub.now
    status.message = "queued as array subnode"


def _report(ctx: NodeContext, sub: NodeContext, index: int, previous_attempt: int) -> SubnodeReport:
    attempt = sub.status.attempts
    events = sub.events
    logs: tuple[execution_pb2.TaskLog, ...] = ()
    if isinstance(events, SubnodeEvents) and events.last_task_event is not None:
        logs = tuple(events.last_task_event.logs)
    phase = _REPORTED_PHASES.get(sub.status.phase, _TASK.UNDEFINED)
    if sub.status.phase is NodePhase.RUNNING and attempt != previous_attempt:
        phase = _TASK.RUNNING
    return SubnodeReport(
        index=index,
        external_id=fixed_length_unique_id(f"{ctx.wf.name}-{sub.unique_id}-{attempt}", 50),
        retry_attempt=attempt,
        phase=phase,
        logs=logs,
    )
