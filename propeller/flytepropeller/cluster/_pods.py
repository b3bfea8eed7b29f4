"""Values and protocol of the cluster seam: what a pod is, what its status says, what a cluster does."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from flyteidl.core import execution_pb2


class PodPhase(enum.StrEnum):
    """The Kubernetes pod phases the engine distinguishes."""

    PENDING = "Pending"
    RUNNING = "Running"
    SUCCEEDED = "Succeeded"
    FAILED = "Failed"


@dataclass(frozen=True)
class PodSpec:
    """One single-container pod: the templated command line and how to run it."""

    namespace: str
    name: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    image: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    memory_limit_bytes: int | None = None
    timeout_seconds: float | None = None


@dataclass(frozen=True)
class PodStatus:
    """What the cluster reports about a pod.

    ``exit_code`` is set once the container terminated (128 + signal when killed by a signal);
    ``reason`` follows Kubernetes (``Error``, ``OOMKilled``, ``DeadlineExceeded``, ``Interrupted``).
    """

    phase: PodPhase
    exit_code: int | None = None
    reason: str = ""
    message: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None


class Cluster(Protocol):
    """Runs pods. Errors: ``PodAlreadyExists``, ``PodNotFound``, ``ClusterUnavailable``."""

    def create(self, pod: PodSpec) -> None:
        """Start ``pod``; ``PodAlreadyExists`` if a pod of that name exists (nothing new is started)."""
        ...

    def get(self, namespace: str, name: str) -> PodStatus:
        """The pod's current status; ``PodNotFound`` if there is none."""
        ...

    def delete(self, namespace: str, name: str) -> None:
        """Stop the pod and remove it; ``PodNotFound`` if there is none."""
        ...

    def log_links(self, namespace: str, name: str) -> list[execution_pb2.TaskLog]:
        """Where the pod's logs can be read (sent in task events)."""
        ...
