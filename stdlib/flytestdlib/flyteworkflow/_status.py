"""Mutable views over ``status``: the only part of a FlyteWorkflow that propeller changes.

Each view wraps the dict inside the document and reads/writes its keys in place, so the document
stays the single source of truth and is written back whole (flyte-propeller.md §1.8). Keys follow
the Go JSON names; empty values are removed rather than stored, as Go's ``omitempty`` does.
"""

from __future__ import annotations

from typing import Any

from flyteidl.core import execution_pb2
from flytestdlib.flyteworkflow._codec import from_gojson, to_gojson
from flytestdlib.flyteworkflow._compact import CompactArray
from flytestdlib.flyteworkflow._phases import (
    ArrayNodePhase,
    BranchPhase,
    DynamicNodePhase,
    NodePhase,
    WorkflowNodePhase,
    WorkflowPhase,
)
from flytestdlib.flyteworkflow._views import (
    BoolField,
    BytesField,
    DictView,
    ErrorField,
    IntField,
    PhaseField,
    StrField,
    TimeField,
    set_or_omit,
)

MESSAGE_LIMIT = 1024


class TaskNodeStatus(DictView):
    """``TaskNodeStatus`` (capitalised key): the plugin's phase, version and opaque state."""

    phase = IntField("phase")
    phase_version = IntField("phaseVersion")
    plugin_state = BytesField("pState")
    plugin_state_version = IntField("psv")
    updated_at = TimeField("updAt")
    checkpoint_path = StrField("checkpointPath")
    cleanup_on_failure = BoolField("clean")


class BranchNodeStatus(DictView):
    """``branchStatus``: whether the conditions were evaluated and which node they selected."""

    phase = PhaseField("phase", BranchPhase)
    final_node_id = StrField("finalNodeId")


class WorkflowNodeStatus(DictView):
    """``workflowNodeStatus``: the subworkflow's phase and, while failing, the error it failed with."""

    phase = PhaseField("phase", WorkflowNodePhase)
    execution_error = ErrorField("executionError")


class DynamicNodeStatus(DictView):
    """``dynamicNodeStatus``: where a dynamic task's generated workflow stands."""

    phase = PhaseField("phase", DynamicNodePhase)
    reason = StrField("reason", limit=MESSAGE_LIMIT)
    error = ErrorField("error")
    permanent_failure = BoolField("permFailure")


class ArrayNodeStatus(DictView):
    """``arrayNodeStatus``: the array node's phase, its error while failing, and per-subnode summaries.

    ``subphase`` / ``subattempts`` / ``subsysfailures`` / ``subtphase`` are bit-packed compact arrays
    (:class:`CompactArray`), one item per subnode; ``taskPhaseVersion`` counts the aggregated task
    events sent for the array node.
    """

    phase = PhaseField("phase", ArrayNodePhase)
    task_phase_version = IntField("taskPhaseVersion")

    @property
    def execution_error(self) -> execution_pb2.ExecutionError | None:
        """``executionError`` (Go json of the proto: snake_case keys, kind as an integer)."""
        value = self._raw.get("executionError")
        return None if value is None else from_gojson(value, execution_pb2.ExecutionError, where=self._where)

    @execution_error.setter
    def execution_error(self, value: execution_pb2.ExecutionError | None) -> None:
        set_or_omit(self._raw, "executionError", None if value is None else to_gojson(value))

    def compact(self, key: str) -> CompactArray | None:
        """The compact array stored under ``key`` (``subphase``, ...), if any."""
        value = self._raw.get(key)
        return None if value is None else CompactArray.from_json(value)

    def set_compact(self, key: str, values: list[int]) -> None:
        self._raw[key] = CompactArray.pack(values).to_json()


