"""CreateWorkflowEvent: the engine reports a workflow execution's phase changes.

Rules (Flyte's): a repeated phase is ALREADY_EXISTS (the engine treats that as success) except that
QUEUED may repeat; nothing may follow a terminal phase; RUNNING may not go back to QUEUED; an
ABORTING execution only accepts terminal phases. RUNNING sets ``started_at``; a terminal phase sets
``duration`` and the outputs (an output URI, or inline data offloaded to the blob store) or error.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from flyteadmin.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from flyteadmin.repositories import UnitOfWorkFactory
from flyteadmin.repositories.executions import describe_execution
from flyteadmin.services.data import DataAccess
from flyteadmin.services.event_rules import (
    check_cluster,
    event_time,
    is_default_producer,
    set_duration_since,
    terminal_state_error,
)
from flyteadmin.services.phases import WORKFLOW_TERMINAL, workflow_phase_name
from flyteidl.admin import event_pb2, execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.event import event_pb2 as engine_events

__all__ = ["WorkflowEventService"]

logger = logging.getLogger(__name__)

_PHASE = core_execution_pb2.WorkflowExecution


class WorkflowEventService:
    def __init__(self, uow: UnitOfWorkFactory, data: DataAccess) -> None:
        self._uow = uow
        self._data = data

    def ingest(self, request: event_pb2.WorkflowExecutionEventRequest) -> None:
        if not request.HasField("event"):
            raise InvalidArgument("missing event")
        event = request.event
        if not event.HasField("execution_id") or not event.execution_id.name:
            raise InvalidArgument("missing execution_id")
        if event.WhichOneof("output_result") == "output_data":
            self._data.check_inline_size(
                event.output_data, f"workflow execution {describe_execution(event.execution_id)}"
            )
        what = f"workflow execution {describe_execution(event.execution_id)}"
        incoming, incoming_name = event.phase, workflow_phase_name(event.phase)
        with self._uow(write=True) as uow:
            record = uow.executions.get(event.execution_id, for_update=True)
            current = record.closure.phase
            current_name = workflow_phase_name(current)
            if incoming != _PHASE.QUEUED:
                if current == incoming:
                    raise AlreadyExists(f"This phase {incoming_name} was already recorded for {what}")
                check_cluster(event.producer_id, record.cluster, what)
            if current in WORKFLOW_TERMINAL:
                raise terminal_state_error(
                    f"Invalid phase change from {current_name} to {incoming_name} for {what}", current_name
                )
            if current == _PHASE.RUNNING and incoming == _PHASE.QUEUED:
                raise FailedPrecondition(f"Cannot go from {current_name} to {incoming_name} for {what}")
            if current == _PHASE.ABORTING and incoming not in WORKFLOW_TERMINAL:
                raise FailedPrecondition(
                    f"Invalid phase change from {current_name} to {incoming_name} for {what}: it is being aborted."
                )

            closure = execution_pb2.ExecutionClosure()
            closure.CopyFrom(record.closure)
            spec = record.spec
            cluster = record.cluster
            occurred, updated = event_time(event)
            closure.phase = incoming
            closure.updated_at.CopyFrom(updated)
            if incoming == _PHASE.RUNNING:
                closure.started_at.CopyFrom(occurred)
            if incoming in (_PHASE.UNDEFINED, _PHASE.QUEUED) and not is_default_producer(event.producer_id):
                cluster = event.producer_id
                spec = execution_pb2.ExecutionSpec()
                spec.CopyFrom(record.spec)
                spec.metadata.system_metadata.execution_cluster = cluster
            if incoming in WORKFLOW_TERMINAL:
                set_duration_since(
                    closure.duration, closure.started_at if closure.HasField("started_at") else None, occurred
                )
                self._record_result(event, closure)
            uow.executions.update(replace(record, closure=closure, spec=spec, cluster=cluster))
        logger.info("Execution %s is %s.", describe_execution(event.execution_id), incoming_name)

    def _record_result(
        self, event: engine_events.WorkflowExecutionEvent, closure: execution_pb2.ExecutionClosure
    ) -> None:
        result = event.WhichOneof("output_result")
        if result == "output_uri":
            closure.outputs.CopyFrom(execution_pb2.LiteralMapBlob(uri=event.output_uri))
        elif result == "output_data":
            execution = event.execution_id
            uri = self._data.store.join(
                "metadata", execution.project, execution.domain, execution.name, "offloaded_outputs"
            )
            closure.outputs.CopyFrom(
                execution_pb2.LiteralMapBlob(uri=self._data.offload(uri, event.output_data))
            )
        elif result == "error":
            closure.error.CopyFrom(event.error)
