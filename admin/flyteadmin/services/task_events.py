"""CreateTaskEvent: the engine reports the phases of one task attempt.

An attempt is keyed by (task id, node execution, retry attempt); its node execution must exist.
Within one phase, ``phase_version`` orders updates: an event whose phase and version were seen already
is ALREADY_EXISTS. Nothing may follow SUCCEEDED/FAILED/ABORTED (RETRYABLE_FAILED is not terminal).
Each event's logs replace the ones with the same URI or name, reasons accumulate, ``custom_info`` is
JSON-merge-patched, and external resources are matched by (index, retry attempt).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from google.protobuf import json_format, struct_pb2

from flyteadmin.errors import AlreadyExists, InvalidArgument
from flyteadmin.repositories import TaskExecutionRecord, UnitOfWorkFactory
from flyteadmin.repositories.task_executions import describe_task_execution
from flyteadmin.services.data import DataAccess
from flyteadmin.services.event_rules import (
    check_cluster,
    event_time,
    set_duration_since,
    terminal_state_error,
)
from flyteadmin.services.phases import TASK_TERMINAL, task_phase_name
from flyteadmin.services.validation import check_identifier, require, require_fields
from flyteidl.admin import event_pb2, task_execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2
from flyteidl.event import event_pb2 as engine_events

__all__ = ["TaskEventService"]

logger = logging.getLogger(__name__)

_PHASE = core_execution_pb2.TaskExecution
_PENDING = frozenset({_PHASE.QUEUED, _PHASE.INITIALIZING})


def _merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = _merge_patch(merged.get(key), value)
    return merged


def _merged_logs(
    old: list[core_execution_pb2.TaskLog], new: list[core_execution_pb2.TaskLog], phase: int
) -> list[core_execution_pb2.TaskLog]:
    uris = {log.uri for log in new}
    names = {log.name for log in new}
    logs = list(new) + [log for log in old if log.uri not in uris and log.name not in names]
    if phase in TASK_TERMINAL:
        logs = [log for log in logs if not log.HideOnceFinished]
    elif phase in _PENDING:
        logs = [log for log in logs if log.ShowWhilePending]
    return logs


def _merged_metadata(
    old: engine_events.TaskExecutionMetadata, new: engine_events.TaskExecutionMetadata
) -> engine_events.TaskExecutionMetadata:
    merged = engine_events.TaskExecutionMetadata()
    merged.CopyFrom(old)
    if new.generated_name:
        merged.generated_name = new.generated_name
    if new.plugin_identifier:
        merged.plugin_identifier = new.plugin_identifier
    if new.instance_class:
        merged.instance_class = new.instance_class
    if new.resource_pool_info:
        del merged.resource_pool_info[:]
        merged.resource_pool_info.extend(new.resource_pool_info)
    resources = {(r.index, r.retry_attempt): r for r in merged.external_resources}
    for resource in new.external_resources:
        resources[(resource.index, resource.retry_attempt)] = resource
    del merged.external_resources[:]
    merged.external_resources.extend(resources[key] for key in sorted(resources))
    return merged


class TaskEventService:
    def __init__(self, uow: UnitOfWorkFactory, data: DataAccess) -> None:
        self._uow = uow
        self._data = data

    def ingest(self, request: event_pb2.TaskExecutionEventRequest) -> None:
        if not request.HasField("event"):
            raise InvalidArgument("missing event")
        event = request.event
        if not event.HasField("occurred_at"):
            raise InvalidArgument("missing occurred_at")
        check_identifier(event.task_id, identifier_pb2.TASK, what="task_id")
        node_id = event.parent_node_execution_id
        require(node_id.node_id, "node_id")
        require_fields(node_id.execution_id, "project", "domain", "name", prefix="execution_id.")
        if event.WhichOneof("output_result") == "output_data":
            self._data.check_inline_size(event.output_data, "task execution")
        identifier = identifier_pb2.TaskExecutionIdentifier(
            task_id=event.task_id, node_execution_id=node_id, retry_attempt=event.retry_attempt
        )
        what = f"task execution {describe_task_execution(identifier)}"
        with self._uow(write=True) as uow:
            execution = uow.executions.get(node_id.execution_id)
            check_cluster(event.producer_id, execution.cluster, what)
            existing = uow.task_executions.find(identifier, for_update=True)
            if existing is None:
                node = uow.node_executions.get(node_id)
                closure = task_execution_pb2.TaskExecutionClosure()
                closure.created_at.CopyFrom(event_time(event)[0])
                record = TaskExecutionRecord(id=identifier, closure=closure, input_uri=node.input_uri)
                uow.task_executions.create(self._apply(event, record))
            else:
                current = existing.closure.phase
                if current == event.phase and existing.phase_version >= event.phase_version:
                    raise AlreadyExists(
                        f"have already recorded task execution phase {task_phase_name(current)} "
                        f"(version: {event.phase_version}) for {what}"
                    )
                if current in TASK_TERMINAL:
                    raise terminal_state_error(
                        f"Invalid phase change from {task_phase_name(current)} to {task_phase_name(event.phase)} "
                        f"for {what}",
                        task_phase_name(current),
                    )
                uow.task_executions.update(self._apply(event, existing))
        logger.debug("Task execution %s is %s.", what, task_phase_name(event.phase))

    def _apply(
        self, event: engine_events.TaskExecutionEvent, record: TaskExecutionRecord
    ) -> TaskExecutionRecord:
        closure = task_execution_pb2.TaskExecutionClosure()
        closure.CopyFrom(record.closure)
        occurred, updated = event_time(event)
        first_running = event.phase == _PHASE.RUNNING and not closure.HasField("started_at")
        closure.phase = event.phase
        closure.updated_at.CopyFrom(updated)
        if first_running:
            closure.started_at.CopyFrom(occurred)
        logs = _merged_logs(list(closure.logs), list(event.logs), event.phase)
        del closure.logs[:]
        closure.logs.extend(logs)
        if event.task_type:
            closure.task_type = event.task_type
        closure.event_version = max(closure.event_version, event.event_version)
        for reason in event.reasons:
            closure.reasons.add(occurred_at=reason.occurred_at, message=reason.reason)
        if event.reason and (not closure.reasons or closure.reasons[-1].message != event.reason):
            closure.reasons.add(occurred_at=occurred, message=event.reason)
        if event.reason:
            closure.reason = event.reason
        if event.HasField("custom_info"):
            merged = _merge_patch(
                json_format.MessageToDict(closure.custom_info), json_format.MessageToDict(event.custom_info)
            )
            custom_info = struct_pb2.Struct()
            custom_info.update(merged)
            closure.custom_info.CopyFrom(custom_info)
        if event.HasField("metadata"):
            closure.metadata.CopyFrom(_merged_metadata(closure.metadata, event.metadata))
        if event.HasField("log_context"):
            closure.log_context.CopyFrom(event.log_context)
        if event.phase in TASK_TERMINAL:
            set_duration_since(
                closure.duration, closure.started_at if closure.HasField("started_at") else None, occurred
            )
            result = event.WhichOneof("output_result")
            if result == "output_uri":
                closure.output_uri = event.output_uri
            elif result == "output_data":
                closure.output_uri = self._data.offload(
                    self._attempt_dir(record.id, "offloaded_outputs"), event.output_data
                )
            elif result == "error":
                closure.error.CopyFrom(event.error)
        input_uri = record.input_uri
        kind = event.WhichOneof("input_value")
        if kind == "input_uri" and event.input_uri:
            input_uri = event.input_uri
        elif kind == "input_data":
            input_uri = self._data.offload(self._attempt_dir(record.id, "offloaded_inputs"), event.input_data)
        return replace(record, closure=closure, phase_version=event.phase_version, input_uri=input_uri)

    def _attempt_dir(self, identifier: identifier_pb2.TaskExecutionIdentifier, name: str) -> str:
        node = identifier.node_execution_id
        execution = node.execution_id
        task = identifier.task_id
        return self._data.store.join(
            "metadata",
            execution.project,
            execution.domain,
            execution.name,
            node.node_id,
            task.project,
            task.domain,
            task.name,
            task.version,
            str(identifier.retry_attempt),
            name,
        )
