"""Building the event messages propeller sends (shapes of flyte-propeller.md §5.2 to §5.4).

Events carry references, not data (``raw-output-policy: reference``): input and output URIs of the
node's blobs; errors as ``core.ExecutionError``; ``producer_id`` is the cluster id.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from google.protobuf import struct_pb2, timestamp_pb2

from flyteidl.core import execution_pb2, identifier_pb2
from flyteidl.event import event_pb2

NODE_EVENT_VERSION = 1
TASK_EVENT_VERSION = 1


def timestamp(moment: datetime) -> timestamp_pb2.Timestamp:
    result = timestamp_pb2.Timestamp()
    result.FromDatetime(moment)
    return result


def workflow_event(
    execution_id: identifier_pb2.WorkflowExecutionIdentifier,
    phase: execution_pb2.WorkflowExecution.Phase,
    occurred_at: datetime,
    *,
    producer_id: str,
    output_uri: str = "",
    error: execution_pb2.ExecutionError | None = None,
) -> event_pb2.WorkflowExecutionEvent:
    event = event_pb2.WorkflowExecutionEvent(
        execution_id=execution_id, producer_id=producer_id, phase=phase, occurred_at=timestamp(occurred_at)
    )
    _set_outcome(event, output_uri, error)
    return event


def node_event(
    node_execution_id: identifier_pb2.NodeExecutionIdentifier,
    phase: execution_pb2.NodeExecution.Phase,
    occurred_at: datetime,
    reported_at: datetime,
    *,
    producer_id: str,
    spec_node_id: str,
    node_name: str,
    input_uri: str = "",
    output_uri: str = "",
    error: execution_pb2.ExecutionError | None = None,
    task_node_metadata: event_pb2.TaskNodeMetadata | None = None,
    workflow_node_metadata: event_pb2.WorkflowNodeMetadata | None = None,
    target_entity: identifier_pb2.Identifier | None = None,
    parent_node_id: str = "",
    retry_group: str = "",
    is_parent: bool = False,
    is_dynamic: bool = False,
    is_array: bool = False,
    is_in_dynamic_chain: bool = False,
) -> event_pb2.NodeExecutionEvent:
    event = event_pb2.NodeExecutionEvent(
        id=node_execution_id,
        producer_id=producer_id,
        phase=phase,
        occurred_at=timestamp(occurred_at),
        reported_at=timestamp(reported_at),
        event_version=NODE_EVENT_VERSION,
        spec_node_id=spec_node_id,
        node_name=node_name,
        is_parent=is_parent,
        is_dynamic=is_dynamic,
        is_array=is_array,
        is_in_dynamic_chain=is_in_dynamic_chain,
    )
    if input_uri:
        event.input_uri = input_uri
    _set_outcome(event, output_uri, error)
    if task_node_metadata is not None:
        event.task_node_metadata.CopyFrom(task_node_metadata)
    if workflow_node_metadata is not None:
        event.workflow_node_metadata.CopyFrom(workflow_node_metadata)
    if target_entity is not None:
        event.target_entity.CopyFrom(target_entity)
    if parent_node_id:
        event.parent_node_metadata.node_id = parent_node_id
        event.retry_group = retry_group
    return event


def task_event(
    task_id: identifier_pb2.Identifier,
    node_execution_id: identifier_pb2.NodeExecutionIdentifier,
    retry_attempt: int,
    phase: execution_pb2.TaskExecution.Phase,
    phase_version: int,
    occurred_at: datetime,
    reported_at: datetime,
    *,
    producer_id: str,
    task_type: str,
    reason: str = "",
    logs: Sequence[execution_pb2.TaskLog] = (),
    metadata: event_pb2.TaskExecutionMetadata | None = None,
    custom_info: struct_pb2.Struct | None = None,
    input_uri: str = "",
    output_uri: str = "",
    error: execution_pb2.ExecutionError | None = None,
) -> event_pb2.TaskExecutionEvent:
    event = event_pb2.TaskExecutionEvent(
        task_id=task_id,
        parent_node_execution_id=node_execution_id,
        retry_attempt=retry_attempt,
        phase=phase,
        phase_version=phase_version,
        producer_id=producer_id,
        occurred_at=timestamp(occurred_at),
        reported_at=timestamp(reported_at),
        task_type=task_type,
        event_version=TASK_EVENT_VERSION,
        logs=list(logs),
    )
    if reason:
        event.reason = reason
        event.reasons.append(event_pb2.EventReason(reason=reason, occurred_at=timestamp(occurred_at)))
    if metadata is not None:
        event.metadata.CopyFrom(metadata)
    if custom_info is not None:
        event.custom_info.CopyFrom(custom_info)
    if input_uri:
        event.input_uri = input_uri
    _set_outcome(event, output_uri, error)
    return event


def _set_outcome(
    event: event_pb2.WorkflowExecutionEvent | event_pb2.NodeExecutionEvent | event_pb2.TaskExecutionEvent,
    output_uri: str,
    error: execution_pb2.ExecutionError | None,
) -> None:
    """Fill the event's result oneof: the error if there is one, else the output URI (if any)."""
    if error is not None:
        event.error.CopyFrom(error)
    elif output_uri:
        event.output_uri = output_uri
