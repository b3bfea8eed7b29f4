"""Branch nodes on the local propeller: the selected node runs under the branch, the others are
skipped, the branch passes the outputs on, and ``elseFail`` / a failing child fail the workflow."""

from __future__ import annotations

from flyteidl.core import (
    compiler_pb2,
    condition_pb2,
    execution_pb2,
    identifier_pb2,
    literals_pb2,
    types_pb2,
    workflow_pb2,
)
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import DOMAIN, PROJECT, Platform, script_task
from tests.stdlib.flyteworkflow.closures import int_interface, promise

NODE = execution_pb2.NodeExecution


def _task_node(
    node_id: str, task_id: identifier_pb2.Identifier, source: literals_pb2.BindingData
) -> workflow_pb2.Node:
    return workflow_pb2.Node(
        id=node_id,
        metadata=workflow_pb2.NodeMetadata(name=task_id.name),
        inputs=[literals_pb2.Binding(var="x", binding=source)],
        task_node=workflow_pb2.TaskNode(reference_id=task_id),
    )


def branch_closure(else_mode: str | None) -> compiler_pb2.CompiledWorkflowClosure:
    """``wf(x)``: ``n0 = add(x)``; ``n1`` = if n0.o0 > 5 and x != 0: add(n0.o0) else <else_mode task>
    (or elseFail when ``else_mode`` is None); returns n1.o0. Node ids as admin's compiler renames them."""
    add = script_task("tests.branch.add", "add")
    tasks = [add]
    condition = condition_pb2.BooleanExpression(
        conjunction=condition_pb2.ConjunctionExpression(
            left_expression=condition_pb2.BooleanExpression(
                comparison=condition_pb2.ComparisonExpression(
                    operator=condition_pb2.ComparisonExpression.GT,
                    left_value=condition_pb2.Operand(var="n0.o0"),
                    right_value=condition_pb2.Operand(primitive=literals_pb2.Primitive(integer=5)),
                )
            ),
            right_expression=condition_pb2.BooleanExpression(
                comparison=condition_pb2.ComparisonExpression(
                    operator=condition_pb2.ComparisonExpression.NEQ,
                    left_value=condition_pb2.Operand(var=".x"),
                    right_value=condition_pb2.Operand(primitive=literals_pb2.Primitive(integer=0)),
                )
            ),
        )
    )
    if_else = workflow_pb2.IfElseBlock(
        case=workflow_pb2.IfBlock(
            condition=condition, then_node=_task_node("n1-n0", add.id, promise("n0", "o0"))
        )
    )
    children = ["n1-n0"]
    if else_mode is None:
        if_else.error.CopyFrom(types_pb2.Error(failed_node_id="pick", message="x is too small"))
    else:
        other = script_task(f"tests.branch.{else_mode}", else_mode)
        tasks.append(other)
        if_else.else_node.CopyFrom(_task_node("n1-n1", other.id, promise("", "x")))
        children.append("n1-n1")
    nodes = [
        workflow_pb2.Node(id="start-node"),
        _task_node("n0", add.id, promise("", "x")),
        workflow_pb2.Node(
            id="n1",
            metadata=workflow_pb2.NodeMetadata(name="pick"),
            inputs=[
                literals_pb2.Binding(var=".x", binding=promise("", "x")),
                literals_pb2.Binding(var="n0.o0", binding=promise("n0", "o0")),
            ],
            upstream_node_ids=["n0"],
            branch_node=workflow_pb2.BranchNode(if_else=if_else),
        ),
    ]
    outputs = [literals_pb2.Binding(var="o0", binding=promise("n1", "o0"))]
    nodes.append(workflow_pb2.Node(id="end-node", inputs=outputs))
    edges = [("start-node", "n0"), ("n0", "n1"), ("n1", "end-node")] + [("n1", c) for c in children]
    downstream: dict[str, list[str]] = {}
    upstream: dict[str, list[str]] = {}
    for a, b in edges:
        downstream.setdefault(a, []).append(b)
        upstream.setdefault(b, []).append(a)
    template = workflow_pb2.WorkflowTemplate(
        id=identifier_pb2.Identifier(
            resource_type=identifier_pb2.WORKFLOW,
            project=PROJECT,
            domain=DOMAIN,
            name="tests.branch.wf",
            version="v1",
        ),
        interface=int_interface(["x"], ["o0"]),
        nodes=nodes,
        outputs=outputs,
    )
    return compiler_pb2.CompiledWorkflowClosure(
        primary=compiler_pb2.CompiledWorkflow(
            template=template,
            connections=compiler_pb2.ConnectionSet(
                downstream={k: compiler_pb2.ConnectionSet.IdList(ids=v) for k, v in downstream.items()},
                upstream={k: compiler_pb2.ConnectionSet.IdList(ids=v) for k, v in upstream.items()},
            ),
        ),
        tasks=[compiler_pb2.CompiledTask(template=t) for t in tasks],
    )


