"""Build the FlyteWorkflow document of one execution from a compiled workflow closure.

Admin calls :func:`build_flyteworkflow` when it creates an execution; the result is the JSON
document of the ``flyteworkflows.flyte.lyft.com/v1alpha1`` custom resource laid out as in
flyte-propeller.md §1: ``spec`` holds the primary workflow, everything else (inputs, tasks,
sub-workflows, execution config, ...) sits next to it, and ``status`` starts at phase Ready.
The node layout (flat node map with hoisted branch children, edges, bindings as jsonpb) is what
propeller's executor reads back through :mod:`flytestdlib.flyteworkflow._documents`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from flyteidl.core import (
    compiler_pb2,
    identifier_pb2,
    literals_pb2,
    security_pb2,
    tasks_pb2,
    workflow_pb2,
)
from flytestdlib.errors import InvalidWorkflowDocument
from flytestdlib.flyteworkflow._codec import format_go_duration, format_time, to_gojson, to_jsonpb
from flytestdlib.flyteworkflow._naming import shard_key, workflow_name_label
from flytestdlib.flyteworkflow._phases import (
    API_VERSION,
    END_NODE_ID,
    FINALIZER,
    KIND,
    LABEL_DOMAIN,
    LABEL_EXECUTION_ID,
    LABEL_PROJECT,
    LABEL_SHARD_KEY,
    LABEL_WORKFLOW_NAME,
    START_NODE_ID,
    NodeKind,
    WorkflowPhase,
)
from flytestdlib.flyteworkflow._references import identifier_key, workflow_spec_id

_K8S_RESOURCE_NAMES = {
    tasks_pb2.Resources.CPU: "cpu",
    tasks_pb2.Resources.GPU: "nvidia.com/gpu",
    tasks_pb2.Resources.MEMORY: "memory",
    tasks_pb2.Resources.STORAGE: "storage",
    tasks_pb2.Resources.EPHEMERAL_STORAGE: "ephemeral-storage",
}


def build_flyteworkflow(
    closure: compiler_pb2.CompiledWorkflowClosure,
    *,
    execution_id: identifier_pb2.WorkflowExecutionIdentifier,
    inputs: literals_pb2.LiteralMap,
    launch_plan_id: identifier_pb2.Identifier,
    namespace: str,
    raw_output_prefix: str,
    max_parallelism: int = 25,
    labels: Mapping[str, str] | None = None,
    annotations: Mapping[str, str] | None = None,
    security_context: security_pb2.SecurityContext | None = None,
    interruptible: bool | None = None,
    overwrite_cache: bool = False,
    envs: Mapping[str, str] | None = None,
    event_version: int = 2,
    accepted_at: datetime | None = None,
    recovery_execution: identifier_pb2.WorkflowExecutionIdentifier | None = None,
) -> dict[str, Any]:
    """Return the FlyteWorkflow document for one execution of ``closure``.

    ``launch_plan_id`` names the launch plan in error messages. User ``labels`` override the
    compiler's labels, as admin merges them. Raises ``InvalidWorkflowDocument`` naming the
    offending node or task when the closure is inconsistent (e.g. a task node whose task is not
    in the closure).
    """
    if not execution_id.name:
        raise InvalidWorkflowDocument("Cannot build a FlyteWorkflow without an execution name.")
    where = (
        f"launch plan {launch_plan_id.project}/{launch_plan_id.domain}/{launch_plan_id.name}"
        f"@{launch_plan_id.version}"
    )
    task_templates = {identifier_key(task.template.id): task.template for task in closure.tasks}
    sub_workflow_keys = {identifier_key(sub.template.id) for sub in closure.sub_workflows}
    builder = _SpecBuilder(task_templates, sub_workflow_keys, where)
    spec = builder.workflow_spec(closure.primary)
    sub_workflows = {
        identifier_key(sub.template.id): builder.workflow_spec(sub) for sub in closure.sub_workflows
    }

    object_labels = {
        LABEL_EXECUTION_ID: execution_id.name,
        LABEL_PROJECT: execution_id.project,
        LABEL_DOMAIN: execution_id.domain,
        LABEL_WORKFLOW_NAME: workflow_name_label(spec["id"]),
        LABEL_SHARD_KEY: shard_key(execution_id.name),
    }
    object_labels.update(labels or {})
    metadata: dict[str, Any] = {
        "name": execution_id.name,
        "namespace": namespace,
        "labels": object_labels,
        "finalizers": [FINALIZER],
    }
    if annotations:
        metadata["annotations"] = dict(annotations)

    node_defaults: dict[str, Any] = {}
    if closure.primary.template.metadata_defaults.interruptible:
        node_defaults["interruptible"] = True

    context = security_context or security_pb2.SecurityContext()
    document: dict[str, Any] = {
        "apiVersion": API_VERSION,
        "kind": KIND,
        "metadata": metadata,
        "spec": spec,
        "workflowMeta": {"eventVersion": event_version},
        "inputs": to_jsonpb(inputs),
        "executionId": to_gojson(execution_id),
        "tasks": {key: to_jsonpb(template) for key, template in task_templates.items()},
        "subWorkflows": sub_workflows,
        "node-defaults": node_defaults,
        "acceptedAt": format_time(accepted_at or datetime.now(UTC)),
        "securityContext": to_gojson(context),
        "status": {"phase": int(WorkflowPhase.READY)},
        "rawOutputDataConfig": {"output_location_prefix": raw_output_prefix},
        "executionConfig": {
            "TaskPluginImpls": {},
            "MaxParallelism": max_parallelism,
            "RecoveryExecution": to_gojson(recovery_execution) if recovery_execution is not None else {},
            "TaskResources": {
                "Requests": _empty_quantities(),
                "Limits": _empty_quantities(),
            },
            "Interruptible": interruptible,
            "OverwriteCache": overwrite_cache,
            "EnvironmentVariables": dict(envs) if envs else None,
        },
    }
    if context.run_as.k8s_service_account:
        document["serviceAccountName"] = context.run_as.k8s_service_account
    return document


def build_workflow_specs(
    closure: compiler_pb2.CompiledWorkflowClosure, *, where: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The ``spec``, ``tasks`` and ``subWorkflows`` sections for ``closure`` (no execution around them).

    Propeller uses it for the workflow a dynamic task generates; ``where`` names that origin in errors.
    """
    task_templates = {identifier_key(task.template.id): task.template for task in closure.tasks}
    sub_workflow_keys = {identifier_key(sub.template.id) for sub in closure.sub_workflows}
    builder = _SpecBuilder(task_templates, sub_workflow_keys, where)
    spec = builder.workflow_spec(closure.primary)
    sub_workflows = {
        identifier_key(sub.template.id): builder.workflow_spec(sub) for sub in closure.sub_workflows
    }
    tasks = {key: to_jsonpb(template) for key, template in task_templates.items()}
    return spec, tasks, sub_workflows


