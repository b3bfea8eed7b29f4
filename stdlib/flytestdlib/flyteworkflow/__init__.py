"""The FlyteWorkflow object: the document admin creates for an execution and propeller runs.

It is the JSON of the ``flyteworkflows.flyte.lyft.com/v1alpha1`` custom resource (layout in
flyte-propeller.md §1). Admin builds it with :func:`build_flyteworkflow` and stores it through a
:class:`WorkflowStore`; propeller reads it through :class:`FlyteWorkflow` and writes its status
back through the same store. Admin and propeller never import each other; this package is their
shared contract.
"""

from flytestdlib.flyteworkflow._building import build_flyteworkflow, build_workflow_specs
from flytestdlib.flyteworkflow._codec import (
    format_go_duration,
    format_time,
    from_gojson,
    from_jsonpb,
    parse_go_duration,
    parse_time,
    to_gojson,
    to_jsonpb,
)
from flytestdlib.flyteworkflow._compact import CompactArray
from flytestdlib.flyteworkflow._documents import ArraySpec, BranchSpec, FlyteWorkflow, NodeSpec, WorkflowSpec
from flytestdlib.flyteworkflow._naming import (
    fixed_length_unique_id,
    fnv32a,
    fnv64a,
    sanitize_label_value,
    shard_key,
)
from flytestdlib.flyteworkflow._phases import (
    API_GROUP,
    API_VERSION,
    CRD_NAME,
    END_NODE_ID,
    FINALIZER,
    KIND,
    LABEL_COMPLETED_TIME,
    LABEL_DOMAIN,
    LABEL_EXECUTION_ID,
    LABEL_PROJECT,
    LABEL_SHARD_KEY,
    LABEL_TERMINATED,
    LABEL_TERMINATION_STATUS,
    LABEL_WORKFLOW_NAME,
    START_NODE_ID,
    ArrayNodePhase,
    BranchPhase,
    DynamicNodePhase,
    NodeKind,
    NodePhase,
    OnFailurePolicy,
    WorkflowNodePhase,
    WorkflowPhase,
)
from flytestdlib.flyteworkflow._references import identifier_key, workflow_spec_id
from flytestdlib.flyteworkflow._status import (
    ArrayNodeStatus,
    BranchNodeStatus,
    DynamicNodeStatus,
    NodeStatus,
    SubNodeStatuses,
    TaskNodeStatus,
    WorkflowNodeStatus,
    WorkflowStatus,
)
from flytestdlib.flyteworkflow._stores import (
    Document,
    SqlWorkflowStore,
    WorkflowStore,
    flyteworkflows_metadata,
    flyteworkflows_table,
)

__all__ = [
    "API_GROUP",
    "API_VERSION",
    "CRD_NAME",
    "END_NODE_ID",
    "FINALIZER",
    "KIND",
    "LABEL_COMPLETED_TIME",
    "LABEL_DOMAIN",
    "LABEL_EXECUTION_ID",
    "LABEL_PROJECT",
    "LABEL_SHARD_KEY",
    "LABEL_TERMINATED",
    "LABEL_TERMINATION_STATUS",
    "LABEL_WORKFLOW_NAME",
    "START_NODE_ID",
    "ArrayNodePhase",
    "ArrayNodeStatus",
    "ArraySpec",
    "BranchNodeStatus",
    "BranchPhase",
    "BranchSpec",
    "CompactArray",
    "Document",
    "DynamicNodePhase",
    "DynamicNodeStatus",
    "FlyteWorkflow",
    "NodeKind",
    "NodePhase",
    "NodeSpec",
    "NodeStatus",
    "OnFailurePolicy",
    "SqlWorkflowStore",
    "SubNodeStatuses",
    "TaskNodeStatus",
    "WorkflowNodePhase",
    "WorkflowNodeStatus",
    "WorkflowPhase",
    "WorkflowSpec",
    "WorkflowStatus",
    "WorkflowStore",
    "build_flyteworkflow",
    "build_workflow_specs",
    "fixed_length_unique_id",
    "flyteworkflows_metadata",
    "flyteworkflows_table",
    "fnv32a",
    "fnv64a",
    "format_go_duration",
    "format_time",
    "from_gojson",
    "from_jsonpb",
    "identifier_key",
    "parse_go_duration",
    "parse_time",
    "sanitize_label_value",
    "shard_key",
    "to_gojson",
    "to_jsonpb",
    "workflow_spec_id",
]