def _events(platform: Platform, name: str) -> list[tuple[str, str, int]]:
    return [
        (e.id.node_id, e.parent_node_metadata.node_id, e.phase)
        for e in platform.events.node_events
        if e.id.execution_id.name == name
    ]


def test_the_selected_node_runs_under_the_branch_and_its_outputs_pass_on(platform: Platform) -> None:
    platform.launch_closure("taken", branch_closure("add"), x=5)
    wf = platform.run_to_completion(platform.propeller(), "taken")

    assert wf.status.phase is WorkflowPhase.SUCCESS
    assert wf.status.node("n1").phase is NodePhase.SUCCEEDED
    assert wf.status.node("n1-n0").phase is NodePhase.SUCCEEDED
    assert wf.status.node("n1-n1").phase is NodePhase.SKIPPED
    branch_dir = platform.blobs.join(platform.wf_dir("taken"), "n1", "data", "0")
    child_outputs = read_proto(
        platform.blobs, platform.blobs.join(branch_dir, "n1-n0", "0", "outputs.pb"), literals_pb2.LiteralMap
    )
    assert child_outputs.literals["o0"].scalar.primitive.integer == 7
    outputs = read_proto(
        platform.blobs, platform.blobs.join(branch_dir, "outputs.pb"), literals_pb2.LiteralMap
    )
    assert outputs.literals["o0"].scalar.primitive.integer == 7
    end = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert end.literals["o0"].scalar.primitive.integer == 7

    events = _events(platform, "taken")
    child_events = [(parent, phase) for node_id, parent, phase in events if node_id == "n1-0-n1-n0"]
    assert child_events[0] == ("n1", NODE.QUEUED)
    assert child_events[-1] == ("n1", NODE.SUCCEEDED)
    assert [phase for node_id, _, phase in events if node_id == "n1"] == [
        NODE.QUEUED,
        NODE.RUNNING,
        NODE.SUCCEEDED,
    ]
    assert not [e for e in events if e[0].endswith("n1-n1")]  # skipped without events


def test_the_else_node_runs_when_no_case_matches(platform: Platform) -> None:
    platform.launch_closure("other", branch_closure("add"), x=1)
    wf = platform.run_to_completion(platform.propeller(), "other")

    assert wf.status.phase is WorkflowPhase.SUCCESS
    assert wf.status.node("n1-n0").phase is NodePhase.SKIPPED
    end = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert end.literals["o0"].scalar.primitive.integer == 2


def test_else_fail_fails_the_workflow_with_the_message(platform: Platform) -> None:
    platform.launch_closure("refused", branch_closure(None), x=1)
    wf = platform.run_to_completion(platform.propeller(), "refused")

    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.node("n1").phase is NodePhase.FAILED
    error = wf.status.error
    assert error is not None and error.code == "UserProvidedError" and error.message == "x is too small"
    assert error.kind == execution_pb2.ExecutionError.USER
    assert wf.status.node("n1-n0").phase is NodePhase.SKIPPED


def test_a_failing_child_fails_the_branch(platform: Platform) -> None:
    platform.launch_closure("broken", branch_closure("user-error"), x=1)
    wf = platform.run_to_completion(platform.propeller(), "broken")

    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.node("n1").phase is NodePhase.FAILED
    assert wf.status.node("n1-n1").phase is NodePhase.FAILED
    assert wf.status.error is not None and wf.status.error.code == "ValueError"