def _empty_quantities() -> dict[str, str]:
    return {"CPU": "0", "Memory": "0", "EphemeralStorage": "0", "Storage": "0", "GPU": "0"}


class _SpecBuilder:
    """Turns compiled workflows into WorkflowSpec dicts; knows the closure's tasks for lookups."""

    def __init__(
        self, tasks: Mapping[str, tasks_pb2.TaskTemplate], sub_workflow_keys: set[str], where: str
    ) -> None:
        self._tasks = tasks
        self._sub_workflow_keys = sub_workflow_keys
        self._where = where

    def workflow_spec(self, compiled: compiler_pb2.CompiledWorkflow) -> dict[str, Any]:
        template = compiled.template
        wf_id = workflow_spec_id(template.id)
        nodes: dict[str, dict[str, Any]] = {}
        for node in template.nodes:
            self._add_node(node, nodes, wf_id)
        if START_NODE_ID not in nodes:
            nodes[START_NODE_ID] = {"id": START_NODE_ID, "kind": NodeKind.START.value, "resources": {}}
        if END_NODE_ID not in nodes:
            nodes[END_NODE_ID] = {
                "id": END_NODE_ID,
                "kind": NodeKind.END.value,
                "resources": {},
                "inputBindings": [to_jsonpb(binding) for binding in template.outputs],
            }
        downstream, upstream = _edges(compiled, template)
        spec: dict[str, Any] = {
            "id": wf_id,
            "nodes": nodes,
            "connections": downstream,
            "edges": {"downstream": downstream, "upstream": upstream},
            "outputs": to_jsonpb(template.interface.outputs),
            "outputBindings": [to_jsonpb(binding) for binding in template.outputs],
            "onFailurePolicy": workflow_pb2.WorkflowMetadata.OnFailurePolicy.Name(
                template.metadata.on_failure
            ),
        }
        if template.HasField("failure_node"):
            failure_nodes: dict[str, dict[str, Any]] = {}
            spec["onFailure"] = self._node_spec(template.failure_node, failure_nodes, wf_id)
            nodes.update({key: value for key, value in failure_nodes.items() if key not in nodes})
        return spec

    def _add_node(self, node: workflow_pb2.Node, nodes: dict[str, dict[str, Any]], wf_id: str) -> None:
        if node.id in nodes:
            raise InvalidWorkflowDocument(
                f"Workflow {wf_id} of {self._where} has two nodes with id {node.id!r}; node ids must be unique."
            )
        nodes[node.id] = self._node_spec(node, nodes, wf_id)

    def _node_spec(
        self, node: workflow_pb2.Node, nodes: dict[str, dict[str, Any]], wf_id: str
    ) -> dict[str, Any]:
        spec: dict[str, Any] = {"id": node.id, "resources": {}}
        if node.metadata.name:
            spec["name"] = node.metadata.name
        target = node.WhichOneof("target")
        task: tasks_pb2.TaskTemplate | None = None
        if target is None:
            if node.id == START_NODE_ID:
                spec["kind"] = NodeKind.START.value
            elif node.id == END_NODE_ID:
                spec["kind"] = NodeKind.END.value
            else:
                raise InvalidWorkflowDocument(
                    f"Node {node.id!r} of workflow {wf_id} ({self._where}) has no target: set one of "
                    "task_node, workflow_node, branch_node, gate_node or array_node."
                )
        elif target == "task_node":
            spec["kind"] = NodeKind.TASK.value
            key = identifier_key(node.task_node.reference_id)
            task = self._tasks.get(key)
            if task is None:
                raise InvalidWorkflowDocument(
                    f"Node {node.id!r} of workflow {wf_id} ({self._where}) references task "
                    f"{_display(node.task_node.reference_id)}, which is not in the compiled closure; "
                    "include the task in CompiledWorkflowClosure.tasks."
                )
            spec["task"] = key
            self._task_overrides(node.task_node.overrides, spec)
        elif target == "workflow_node":
            spec["kind"] = NodeKind.WORKFLOW.value
            spec["workflow"] = self._workflow_target(node, wf_id)
        elif target == "branch_node":
            spec["kind"] = NodeKind.BRANCH.value
            spec["branch"] = self._branch(node.branch_node, nodes, wf_id)
        elif target == "gate_node":
            spec["kind"] = NodeKind.GATE.value
            spec["gate"] = _gate(node.gate_node)
        else:
            spec["kind"] = NodeKind.ARRAY.value
            spec["array"] = self._array(node.array_node, wf_id)
        if spec["kind"] != NodeKind.START.value:
            spec["inputBindings"] = [to_jsonpb(binding) for binding in node.inputs]
        self._retries_and_deadlines(node, task, spec)
        if node.metadata.HasField("interruptible"):
            spec["interruptible"] = node.metadata.interruptible
        if node.output_aliases:
            spec["outputAlias"] = [{"var": alias.var, "alias": alias.alias} for alias in node.output_aliases]
        return spec

    def _task_overrides(self, overrides: workflow_pb2.TaskNodeOverrides, spec: dict[str, Any]) -> None:
        resources: dict[str, dict[str, str]] = {}
        for section, entries in (
            ("requests", overrides.resources.requests),
            ("limits", overrides.resources.limits),
        ):
            quantities = {
                _K8S_RESOURCE_NAMES[e.name]: e.value for e in entries if e.name in _K8S_RESOURCE_NAMES
            }
            if quantities:
                resources[section] = quantities
        spec["resources"] = resources
        if overrides.HasField("extended_resources"):
            spec["extendedResources"] = to_jsonpb(overrides.extended_resources)
        if overrides.container_image:
            spec["containerImage"] = overrides.container_image
        if overrides.HasField("pod_template"):
            spec["podTemplate"] = to_gojson(overrides.pod_template)

    def _retries_and_deadlines(
        self, node: workflow_pb2.Node, task: tasks_pb2.TaskTemplate | None, spec: dict[str, Any]
    ) -> None:
        if node.metadata.HasField("retries"):
            retries = node.metadata.retries.retries
        else:
            retries = task.metadata.retries.retries if task is not None else 0
        if retries > 0:
            spec["retry"] = {"minAttempts": retries + 1}
        timeout = timedelta(0)
        if node.metadata.HasField("timeout"):
            timeout = node.metadata.timeout.ToTimedelta()
        elif task is not None and task.metadata.HasField("timeout"):
            timeout = task.metadata.timeout.ToTimedelta()
        if timeout > timedelta(0):
            spec["executionDeadline"] = format_go_duration(timeout)
            spec["activeDeadline"] = format_go_duration(timeout * 2)

    def _workflow_target(self, node: workflow_pb2.Node, wf_id: str) -> dict[str, Any]:
        workflow_node = node.workflow_node
        if workflow_node.HasField("launchplan_ref"):
            return {"launchPlanRefId": to_jsonpb(workflow_node.launchplan_ref)}
        key = identifier_key(workflow_node.sub_workflow_ref)
        if key not in self._sub_workflow_keys:
            raise InvalidWorkflowDocument(
                f"Node {node.id!r} of workflow {wf_id} ({self._where}) references sub-workflow "
                f"{_display(workflow_node.sub_workflow_ref)}, which is not in the compiled closure; "
                "include it in CompiledWorkflowClosure.sub_workflows."
            )
        return {"subWorkflowRef": key}

    def _branch(
        self, branch: workflow_pb2.BranchNode, nodes: dict[str, dict[str, Any]], wf_id: str
    ) -> dict[str, Any]:
        if_else = branch.if_else
        self._add_node(if_else.case.then_node, nodes, wf_id)
        result: dict[str, Any] = {
            "if": {"condition": to_jsonpb(if_else.case.condition), "then": if_else.case.then_node.id}
        }
        if if_else.other:
            result["elseIf"] = []
            for block in if_else.other:
                self._add_node(block.then_node, nodes, wf_id)
                result["elseIf"].append({"condition": to_jsonpb(block.condition), "then": block.then_node.id})
        if if_else.HasField("else_node"):
            self._add_node(if_else.else_node, nodes, wf_id)
            result["else"] = if_else.else_node.id
        if if_else.HasField("error"):
            result["elseFail"] = to_gojson(if_else.error)
        return result

    def _array(self, array: workflow_pb2.ArrayNode, wf_id: str) -> dict[str, Any]:
        sub_nodes: dict[str, dict[str, Any]] = {}
        result: dict[str, Any] = {
            "SubNodeSpec": self._node_spec(array.node, sub_nodes, wf_id),
            "Parallelism": array.parallelism if array.HasField("parallelism") else None,
            "MinSuccesses": array.min_successes if array.HasField("min_successes") else None,
            "MinSuccessRatio": array.min_success_ratio if array.HasField("min_success_ratio") else None,
            "ExecutionMode": int(array.execution_mode),
            "IsOriginalSubNodeInterface": (
                array.is_original_sub_node_interface.value
                if array.HasField("is_original_sub_node_interface")
                else None
            ),
            "DataMode": int(array.data_mode),
            "BoundInputs": list(array.bound_inputs),
        }
        return result


