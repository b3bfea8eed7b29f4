"""Mutable views over ``status``: the only part of a FlyteWorkflow that propeller changes.

Each view wraps the dict inside the document and reads/writes its keys in place, so the document
stays the single source of truth and is written back whole (flyte-propeller.md §1.8). Keys follow
the Go JSON names; empty values are removed rather than stored, as Go's ``omitempty`` does.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from flyteidl.core import execution_pb2
from flytestdlib.flyteworkflow._codec import format_time, from_jsonpb, parse_time, to_jsonpb
from flytestdlib.flyteworkflow._phases import NodePhase, WorkflowPhase

MESSAGE_LIMIT = 1024


class _View:
    """Shared helpers for reading and writing optional keys of one status dict."""

    def __init__(self, raw: dict[str, Any], where: str) -> None:
        self._raw = raw
        self._where = where

    @property
    def raw(self) -> dict[str, Any]:
        """The underlying dict (part of the document)."""
        return self._raw

    def _set(self, key: str, value: Any) -> None:
        if value is None or value == "" or value == 0 or value is False or value == {}:
            self._raw.pop(key, None)
        else:
            self._raw[key] = value

    def _get_time(self, key: str) -> datetime | None:
        value = self._raw.get(key)
        return parse_time(value, where=f"{self._where}.{key}") if value else None

    def _set_time(self, key: str, value: datetime | None) -> None:
        self._set(key, format_time(value) if value is not None else None)

    def _get_error(self) -> execution_pb2.ExecutionError | None:
        value = self._raw.get("error")
        if value is None:
            return None
        return from_jsonpb(value, execution_pb2.ExecutionError, where=f"{self._where}.error")

    def _set_error(self, error: execution_pb2.ExecutionError | None) -> None:
        self._set("error", to_jsonpb(error) if error is not None else None)


class TaskNodeStatus(_View):
    """``TaskNodeStatus`` (capitalised key): the plugin's phase, version and opaque state."""

    @property
    def phase(self) -> int:
        return int(self._raw.get("phase", 0))

    @phase.setter
    def phase(self, value: int) -> None:
        self._set("phase", int(value))

    @property
    def phase_version(self) -> int:
        return int(self._raw.get("phaseVersion", 0))

    @phase_version.setter
    def phase_version(self, value: int) -> None:
        self._set("phaseVersion", value)

    @property
    def plugin_state(self) -> bytes:
        value = self._raw.get("pState")
        return base64.b64decode(value) if value else b""

    @plugin_state.setter
    def plugin_state(self, value: bytes) -> None:
        self._set("pState", base64.b64encode(value).decode() if value else None)

    @property
    def plugin_state_version(self) -> int:
        return int(self._raw.get("psv", 0))

    @plugin_state_version.setter
    def plugin_state_version(self, value: int) -> None:
        self._set("psv", value)

    @property
    def updated_at(self) -> datetime | None:
        return self._get_time("updAt")

    @updated_at.setter
    def updated_at(self, value: datetime | None) -> None:
        self._set_time("updAt", value)

    @property
    def checkpoint_path(self) -> str:
        return str(self._raw.get("checkpointPath", ""))

    @checkpoint_path.setter
    def checkpoint_path(self, value: str) -> None:
        self._set("checkpointPath", value)

    @property
    def cleanup_on_failure(self) -> bool:
        return bool(self._raw.get("clean", False))

    @cleanup_on_failure.setter
    def cleanup_on_failure(self, value: bool) -> None:
        self._set("clean", value)


