"""Events propeller sends to admin: the sink seam, the gRPC sink, and the rejection policy."""

from flytepropeller.events.grpc_sink import GrpcEventSink
from flytepropeller.events.recording import EventRecorder, WorkflowStateMismatch
from flytepropeller.events.sinks import Event, EventSink, MemoryEventSink

__all__ = ["Event", "EventRecorder", "EventSink", "GrpcEventSink", "MemoryEventSink", "WorkflowStateMismatch"]