class NodeStatus(DictView):
    """``status.nodeStatus[id]``."""

    phase = PhaseField("phase", NodePhase)
    queued_at = TimeField("queuedAt")
    started_at = TimeField("startedAt")
    stopped_at = TimeField("stoppedAt")
    last_updated_at = TimeField("lastUpdatedAt")
    attempt_started_at = TimeField("laStartedAt")
    """``laStartedAt``: start of the current attempt."""
    message = StrField("message", limit=MESSAGE_LIMIT)
    attempts = IntField("attempts")
    system_failures = IntField("systemFailures")
    error = ErrorField("error")

    @property
    def parent_node(self) -> str:
        """For a branch child: the id of the branch node that selected it."""
        return str(self._raw.get("parentNode", ""))

    @parent_node.setter
    def parent_node(self, value: str) -> None:
        set_or_omit(self._raw, "parentNode", value)

    @property
    def branch_status(self) -> BranchNodeStatus:
        """The branch sub-status (``branchStatus``), created empty on first access."""
        return BranchNodeStatus(self._raw.setdefault("branchStatus", {}), f"{self._where}.branchStatus")

    @property
    def workflow_node_status(self) -> WorkflowNodeStatus:
        """The workflow-node sub-status (``workflowNodeStatus``), created empty on first access."""
        return WorkflowNodeStatus(
            self._raw.setdefault("workflowNodeStatus", {}), f"{self._where}.workflowNodeStatus"
        )

    @property
    def sub_nodes(self) -> SubNodeStatuses:
        """The statuses of the nodes run inside this one (``subNodeStatus``: subworkflow children)."""
        return SubNodeStatuses(self._raw.setdefault("subNodeStatus", {}), f"{self._where}.subNodeStatus")

    @property
    def task_node_status(self) -> TaskNodeStatus:
        """The task sub-status, created empty on first access."""
        return TaskNodeStatus(self._raw.setdefault("TaskNodeStatus", {}), f"{self._where}.TaskNodeStatus")

    def clear_task_node_status(self) -> None:
        self._raw.pop("TaskNodeStatus", None)

    @property
    def dynamic_node_status(self) -> DynamicNodeStatus:
        """The dynamic sub-status (``dynamicNodeStatus``), created empty on first access."""
        return DynamicNodeStatus(
            self._raw.setdefault("dynamicNodeStatus", {}), f"{self._where}.dynamicNodeStatus"
        )

    @property
    def is_dynamic_parent(self) -> bool:
        """Whether this node's task produced a dynamic workflow (its dynamic phase left None)."""
        return bool((self._raw.get("dynamicNodeStatus") or {}).get("phase"))

    @property
    def array_node_status(self) -> ArrayNodeStatus:
        """The array sub-status (``arrayNodeStatus``), created empty on first access."""
        return ArrayNodeStatus(self._raw.setdefault("arrayNodeStatus", {}), f"{self._where}.arrayNodeStatus")

    def clear_handler_statuses(self) -> None:
        """Forget what the handlers kept for the previous attempt (a retry starts from scratch)."""
        for key in (
            "TaskNodeStatus",
            "dynamicNodeStatus",
            "workflowNodeStatus",
            "gateNodeStatus",
            "arrayNodeStatus",
            "subNodeStatus",
        ):
            self._raw.pop(key, None)

    def collapse(self) -> None:
        """Drop what a terminal node no longer needs, keeping phase, stoppedAt, counters and error."""
        keep = {
            "phase",
            "stoppedAt",
            "attempts",
            "systemFailures",
            "error",
            "parentNode",  # a finished branch child still needs its data dir (under the branch's)
            "gateNodeStatus",
            "arrayNodeStatus",
        }
        for key in list(self._raw):
            if key not in keep:
                del self._raw[key]


class SubNodeStatuses(DictView):
    """``subNodeStatus``: node id -> NodeStatus, with the same lookups as :class:`WorkflowStatus`."""

    def node(self, node_id: str) -> NodeStatus:
        """The status of ``node_id``, created (NotYetStarted) on first access."""
        raw = self._raw.setdefault(node_id, {"phase": int(NodePhase.NOT_YET_STARTED)})
        return NodeStatus(raw, f"{self._where}[{node_id}]")

    def find_node(self, node_id: str) -> NodeStatus | None:
        raw = self._raw.get(node_id)
        return None if raw is None else NodeStatus(raw, f"{self._where}[{node_id}]")

    def node_ids(self) -> list[str]:
        return list(self._raw)


class WorkflowStatus(DictView):
    """``status`` of the FlyteWorkflow."""

    phase = PhaseField("phase", WorkflowPhase)
    started_at = TimeField("startedAt")
    stopped_at = TimeField("stoppedAt")
    last_updated_at = TimeField("lastUpdatedAt")
    message = StrField("message", limit=MESSAGE_LIMIT)
    data_dir = StrField("dataDir")
    output_ref = StrField("outputRef")
    failed_attempts = IntField("failedAttempts")
    error = ErrorField("error")

    @property
    def definition_version(self) -> int | None:
        value = self._raw.get("defVersion")
        return None if value is None else int(value)

    @definition_version.setter
    def definition_version(self, value: int) -> None:
        self._raw["defVersion"] = value

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
