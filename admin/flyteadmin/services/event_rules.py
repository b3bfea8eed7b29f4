"""Rules shared by the three event ingestion services: cluster ownership, terminal-state errors and
event timestamps.

An execution belongs to the cluster whose engine reported it first; events from another producer are
refused (FAILED_PRECONDITION with an ``incompatible_cluster`` detail), except from the default
producer id ``propeller`` or an empty one. Events arriving after a terminal phase are refused with an
``already_in_terminal_state`` detail; the engine treats that as "stop reporting".
"""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.duration_pb2 import Duration
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from flyteadmin.errors import FailedPrecondition
from flyteidl.admin import event_pb2

__all__ = [
    "DEFAULT_PRODUCER",
    "check_cluster",
    "event_time",
    "is_default_producer",
    "set_duration_since",
    "terminal_state_error",
]

DEFAULT_PRODUCER = "propeller"


def is_default_producer(producer_id: str) -> bool:
    return producer_id in ("", DEFAULT_PRODUCER)


def check_cluster(producer_id: str, cluster: str, what: str) -> None:
    """Refuse an event from a producer other than the cluster that owns the execution."""
    if is_default_producer(producer_id) or not cluster or producer_id == cluster:
        return
    raise FailedPrecondition(
        f"Cannot accept events for {what} from cluster [{producer_id}]; it is running on cluster [{cluster}].",
        details=[
            event_pb2.EventFailureReason(
                incompatible_cluster=event_pb2.EventErrorIncompatibleCluster(cluster=cluster)
            )
        ],
    )


def terminal_state_error(message: str, reported_phase: str) -> FailedPrecondition:
    return FailedPrecondition(
        message,
        details=[
            event_pb2.EventFailureReason(
                already_in_terminal_state=event_pb2.EventErrorAlreadyInTerminalState(
                    current_phase=reported_phase
                )
            )
        ],
    )


def event_time(event: Message) -> tuple[Timestamp, Timestamp]:
    """``(occurred_at, updated_at)`` of an event: when it happened (now if unset) and the time to
    record as the entity's last update (``reported_at`` if set, else ``occurred_at``)."""
    occurred = Timestamp()
    if event.HasField("occurred_at"):
        occurred.CopyFrom(event.occurred_at)  # type: ignore[attr-defined]
    else:
        occurred.FromDatetime(datetime.now(UTC))
    updated = Timestamp()
    reported = getattr(event, "reported_at", None)
    if reported is not None and event.HasField("reported_at") and (reported.seconds or reported.nanos):
        updated.CopyFrom(reported)
    else:
        updated.CopyFrom(occurred)
    return occurred, updated


def set_duration_since(duration: Duration, started_at: Timestamp | None, ended_at: Timestamp) -> None:
    """``duration = ended_at - started_at`` (left unset without a start)."""
    if started_at is None or not (started_at.seconds or started_at.nanos):
        return
    delta = ended_at.ToDatetime(tzinfo=UTC) - started_at.ToDatetime(tzinfo=UTC)
    duration.FromTimedelta(max(delta, delta * 0))
