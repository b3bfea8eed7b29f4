"""Phase enums, node kinds and the fixed names of the FlyteWorkflow custom resource.

The integers are part of the persisted document (flyte-propeller.md §1.8) and must not change.
"""

from __future__ import annotations

import enum

API_GROUP = "flyte.lyft.com"
API_VERSION = f"{API_GROUP}/v1alpha1"
KIND = "flyteworkflow"
CRD_NAME = f"flyteworkflows.{API_GROUP}"
FINALIZER = "flyte.org/finalizer"

START_NODE_ID = "start-node"
END_NODE_ID = "end-node"

LABEL_EXECUTION_ID = "execution-id"
LABEL_PROJECT = "project"
LABEL_DOMAIN = "domain"
LABEL_WORKFLOW_NAME = "workflow-name"
LABEL_SHARD_KEY = "shard-key"
LABEL_TERMINATION_STATUS = "termination-status"
LABEL_TERMINATED = "terminated"
LABEL_COMPLETED_TIME = "completed-time"


class WorkflowPhase(enum.IntEnum):
    """``status.phase`` of a FlyteWorkflow."""

    READY = 0
    RUNNING = 1
    SUCCEEDING = 2
    SUCCESS = 3
    FAILING = 4
    FAILED = 5
    ABORTED = 6
    HANDLING_FAILURE_NODE = 7

    @property
    def is_terminal(self) -> bool:
        return self in (WorkflowPhase.SUCCESS, WorkflowPhase.FAILED, WorkflowPhase.ABORTED)


class NodePhase(enum.IntEnum):
    """``status.nodeStatus[id].phase`` of a node."""

    NOT_YET_STARTED = 0
    QUEUED = 1
    RUNNING = 2
    FAILING = 3
    SUCCEEDING = 4
    SUCCEEDED = 5
    FAILED = 6
    SKIPPED = 7
    RETRYABLE_FAILURE = 8
    TIMING_OUT = 9
    TIMED_OUT = 10
    DYNAMIC_RUNNING = 11
    RECOVERED = 12

    @property
    def is_terminal(self) -> bool:
        return self in _TERMINAL_NODE_PHASES


_TERMINAL_NODE_PHASES = frozenset(
    {NodePhase.SUCCEEDED, NodePhase.FAILED, NodePhase.SKIPPED, NodePhase.TIMED_OUT, NodePhase.RECOVERED}
)


class NodeKind(enum.StrEnum):
    """``spec.nodes[id].kind``."""

    TASK = "task"
    BRANCH = "branch"
    WORKFLOW = "workflow"
    GATE = "gate"
    ARRAY = "array"
    START = "start"
    END = "end"


class OnFailurePolicy(enum.StrEnum):
    """``spec.onFailurePolicy``."""

    FAIL_IMMEDIATELY = "FAIL_IMMEDIATELY"
    FAIL_AFTER_EXECUTABLE_NODES_COMPLETE = "FAIL_AFTER_EXECUTABLE_NODES_COMPLETE"


class BranchPhase(enum.IntEnum):
    """``branchStatus.phase``."""

    NOT_YET_EVALUATED = 0
    SUCCESS = 1
    ERROR = 2


class WorkflowNodePhase(enum.IntEnum):
    """``workflowNodeStatus.phase``: whether a workflow node's subworkflow runs or is being failed."""

    UNDEFINED = 0
    EXECUTING = 1
    FAILING = 2


class DynamicNodePhase(enum.IntEnum):
    """``dynamicNodeStatus.phase``: a dynamic task's generated workflow, from parent task to children."""

    NONE = 0
    EXECUTING = 1
    FAILING = 2
    PARENT_FINALIZING = 3
    PARENT_FINALIZED = 4


class ArrayNodePhase(enum.IntEnum):
    """``arrayNodeStatus.phase``."""

    NONE = 0
    EXECUTING = 1
    FAILING = 2
    SUCCEEDING = 3
