"""CreateNodeEvent: the engine reports a node execution's phase changes.

The first event of a node creates its row (a sub-node names its parent node or the parent task
attempt, which must exist). Later events may move the phase anywhere except away from a terminal
phase (FAILED_PRECONDITION; the detail carries the *incoming* phase, as in Flyte); a repeated phase
is ALREADY_EXISTS. The first input URI sticks; RUNNING sets ``started_at``; a terminal phase sets
``duration`` and the outputs or error. Dynamic workflows reported by a node are stored in the blob
store next to the execution's other metadata.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from flyteadmin.errors import AlreadyExists, InvalidArgument
from flyteadmin.repositories import NodeExecutionRecord, UnitOfWork, UnitOfWorkFactory
from flyteadmin.repositories.node_executions import describe_node_execution
from flyteadmin.services.data import DataAccess
from flyteadmin.services.event_rules import (
    check_cluster,
    event_time,
    set_duration_since,
    terminal_state_error,
)
from flyteadmin.services.phases import NODE_TERMINAL, node_phase_name
from flyteidl.admin import event_pb2, node_execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2
from flyteidl.event import event_pb2 as engine_events
from flytestdlib.storage import write_proto

__all__ = ["NodeEventService"]

logger = logging.getLogger(__name__)

_PHASE = core_execution_pb2.NodeExecution


class NodeEventService:
    def __init__(self, uow: UnitOfWorkFactory, data: DataAccess) -> None:
        self._uow = uow
        self._data = data

    def ingest(self, request: event_pb2.NodeExecutionEventRequest) -> None:
        if not request.HasField("event"):
            raise InvalidArgument("missing event")
        event = request.event
        if not event.id.node_id or not event.id.execution_id.name:
            raise InvalidArgument("missing id: a node event names its node and workflow execution")
        if event.WhichOneof("output_result") == "output_data":
            self._data.check_inline_size(
                event.output_data, f"node execution {describe_node_execution(event.id)}"
            )
        what = f"node execution {describe_node_execution(event.id)}"
        with self._uow(write=True) as uow:
            execution = uow.executions.get(event.id.execution_id)
            check_cluster(event.producer_id, execution.cluster, what)
            existing = uow.node_executions.find(event.id, for_update=True)
            if existing is None:
                record = self._new_record(uow, event)
                record = replace(record, closure=self._apply(event, record))
                uow.node_executions.create(record)
            else:
                current = existing.closure.phase
                if current == event.phase:
                    raise AlreadyExists(
                        f"This phase was already recorded {node_phase_name(current)} for {what}"
                    )
                if current in NODE_TERMINAL:
                    raise terminal_state_error(
                        f"Invalid phase change from {node_phase_name(current)} to {node_phase_name(event.phase)} "
                        f"for {what}",
                        node_phase_name(event.phase),
                    )
                if (
                    event.HasField("workflow_node_metadata")
                    and event.workflow_node_metadata.execution_id.name
                ):
                    uow.executions.get(event.workflow_node_metadata.execution_id)
                metadata = node_execution_pb2.NodeExecutionMetaData()
                metadata.CopyFrom(existing.metadata)
                metadata.is_parent_node |= event.is_parent
                metadata.is_dynamic |= event.is_dynamic
                metadata.is_array |= event.is_array
                metadata.is_eager |= event.is_eager
                record = replace(
                    existing,
                    metadata=metadata,
                    input_uri=existing.input_uri or self._input_uri(event),
                    event_version=max(existing.event_version, event.event_version),
                )
                uow.node_executions.update(replace(record, closure=self._apply(event, record)))
        logger.debug(
            "Node execution %s is %s.", describe_node_execution(event.id), node_phase_name(event.phase)
        )

    def _new_record(self, uow: UnitOfWork, event: engine_events.NodeExecutionEvent) -> NodeExecutionRecord:
        parent_task_db_id = None
        if event.HasField("parent_task_metadata"):
            parent_task_db_id = uow.task_executions.get(event.parent_task_metadata.id).db_id
        parent_db_id = None
        if event.HasField("parent_node_metadata") and event.parent_node_metadata.node_id:
            parent = uow.node_executions.get(
                identifier_pb2.NodeExecutionIdentifier(
                    node_id=event.parent_node_metadata.node_id, execution_id=event.id.execution_id
                )
            )
            parent_db_id = parent.db_id
        occurred, _ = event_time(event)
        closure = node_execution_pb2.NodeExecutionClosure()
        closure.created_at.CopyFrom(occurred)
        return NodeExecutionRecord(
            id=event.id,
            closure=closure,
            metadata=node_execution_pb2.NodeExecutionMetaData(
                retry_group=event.retry_group,
                spec_node_id=event.spec_node_id,
                is_parent_node=event.is_parent,
                is_dynamic=event.is_dynamic,
                is_array=event.is_array,
                is_eager=event.is_eager,
            ),
            input_uri=self._input_uri(event),
            parent_db_id=parent_db_id,
            parent_task_execution_db_id=parent_task_db_id,
            event_version=event.event_version,
        )

    def _input_uri(self, event: engine_events.NodeExecutionEvent) -> str:
        kind = event.WhichOneof("input_value")
        if kind == "input_uri":
            return event.input_uri
        if kind == "input_data":
            return self._data.offload(self._node_dir(event.id, "offloaded_inputs"), event.input_data)
        return ""

    def _node_dir(self, node_id: identifier_pb2.NodeExecutionIdentifier, *rest: str) -> str:
        execution = node_id.execution_id
        return self._data.store.join(
            "metadata", execution.project, execution.domain, execution.name, node_id.node_id, *rest
        )

    def _apply(
        self, event: engine_events.NodeExecutionEvent, record: NodeExecutionRecord
    ) -> node_execution_pb2.NodeExecutionClosure:
        closure = node_execution_pb2.NodeExecutionClosure()
        closure.CopyFrom(record.closure)
        occurred, updated = event_time(event)
        closure.phase = event.phase
        closure.updated_at.CopyFrom(updated)
        if event.phase == _PHASE.RUNNING:
            closure.started_at.CopyFrom(occurred)
        if event.deck_uri:
            closure.deck_uri = event.deck_uri
        if event.phase in NODE_TERMINAL:
            set_duration_since(
                closure.duration, closure.started_at if closure.HasField("started_at") else None, occurred
            )
            result = event.WhichOneof("output_result")
            if result == "output_uri":
                closure.output_uri = event.output_uri
            elif result == "output_data":
                closure.output_uri = self._data.offload(
                    self._node_dir(event.id, "offloaded_outputs"), event.output_data
                )
            elif result == "error":
                closure.error.CopyFrom(event.error)
        target = event.WhichOneof("target_metadata")
        if target == "workflow_node_metadata":
            closure.workflow_node_metadata.executionId.CopyFrom(event.workflow_node_metadata.execution_id)
        elif target == "task_node_metadata":
            reported = event.task_node_metadata
            metadata = closure.task_node_metadata
            metadata.checkpoint_uri = reported.checkpoint_uri
            if reported.HasField("catalog_key"):
                metadata.cache_status = reported.cache_status
                metadata.catalog_key.CopyFrom(reported.catalog_key)
            if reported.HasField("dynamic_workflow"):
                self._store_dynamic_workflow(event, reported.dynamic_workflow)
                closure.dynamic_job_spec_uri = reported.dynamic_workflow.dynamic_job_spec_uri
        return closure

    def _store_dynamic_workflow(
        self, event: engine_events.NodeExecutionEvent, dynamic: engine_events.DynamicWorkflowNodeMetadata
    ) -> None:
        workflow_id = dynamic.id
        execution = event.id.execution_id
        uri = self._data.store.join(
            "metadata",
            "admin",
            execution.project,
            execution.domain,
            execution.name,
            event.id.node_id,
            f"{workflow_id.project}_{workflow_id.domain}_{workflow_id.name}_{workflow_id.version}",
        )
        write_proto(self._data.store, uri, dynamic.compiled_workflow)
