"""Events of an array node's subnodes: folded into one task event of the array node.

With array-node event version 0 (Flyte's default, flyte-propeller.md §3.7) subnode task nodes send
no events of their own. :class:`SubnodeEvents` stands in for the event recorder of a subnode: it
keeps the subnode's last task event (for its logs) and drops its node events; subnodes of other
kinds (launch plans, subworkflows) pass their node events on, naming the array node as parent.
:func:`array_task_event` builds the one task event of the array node, listing the subnodes that
changed as ``ExternalResourceInfo`` (admin merges them by index and retry attempt).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flyteidl.core import catalog_pb2, execution_pb2, identifier_pb2
from flyteidl.event import event_pb2
from flytepropeller.events import EventRecorder
from flytepropeller.events.building import task_event

_TASK = execution_pb2.TaskExecution


class SubnodeEvents(EventRecorder):
    """The recorder of one subnode; see the module docstring."""

    def __init__(self, parent: EventRecorder, *, forward_node_events: bool) -> None:
        self._parent = parent
        self._forward = forward_node_events
        self.last_task_event: event_pb2.TaskExecutionEvent | None = None

    def workflow(self, event: event_pb2.WorkflowExecutionEvent) -> None:
        self._parent.workflow(event)

    def node(self, event: event_pb2.NodeExecutionEvent, *, cleaning_up: bool = False) -> None:
        if self._forward:
            self._parent.node(event, cleaning_up=cleaning_up)

    def task(self, event: event_pb2.TaskExecutionEvent, *, cleaning_up: bool = False) -> None:
        self.last_task_event = event


@dataclass(frozen=True)
class SubnodeReport:
    """What the array node's task event says about one subnode."""

    index: int
    external_id: str
    retry_attempt: int
    phase: execution_pb2.TaskExecution.Phase
    logs: tuple[execution_pb2.TaskLog, ...] = ()


def array_task_event(
    task_id: identifier_pb2.Identifier,
    node_execution_id: identifier_pb2.NodeExecutionIdentifier,
    retry_attempt: int,
    phase: execution_pb2.TaskExecution.Phase,
    phase_version: int,
    now: datetime,
    *,
    producer_id: str,
    task_type: str,
    input_uri: str,
    reports: list[SubnodeReport],
    output_uri: str = "",
    error: execution_pb2.ExecutionError | None = None,
    reason: str = "",
) -> event_pb2.TaskExecutionEvent:
    metadata = event_pb2.TaskExecutionMetadata(
        plugin_identifier="array",
        external_resources=[
            event_pb2.ExternalResourceInfo(
                external_id=report.external_id,
                index=report.index,
                retry_attempt=report.retry_attempt,
                phase=report.phase,
                cache_status=catalog_pb2.CACHE_DISABLED,
                logs=list(report.logs),
            )
            for report in reports
        ],
    )
    return task_event(
        task_id,
        node_execution_id,
        retry_attempt,
        phase,
        phase_version,
        now,
        now,
        producer_id=producer_id,
        task_type=task_type,
        reason=reason,
        metadata=metadata,
        input_uri=input_uri,
        output_uri=output_uri,
        error=error,
    )