def _gate(gate: workflow_pb2.GateNode) -> dict[str, Any]:
    condition = gate.WhichOneof("condition")
    if condition == "approve":
        return {"kind": "approve", "approve": to_jsonpb(gate.approve)}
    if condition == "signal":
        return {"kind": "signal", "signal": to_jsonpb(gate.signal)}
    return {"kind": "sleep", "sleep": to_jsonpb(gate.sleep)}


def _edges(
    compiled: compiler_pb2.CompiledWorkflow, template: workflow_pb2.WorkflowTemplate
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Downstream/upstream adjacency: from the compiler's ConnectionSet, or derived from bindings."""
    connections = compiled.connections
    if connections.downstream or connections.upstream:
        downstream = {key: list(ids.ids) for key, ids in connections.downstream.items()}
        upstream = {key: list(ids.ids) for key, ids in connections.upstream.items()}
        return downstream, upstream
    upstream_sets: dict[str, set[str]] = {}
    for node in template.nodes:
        if node.id in (START_NODE_ID, END_NODE_ID):
            continue
        deps = set(node.upstream_node_ids) | _promised_nodes(node.inputs)
        upstream_sets[node.id] = deps or {START_NODE_ID}
    end_deps = _promised_nodes(template.outputs)
    terminal = {node_id for node_id in upstream_sets if not any(node_id in d for d in upstream_sets.values())}
    upstream_sets[END_NODE_ID] = end_deps | terminal or {START_NODE_ID}
    downstream_sets: dict[str, set[str]] = {}
    for node_id, deps in upstream_sets.items():
        for dep in deps:
            downstream_sets.setdefault(dep, set()).add(node_id)
    return (
        {key: sorted(value) for key, value in sorted(downstream_sets.items())},
        {key: sorted(value) for key, value in sorted(upstream_sets.items())},
    )


def _promised_nodes(bindings: Iterable[literals_pb2.Binding]) -> set[str]:
    found: set[str] = set()

    def visit(data: literals_pb2.BindingData) -> None:
        kind = data.WhichOneof("value")
        if kind == "promise":
            found.add(data.promise.node_id or START_NODE_ID)
        elif kind == "collection":
            for item in data.collection.bindings:
                visit(item)
        elif kind == "map":
            for item in data.map.bindings.values():
                visit(item)

    for binding in bindings:
        visit(binding.binding)
    return found


def _display(identifier: identifier_pb2.Identifier) -> str:
    return f"{identifier.project}/{identifier.domain}/{identifier.name}@{identifier.version}"
