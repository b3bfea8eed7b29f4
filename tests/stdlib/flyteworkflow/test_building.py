"""The FlyteWorkflow builder lays the document out as the custom resource of flyte-propeller.md §1."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from google.protobuf import duration_pb2

from flyteidl.core import (
    compiler_pb2,
    condition_pb2,
    identifier_pb2,
    literals_pb2,
    security_pb2,
    workflow_pb2,
)
from flytestdlib.errors import InvalidWorkflowDocument
from flytestdlib.flyteworkflow import (
    FINALIZER,
    FlyteWorkflow,
    NodeKind,
    NodePhase,
    WorkflowPhase,
    build_flyteworkflow,
    fixed_length_unique_id,
    format_go_duration,
    identifier_key,
    parse_go_duration,
    shard_key,
)
from tests.stdlib.flyteworkflow.closures import chain_closure, int_literal, task_template

EXECUTION = identifier_pb2.WorkflowExecutionIdentifier(
    project="flytesnacks", domain="development", name="abc123"
)
LAUNCH_PLAN = identifier_pb2.Identifier(
    resource_type=identifier_pb2.LAUNCH_PLAN,
    project="flytesnacks",
    domain="development",
    name="tests.chain.wf",
    version="v1",
)


def build(**overrides: object) -> dict[str, Any]:
    tasks = [
        task_template("flytesnacks", "development", "tests.chain.t1", ["python", "-c", "pass"], retries=2)
    ]
    arguments: dict[str, object] = {
        "execution_id": EXECUTION,
        "inputs": literals_pb2.LiteralMap(literals={"x": int_literal(3)}),
        "launch_plan_id": LAUNCH_PLAN,
        "namespace": "flytesnacks-development",
        "raw_output_prefix": "s3://bucket/raw",
        "accepted_at": datetime(2024, 1, 1, tzinfo=UTC),
    }
    arguments.update(overrides)
    return build_flyteworkflow(chain_closure(tasks), **arguments)  # type: ignore[arg-type]


def build_minimal(closure: compiler_pb2.CompiledWorkflowClosure) -> dict[str, Any]:
    """The document of ``closure`` with empty inputs and no optional settings."""
    return build_flyteworkflow(
        closure,
        execution_id=EXECUTION,
        inputs=literals_pb2.LiteralMap(),
        launch_plan_id=LAUNCH_PLAN,
        namespace="p-d",
        raw_output_prefix="file:///raw",
    )


def test_top_level_layout_matches_the_custom_resource() -> None:
    doc = build(labels={"team": "a"}, annotations={"note": "x"})
    json.dumps(doc)  # the whole document is plain JSON
    assert doc["apiVersion"] == "flyte.lyft.com/v1alpha1"
    assert doc["kind"] == "flyteworkflow"
    assert doc["metadata"] == {
        "name": "abc123",
        "namespace": "flytesnacks-development",
        "labels": {
            "execution-id": "abc123",
            "project": "flytesnacks",
            "domain": "development",
            "workflow-name": "tests-chain-wf",
            "shard-key": shard_key("abc123"),
            "team": "a",
        },
        "annotations": {"note": "x"},
        "finalizers": [FINALIZER],
    }
    assert doc["inputs"] == {"literals": {"x": {"scalar": {"primitive": {"integer": "3"}}}}}
    assert doc["executionId"] == {"project": "flytesnacks", "domain": "development", "name": "abc123"}
    assert doc["workflowMeta"] == {"eventVersion": 2}
    assert doc["acceptedAt"] == "2024-01-01T00:00:00Z"
    assert doc["rawOutputDataConfig"] == {"output_location_prefix": "s3://bucket/raw"}
    assert doc["securityContext"] == {}
    assert doc["node-defaults"] == {}
    assert doc["status"] == {"phase": 0}
    config = doc["executionConfig"]
    assert isinstance(config, dict)
    assert config["MaxParallelism"] == 25
    assert config["Interruptible"] is None
    assert config["OverwriteCache"] is False


def test_spec_holds_nodes_edges_and_bindings() -> None:
    doc = build()
    spec = doc["spec"]
    assert isinstance(spec, dict)
    task_key = identifier_key(
        identifier_pb2.Identifier(
            resource_type=identifier_pb2.TASK,
            project="flytesnacks",
            domain="development",
            name="tests.chain.t1",
            version="v1",
        )
    )
    assert spec["id"] == "flytesnacks:development:tests.chain.wf"
    assert spec["nodes"]["start-node"] == {"id": "start-node", "kind": "start", "resources": {}}
    assert spec["nodes"]["n0"] == {
        "id": "n0",
        "name": "tests.chain.t1",
        "kind": "task",
        "task": task_key,
        "resources": {},
        "inputBindings": [{"var": "x", "binding": {"promise": {"nodeId": "start-node", "var": "x"}}}],
        "retry": {"minAttempts": 3},
    }
    assert spec["nodes"]["end-node"]["inputBindings"] == [
        {"var": "o0", "binding": {"promise": {"nodeId": "n0", "var": "o0"}}}
    ]
    assert spec["connections"] == {"start-node": ["n0"], "n0": ["end-node"]}
    assert spec["edges"]["upstream"] == {"n0": ["start-node"], "end-node": ["n0"]}
    assert spec["outputs"] == {"variables": {"o0": {"type": {"simple": "INTEGER"}}}}
    assert spec["onFailurePolicy"] == "FAIL_IMMEDIATELY"
    assert doc["tasks"][task_key]["type"] == "python-task"
    assert doc["tasks"][task_key]["container"]["args"] == ["-c", "pass"]


def test_execution_options_land_in_execution_config_and_security_context() -> None:
    context = security_pb2.SecurityContext(run_as=security_pb2.Identity(k8s_service_account="sa"))
    doc = build(
        max_parallelism=3,
        interruptible=True,
        overwrite_cache=True,
        envs={"A": "1"},
        security_context=context,
        event_version=1,
    )
    assert doc["executionConfig"]["MaxParallelism"] == 3
    assert doc["executionConfig"]["Interruptible"] is True
    assert doc["executionConfig"]["OverwriteCache"] is True
    assert doc["executionConfig"]["EnvironmentVariables"] == {"A": "1"}
    assert doc["securityContext"] == {"run_as": {"k8s_service_account": "sa"}}
    assert doc["serviceAccountName"] == "sa"
    assert doc["workflowMeta"] == {"eventVersion": 1}


def test_reader_gives_typed_values_back() -> None:
    wf = FlyteWorkflow(build(max_parallelism=4))
    assert wf.execution_id == EXECUTION
    assert wf.inputs.literals["x"].scalar.primitive.integer == 3
    assert wf.raw_output_prefix == "s3://bucket/raw"
    assert wf.max_parallelism == 4
    node = wf.spec.node("n0")
    assert node.kind is NodeKind.TASK
    assert node.min_attempts == 3
    assert node.input_bindings[0].binding.promise.node_id == "start-node"
    assert wf.task(node.task_key).container.command == ["python"]
    assert wf.spec.downstream("start-node") == ["n0"]
    assert wf.spec.upstream("end-node") == ["n0"]
    assert wf.status.phase is WorkflowPhase.READY
    status = wf.status.node("n0")
    status.phase = NodePhase.QUEUED
    status.attempts = 1
    assert wf.document["status"]["nodeStatus"]["n0"] == {"phase": 1, "attempts": 1}


def test_timeouts_become_go_durations_and_double_active_deadline() -> None:
    closure = chain_closure([task_template("p", "d", "t", ["true"])])
    closure.primary.template.nodes[1].metadata.timeout.CopyFrom(duration_pb2.Duration(seconds=3600))
    doc = build_minimal(closure)
    node = doc["spec"]["nodes"]["n0"]
    assert node["executionDeadline"] == "1h0m0s"
    assert node["activeDeadline"] == "2h0m0s"
    assert FlyteWorkflow(doc).spec.node("n0").execution_deadline == timedelta(hours=1)


def test_missing_start_and_end_nodes_and_connections_are_derived() -> None:
    closure = chain_closure([task_template("p", "d", "t", ["true"]), task_template("p", "d", "u", ["true"])])
    del closure.primary.template.nodes[-1]
    del closure.primary.template.nodes[0]
    closure.primary.connections.Clear()
    doc = build_minimal(closure)
    spec = doc["spec"]
    assert spec["nodes"]["start-node"]["kind"] == "start"
    assert spec["nodes"]["end-node"]["inputBindings"][0]["binding"]["promise"] == {
        "nodeId": "n1",
        "var": "o0",
    }
    assert spec["edges"]["upstream"] == {"n0": ["start-node"], "n1": ["n0"], "end-node": ["n1"]}
    assert spec["edges"]["downstream"] == {"start-node": ["n0"], "n0": ["n1"], "n1": ["end-node"]}


def test_branch_children_are_hoisted_into_the_flat_node_map() -> None:
    closure = chain_closure([task_template("p", "d", "t", ["true"])])
    task_node = closure.primary.template.nodes[1]
    then_node = workflow_pb2.Node()
    then_node.CopyFrom(task_node)
    then_node.id = "n0-n0"
    branch = workflow_pb2.Node(id="n0", inputs=task_node.inputs)
    branch.branch_node.if_else.case.then_node.CopyFrom(then_node)
    branch.branch_node.if_else.error.message = "no case matched"
    branch.branch_node.if_else.case.condition.comparison.operator = condition_pb2.ComparisonExpression.EQ
    closure.primary.template.nodes[1].CopyFrom(branch)
    doc = build_minimal(closure)
    nodes = doc["spec"]["nodes"]
    assert nodes["n0"]["kind"] == "branch"
    assert nodes["n0"]["branch"]["if"]["then"] == "n0-n0"
    assert nodes["n0"]["branch"]["elseFail"] == {"message": "no case matched"}
    assert nodes["n0-n0"]["kind"] == "task"


def test_a_task_missing_from_the_closure_is_named_in_the_error() -> None:
    closure = chain_closure([task_template("p", "d", "t", ["true"])])
    del closure.tasks[:]
    with pytest.raises(
        InvalidWorkflowDocument,
        match=r"launch plan flytesnacks/development/tests.chain.wf@v1\) references task p/d/t@v1",
    ):
        build_minimal(closure)


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (timedelta(hours=1), "1h0m0s"),
        (timedelta(seconds=90), "1m30s"),
        (timedelta(seconds=1.5), "1.5s"),
        (timedelta(0), "0s"),
        (timedelta(milliseconds=250), "250ms"),
    ],
)
def test_go_durations_round_trip(duration: timedelta, text: str) -> None:
    assert format_go_duration(duration) == text
    assert parse_go_duration(text, where="x") == duration


def test_fixed_length_unique_id_hashes_long_names() -> None:
    assert fixed_length_unique_id("abc-n0-0", 50) == "abc-n0-0"
    hashed = fixed_length_unique_id("x" * 60, 50)
    assert hashed.startswith("f") and len(hashed) == 8
    assert set(hashed[1:]) <= set("abcdefghijklmnopqrstuvwxyz123456")


def test_the_failure_node_is_kept_under_on_failure_and_readable_by_id() -> None:
    closure = chain_closure([task_template("p", "d", "t", ["true"])])
    failure = workflow_pb2.Node()
    failure.CopyFrom(closure.primary.template.nodes[1])
    failure.id = "fn0"
    closure.primary.template.failure_node.CopyFrom(failure)
    closure.primary.template.metadata.on_failure = (
        workflow_pb2.WorkflowMetadata.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE
    )
    doc = build_minimal(closure)
    assert doc["spec"]["onFailure"]["id"] == "fn0"
    assert "fn0" not in doc["spec"]["nodes"]
    assert doc["spec"]["onFailurePolicy"] == "FAIL_AFTER_EXECUTABLE_NODES_COMPLETE"
    spec = FlyteWorkflow(doc).spec
    assert spec.node("fn0").kind is NodeKind.TASK
    assert spec.on_failure is not None and spec.on_failure.id == "fn0"
