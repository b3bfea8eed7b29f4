"""Typed read access to a FlyteWorkflow document (and write access to its status).

``FlyteWorkflow`` wraps the JSON dict the store returns. Spec-side accessors parse the embedded
protobuf renderings on demand (jsonpb or Go JSON, flyte-propeller.md §1.4) and never change the
document; ``status`` returns the mutable view of :mod:`._status`. Bad documents raise
``InvalidWorkflowDocument`` naming the field.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flyteidl.core import (
    condition_pb2,
    identifier_pb2,
    interface_pb2,
    literals_pb2,
    security_pb2,
    tasks_pb2,
)
from flytestdlib.errors import InvalidWorkflowDocument
from flytestdlib.flyteworkflow._codec import from_gojson, from_jsonpb, parse_go_duration, parse_time
from flytestdlib.flyteworkflow._phases import (
    END_NODE_ID,
    FINALIZER,
    START_NODE_ID,
    NodeKind,
    OnFailurePolicy,
    WorkflowPhase,
)
from flytestdlib.flyteworkflow._status import WorkflowStatus
from flytestdlib.flyteworkflow._views import DictView


class NodeSpec(DictView):
    """One entry of ``spec.nodes`` (or ``spec.onFailure``)."""

    @property
    def id(self) -> str:
        return str(self._raw["id"])

    @property
    def name(self) -> str:
        return str(self._raw.get("name", ""))

    @property
    def kind(self) -> NodeKind:
        value = self._raw.get("kind")
        try:
            return NodeKind(str(value))
        except ValueError as error:
            raise InvalidWorkflowDocument(
                f"{self._where}.kind is {value!r}; expected one of {[k.value for k in NodeKind]}."
            ) from error

    @property
    def task_key(self) -> str:
        """The ``tasks`` map key this task node runs."""
        value = self._raw.get("task")
        if not value:
            raise InvalidWorkflowDocument(f"{self._where} is a task node without a 'task' reference.")
        return str(value)

    @property
    def input_bindings(self) -> list[literals_pb2.Binding]:
        return [
            from_jsonpb(value, literals_pb2.Binding, where=f"{self._where}.inputBindings[{index}]")
            for index, value in enumerate(self._raw.get("inputBindings") or [])
        ]

    @property
    def min_attempts(self) -> int | None:
        """``retry.minAttempts`` (= retries + 1) when the node has a retry strategy."""
        retry = self._raw.get("retry") or {}
        value = retry.get("minAttempts")
        return None if value is None else int(value)

    @property
    def execution_deadline(self) -> timedelta | None:
        value = self._raw.get("executionDeadline")
        return parse_go_duration(value, where=f"{self._where}.executionDeadline") if value else None

    @property
    def active_deadline(self) -> timedelta | None:
        value = self._raw.get("activeDeadline")
        return parse_go_duration(value, where=f"{self._where}.activeDeadline") if value else None

    @property
    def interruptible(self) -> bool | None:
        value = self._raw.get("interruptible")
        return None if value is None else bool(value)

    @property
    def output_aliases(self) -> dict[str, str]:
        """Map of alias -> original output var."""
        return {str(item["alias"]): str(item["var"]) for item in self._raw.get("outputAlias") or []}

    @property
    def resources(self) -> dict[str, dict[str, str]]:
        return dict(self._raw.get("resources") or {})

    @property
    def container_image(self) -> str:
        return str(self._raw.get("containerImage", ""))

    @property
    def sub_workflow_ref(self) -> str:
        """The ``subWorkflows`` key a workflow node runs inline, or "" for a launch-plan node."""
        return str((self._raw.get("workflow") or {}).get("subWorkflowRef", ""))

    @property
    def launch_plan_ref(self) -> identifier_pb2.Identifier | None:
        """The launch plan a workflow node launches as a child execution, if it is such a node."""
        value = (self._raw.get("workflow") or {}).get("launchPlanRefId")
        if value is None:
            return None
        return from_jsonpb(value, identifier_pb2.Identifier, where=f"{self._where}.workflow.launchPlanRefId")

    @property
    def array(self) -> ArraySpec:
        """The ``array`` of an array node."""
        value = self._raw.get("array")
        if not isinstance(value, dict):
            raise InvalidWorkflowDocument(f"{self._where} is an array node without an 'array' block.")
        return ArraySpec(value, f"{self._where}.array")

    @property
    def branch(self) -> BranchSpec:
        """The ``branch`` of a branch node."""
        value = self._raw.get("branch")
        if not isinstance(value, dict):
            raise InvalidWorkflowDocument(f"{self._where} is a branch node without a 'branch' block.")
        return BranchSpec(value, f"{self._where}.branch")


class ArraySpec(DictView):
    """``array`` of an array node (Go field names as keys): the subnode and its success criteria."""

    @property
    def sub_node(self) -> dict[str, Any]:
        """The raw ``SubNodeSpec`` (a node spec dict run once per index)."""
        value = self._raw.get("SubNodeSpec")
        if not isinstance(value, dict):
            raise InvalidWorkflowDocument(f"{self._where} has no 'SubNodeSpec'.")
        return value

    @property
    def parallelism(self) -> int | None:
        value = self._raw.get("Parallelism")
        return None if value is None else int(value)

    @property
    def min_successes(self) -> int | None:
        value = self._raw.get("MinSuccesses")
        return None if value is None else int(value)

    @property
    def min_success_ratio(self) -> float | None:
        value = self._raw.get("MinSuccessRatio")
        return None if value is None else float(value)

    @property
    def bound_inputs(self) -> frozenset[str]:
        return frozenset(str(name) for name in self._raw.get("BoundInputs") or [])


class BranchSpec(DictView):
    """``branch`` of a branch node: ``if``, ``elseIf``, ``else`` (node id) or ``elseFail`` (core.Error)."""

    def cases(self) -> list[tuple[condition_pb2.BooleanExpression, str]]:
        """The if / else-if cases in order, as (condition, then-node id)."""
        blocks = [self._raw.get("if") or {}, *(self._raw.get("elseIf") or [])]
        cases = []
        for index, block in enumerate(blocks):
            where = f"{self._where}.{'if' if index == 0 else f'elseIf[{index - 1}]'}"
            if "then" not in block:
                raise InvalidWorkflowDocument(f"{where} has no 'then' node.")
            condition = from_jsonpb(
                block.get("condition") or {}, condition_pb2.BooleanExpression, where=where
            )
            cases.append((condition, str(block["then"])))
        return cases

    @property
    def else_node(self) -> str:
        return str(self._raw.get("else", ""))

    @property
    def else_fail_message(self) -> str | None:
        """The message of ``elseFail`` when the branch fails if no case matches."""
        error = self._raw.get("elseFail")
        if not isinstance(error, dict):
            return None
        return str(error.get("message", ""))

    def child_ids(self) -> list[str]:
        """Every node the branch may run: then-nodes in order, then the else node."""
        ids = [then for _, then in self.cases()]
        return [*ids, self.else_node] if self.else_node else ids


class WorkflowSpec(DictView):
    """``spec`` (or one ``subWorkflows`` value): nodes, edges, outputs of one workflow."""

    def __init__(self, raw: dict[str, Any], where: str) -> None:
        super().__init__(raw, where)
        self._upstream: dict[str, list[str]] | None = None

    @property
    def id(self) -> str:
        return str(self._raw.get("id", ""))

    def node_ids(self) -> list[str]:
        return list(self._raw.get("nodes") or {})

    def node(self, node_id: str) -> NodeSpec:
        """The node ``node_id`` of ``nodes``, or the failure node (``onFailure``) if it has that id."""
        raw = (self._raw.get("nodes") or {}).get(node_id)
        on_failure = self._raw.get("onFailure")
        if raw is None and isinstance(on_failure, dict) and on_failure.get("id") == node_id:
            return NodeSpec(on_failure, f"{self._where}.onFailure")
        if raw is None:
            if node_id in (START_NODE_ID, END_NODE_ID):
                raise InvalidWorkflowDocument(
                    f"{self._where}.nodes has no {node_id!r}; every workflow needs one."
                )
            raise InvalidWorkflowDocument(f"{self._where}.nodes has no node {node_id!r}.")
        return NodeSpec(raw, f"{self._where}.nodes[{node_id}]")

    def downstream(self, node_id: str) -> list[str]:
        edges = (self._raw.get("edges") or {}).get("downstream") or {}
        if not edges and not (self._raw.get("edges") or {}).get("upstream"):
            edges = self._raw.get("connections") or {}
        return list(edges.get(node_id) or [])

    def upstream(self, node_id: str) -> list[str]:
        if self._upstream is None:
            edges = self._raw.get("edges") or {}
            if edges.get("downstream") or edges.get("upstream"):
                self._upstream = {key: list(value) for key, value in (edges.get("upstream") or {}).items()}
            else:
                derived: dict[str, list[str]] = {}
                for source, targets in (self._raw.get("connections") or {}).items():
                    for target in targets:
                        derived.setdefault(target, []).append(source)
                self._upstream = derived
        return list(self._upstream.get(node_id, []))

    @property
    def outputs(self) -> interface_pb2.VariableMap:
        return from_jsonpb(
            self._raw.get("outputs"), interface_pb2.VariableMap, where=f"{self._where}.outputs"
        )

    @property
    def output_bindings(self) -> list[literals_pb2.Binding]:
        return [
            from_jsonpb(value, literals_pb2.Binding, where=f"{self._where}.outputBindings[{index}]")
            for index, value in enumerate(self._raw.get("outputBindings") or [])
        ]

    @property
    def on_failure(self) -> NodeSpec | None:
        raw = self._raw.get("onFailure")
        return None if raw is None else NodeSpec(raw, f"{self._where}.onFailure")

    @property
    def on_failure_policy(self) -> OnFailurePolicy:
        value = self._raw.get("onFailurePolicy") or OnFailurePolicy.FAIL_IMMEDIATELY.value
        try:
            return OnFailurePolicy(value)
        except ValueError as error:
            raise InvalidWorkflowDocument(f"{self._where}.onFailurePolicy is {value!r}.") from error


class FlyteWorkflow:
    """A FlyteWorkflow document with typed accessors; ``document`` is the live dict."""

    def __init__(self, document: dict[str, Any]) -> None:
        if not isinstance(document.get("metadata"), dict) or not document["metadata"].get("name"):
            raise InvalidWorkflowDocument("FlyteWorkflow document has no metadata.name.")
        self._doc = document
        self._tasks: dict[str, tasks_pb2.TaskTemplate] = {}

    @property
    def document(self) -> dict[str, Any]:
        return self._doc

    @property
    def metadata(self) -> dict[str, Any]:
        result: dict[str, Any] = self._doc["metadata"]
        return result

    @property
    def name(self) -> str:
        return str(self.metadata["name"])

    @property
    def namespace(self) -> str:
        return str(self.metadata.get("namespace", ""))

    @property
    def resource_version(self) -> str:
        return str(self.metadata.get("resourceVersion", ""))

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.metadata.get("labels") or {})

    @property
    def annotations(self) -> dict[str, str]:
        return dict(self.metadata.get("annotations") or {})

    @property
    def deletion_requested(self) -> bool:
        return bool(self.metadata.get("deletionTimestamp"))

    def has_finalizer(self) -> bool:
        return FINALIZER in (self.metadata.get("finalizers") or [])

    def add_finalizer(self) -> None:
        finalizers = self.metadata.setdefault("finalizers", [])
        if FINALIZER not in finalizers:
            finalizers.append(FINALIZER)

    def remove_finalizer(self) -> None:
        finalizers = [f for f in self.metadata.get("finalizers") or [] if f != FINALIZER]
        if finalizers:
            self.metadata["finalizers"] = finalizers
        else:
            self.metadata.pop("finalizers", None)

    @property
    def execution_id(self) -> identifier_pb2.WorkflowExecutionIdentifier:
        return from_gojson(
            self._doc.get("executionId"), identifier_pb2.WorkflowExecutionIdentifier, where="executionId"
        )

    @property
    def inputs(self) -> literals_pb2.LiteralMap:
        return from_jsonpb(self._doc.get("inputs"), literals_pb2.LiteralMap, where="inputs")

    @property
    def has_inline_inputs(self) -> bool:
        return self._doc.get("inputs") is not None

    @property
    def offloaded_inputs(self) -> str:
        return str(self._doc.get("offloadedInputs") or "")

    @property
    def spec(self) -> WorkflowSpec:
        raw = self._doc.get("spec")
        if not isinstance(raw, dict):
            raise InvalidWorkflowDocument(
                f"FlyteWorkflow {self.namespace}/{self.name} has no spec (an offloaded closure must be loaded first)."
            )
        return WorkflowSpec(raw, "spec")

    def sub_workflow(self, key: str) -> WorkflowSpec:
        raw = (self._doc.get("subWorkflows") or {}).get(key)
        if raw is None:
            raise InvalidWorkflowDocument(f"FlyteWorkflow subWorkflows has no entry {key!r}.")
        return WorkflowSpec(raw, f"subWorkflows[{key}]")

    def task(self, key: str) -> tasks_pb2.TaskTemplate:
        """The task template stored under ``key`` (exactly the string a node references)."""
        if key not in self._tasks:
            raw = (self._doc.get("tasks") or {}).get(key)
            if raw is None:
                raise InvalidWorkflowDocument(f"FlyteWorkflow tasks has no entry {key!r}.")
            self._tasks[key] = from_jsonpb(raw, tasks_pb2.TaskTemplate, where=f"tasks[{key}]")
        return self._tasks[key]

    @property
    def event_version(self) -> int:
        return int((self._doc.get("workflowMeta") or {}).get("eventVersion", 0))

    @property
    def raw_output_prefix(self) -> str:
        return str((self._doc.get("rawOutputDataConfig") or {}).get("output_location_prefix") or "")

    @property
    def execution_config(self) -> dict[str, Any]:
        return dict(self._doc.get("executionConfig") or {})

    @property
    def max_parallelism(self) -> int:
        return int(self.execution_config.get("MaxParallelism") or 0)

    @property
    def interruptible(self) -> bool:
        """Execution-level interruptible override, else the workflow's node default."""
        override = self.execution_config.get("Interruptible")
        if override is not None:
            return bool(override)
        return bool((self._doc.get("node-defaults") or {}).get("interruptible", False))

    @property
    def overwrite_cache(self) -> bool:
        return bool(self.execution_config.get("OverwriteCache", False))

    @property
    def environment_variables(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in (self.execution_config.get("EnvironmentVariables") or {}).items()}

    @property
    def security_context(self) -> security_pb2.SecurityContext:
        return from_gojson(
            self._doc.get("securityContext"), security_pb2.SecurityContext, where="securityContext"
        )

    @property
    def service_account_name(self) -> str:
        return str(self._doc.get("serviceAccountName") or self.security_context.run_as.k8s_service_account)

    @property
    def console_url(self) -> str:
        return str(self._doc.get("consoleUrl") or "")

    @property
    def accepted_at(self) -> datetime | None:
        value = self._doc.get("acceptedAt")
        return parse_time(value, where="acceptedAt") if value else None

    @property
    def status(self) -> WorkflowStatus:
        raw = self._doc.get("status")
        if not isinstance(raw, dict):
            raw = {"phase": int(WorkflowPhase.READY)}
            self._doc["status"] = raw
        return WorkflowStatus(raw, "status")

    @property
    def is_terminal(self) -> bool:
        return self.status.phase.is_terminal
