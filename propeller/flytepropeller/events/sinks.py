"""The ``EventSink`` seam: where propeller reports workflow, node and task phase changes.

A sink delivers one event or raises one of the ``EventError`` classes of
:mod:`flytepropeller.errors`; deciding which rejections are harmless is the caller's job
(:mod:`.recording`). ``MemoryEventSink`` keeps events in a list: a ready-made double for tests of
code that reports events, and a place to look at what was sent.
"""

from __future__ import annotations

import copy
import threading
from typing import Protocol

from flyteidl.event import event_pb2

Event = event_pb2.WorkflowExecutionEvent | event_pb2.NodeExecutionEvent | event_pb2.TaskExecutionEvent


class EventSink(Protocol):
    """Delivers events to the control plane."""

    def send_workflow_event(self, event: event_pb2.WorkflowExecutionEvent) -> None: ...

    def send_node_event(self, event: event_pb2.NodeExecutionEvent) -> None: ...

    def send_task_event(self, event: event_pb2.TaskExecutionEvent) -> None: ...


class MemoryEventSink:
    """Records every event it is given, in order (thread-safe)."""

    def __init__(self) -> None:
        self._events: list[Event] = []
        self._lock = threading.Lock()

    def send_workflow_event(self, event: event_pb2.WorkflowExecutionEvent) -> None:
        self._append(event)

    def send_node_event(self, event: event_pb2.NodeExecutionEvent) -> None:
        self._append(event)

    def send_task_event(self, event: event_pb2.TaskExecutionEvent) -> None:
        self._append(event)

    @property
    def events(self) -> list[Event]:
        with self._lock:
            return list(self._events)

    @property
    def workflow_events(self) -> list[event_pb2.WorkflowExecutionEvent]:
        return [e for e in self.events if isinstance(e, event_pb2.WorkflowExecutionEvent)]

    @property
    def node_events(self) -> list[event_pb2.NodeExecutionEvent]:
        return [e for e in self.events if isinstance(e, event_pb2.NodeExecutionEvent)]

    @property
    def task_events(self) -> list[event_pb2.TaskExecutionEvent]:
        return [e for e in self.events if isinstance(e, event_pb2.TaskExecutionEvent)]

    def _append(self, event: Event) -> None:
        copied = copy.deepcopy(event)
        with self._lock:
            self._events.append(copied)