class NodeStatus(_View):
    """``status.nodeStatus[id]``."""

    @property
    def phase(self) -> NodePhase:
        return NodePhase(int(self._raw.get("phase", 0)))

    @phase.setter
    def phase(self, value: NodePhase) -> None:
        self._raw["phase"] = int(value)

    @property
    def queued_at(self) -> datetime | None:
        return self._get_time("queuedAt")

    @queued_at.setter
    def queued_at(self, value: datetime | None) -> None:
        self._set_time("queuedAt", value)

    @property
    def started_at(self) -> datetime | None:
        return self._get_time("startedAt")

    @started_at.setter
    def started_at(self, value: datetime | None) -> None:
        self._set_time("startedAt", value)

    @property
    def stopped_at(self) -> datetime | None:
        return self._get_time("stoppedAt")

    @stopped_at.setter
    def stopped_at(self, value: datetime | None) -> None:
        self._set_time("stoppedAt", value)

    @property
    def last_updated_at(self) -> datetime | None:
        return self._get_time("lastUpdatedAt")

    @last_updated_at.setter
    def last_updated_at(self, value: datetime | None) -> None:
        self._set_time("lastUpdatedAt", value)

    @property
    def attempt_started_at(self) -> datetime | None:
        """``laStartedAt``: start of the current attempt."""
        return self._get_time("laStartedAt")

    @attempt_started_at.setter
    def attempt_started_at(self, value: datetime | None) -> None:
        self._set_time("laStartedAt", value)

    @property
    def message(self) -> str:
        return str(self._raw.get("message", ""))

    @message.setter
    def message(self, value: str) -> None:
        self._set("message", value[:MESSAGE_LIMIT])

    @property
    def attempts(self) -> int:
        return int(self._raw.get("attempts", 0))

    @attempts.setter
    def attempts(self, value: int) -> None:
        self._set("attempts", value)

    @property
    def system_failures(self) -> int:
        return int(self._raw.get("systemFailures", 0))

    @system_failures.setter
    def system_failures(self, value: int) -> None:
        self._set("systemFailures", value)

    @property
    def parent_node(self) -> str:
        return str(self._raw.get("parentNode", ""))

    @property
    def error(self) -> execution_pb2.ExecutionError | None:
        return self._get_error()

    @error.setter
    def error(self, value: execution_pb2.ExecutionError | None) -> None:
        self._set_error(value)

    @property
    def task_node_status(self) -> TaskNodeStatus:
        """The task sub-status, created empty on first access."""
        return TaskNodeStatus(self._raw.setdefault("TaskNodeStatus", {}), f"{self._where}.TaskNodeStatus")

    def clear_task_node_status(self) -> None:
        self._raw.pop("TaskNodeStatus", None)

    def collapse(self) -> None:
        """Drop what a terminal node no longer needs, keeping phase, stoppedAt, counters and error."""
        keep = {
            "phase",
            "stoppedAt",
            "attempts",
            "systemFailures",
            "error",
            "gateNodeStatus",
            "arrayNodeStatus",
        }
        for key in list(self._raw):
            if key not in keep:
                del self._raw[key]


class WorkflowStatus(_View):
    """``status`` of the FlyteWorkflow."""

    @property
    def phase(self) -> WorkflowPhase:
        return WorkflowPhase(int(self._raw.get("phase", 0)))

    @phase.setter
    def phase(self, value: WorkflowPhase) -> None:
        self._raw["phase"] = int(value)

    @property
    def started_at(self) -> datetime | None:
        return self._get_time("startedAt")

    @started_at.setter
    def started_at(self, value: datetime | None) -> None:
        self._set_time("startedAt", value)

    @property
    def stopped_at(self) -> datetime | None:
        return self._get_time("stoppedAt")

    @stopped_at.setter
    def stopped_at(self, value: datetime | None) -> None:
        self._set_time("stoppedAt", value)

    @property
    def last_updated_at(self) -> datetime | None:
        return self._get_time("lastUpdatedAt")

    @last_updated_at.setter
    def last_updated_at(self, value: datetime | None) -> None:
        self._set_time("lastUpdatedAt", value)

    @property
    def message(self) -> str:
        return str(self._raw.get("message", ""))

    @message.setter
    def message(self, value: str) -> None:
        self._set("message", value[:MESSAGE_LIMIT])

    @property
    def data_dir(self) -> str:
        return str(self._raw.get("dataDir", ""))

    @data_dir.setter
    def data_dir(self, value: str) -> None:
        self._set("dataDir", value)

    @property
    def output_ref(self) -> str:
        return str(self._raw.get("outputRef", ""))

    @output_ref.setter
    def output_ref(self, value: str) -> None:
        self._set("outputRef", value)

    @property
    def failed_attempts(self) -> int:
        return int(self._raw.get("failedAttempts", 0))

    @failed_attempts.setter
    def failed_attempts(self, value: int) -> None:
        self._set("failedAttempts", value)

    @property
    def definition_version(self) -> int | None:
        value = self._raw.get("defVersion")
        return None if value is None else int(value)

    @definition_version.setter
    def definition_version(self, value: int) -> None:
        self._raw["defVersion"] = value

    @property
    def error(self) -> execution_pb2.ExecutionError | None:
        return self._get_error()

    @error.setter
    def error(self, value: execution_pb2.ExecutionError | None) -> None:
        self._set_error(value)

    def node(self, node_id: str) -> NodeStatus:
        """The status of top-level node ``node_id``, created (NotYetStarted) on first access."""
        statuses: dict[str, Any] = self._raw.setdefault("nodeStatus", {})
        raw = statuses.setdefault(node_id, {"phase": int(NodePhase.NOT_YET_STARTED)})
        return NodeStatus(raw, f"status.nodeStatus[{node_id}]")

    def find_node(self, node_id: str) -> NodeStatus | None:
        """The status of ``node_id`` if the node has one yet."""
        raw = self._raw.get("nodeStatus", {}).get(node_id)
        return None if raw is None else NodeStatus(raw, f"status.nodeStatus[{node_id}]")

    def node_ids(self) -> list[str]:
        return list(self._raw.get("nodeStatus", {}))
