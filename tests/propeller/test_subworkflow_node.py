"""Workflow nodes running an inline subworkflow on the local propeller: the subworkflow's nodes run
under the node (statuses nested, data under its output dir, events naming it as parent), its
outputs pass on, and a failing subworkflow fails the node and the workflow."""

from __future__ import annotations

from flyteidl.core import compiler_pb2, execution_pb2, identifier_pb2, literals_pb2, tasks_pb2, workflow_pb2
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import DOMAIN, PROJECT, Platform, script_task
from tests.stdlib.flyteworkflow.closures import chain_closure

NODE = execution_pb2.NodeExecution


def subworkflow_closure(sub_modes: list[str]) -> compiler_pb2.CompiledWorkflowClosure:
    """``wf(x)``: ``n0 = sub_wf(x)`` (a chain of ``sub_modes`` tasks), ``n1 = add(n0.o0)``; returns n1.o0."""
    add = script_task("tests.sub.add", "add")
    sub_tasks = [script_task(f"tests.sub.{mode}", mode) for mode in sub_modes]
    sub = chain_closure(sub_tasks, project=PROJECT, domain=DOMAIN).primary
    sub.template.id.name = "tests.sub.sub_wf"
    primary = chain_closure([add, add], project=PROJECT, domain=DOMAIN).primary
    primary.template.id.name = "tests.sub.wf"
    workflow_node = primary.template.nodes[1]
    workflow_node.ClearField("task_node")
    workflow_node.metadata.name = "sub_wf"
    workflow_node.workflow_node.CopyFrom(workflow_pb2.WorkflowNode(sub_workflow_ref=sub.template.id))
    tasks: dict[str, tasks_pb2.TaskTemplate] = {t.id.name: t for t in [add, *sub_tasks]}
    return compiler_pb2.CompiledWorkflowClosure(
        primary=primary,
        sub_workflows=[sub],
        tasks=[compiler_pb2.CompiledTask(template=t) for t in tasks.values()],
    )


def test_the_subworkflow_runs_under_the_node_and_its_outputs_pass_on(platform: Platform) -> None:
    platform.launch_closure("nested", subworkflow_closure(["add", "add"]), x=1)
    wf = platform.run_to_completion(platform.propeller(), "nested")

    assert wf.status.phase is WorkflowPhase.SUCCESS
    assert wf.status.node("n0").phase is NodePhase.SUCCEEDED
    end = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert end.literals["o0"].scalar.primitive.integer == 4
    node_dir = platform.blobs.join(platform.wf_dir("nested"), "n0", "data", "0")
    start = read_proto(
        platform.blobs,
        platform.blobs.join(node_dir, "start-node", "0", "outputs.pb"),
        literals_pb2.LiteralMap,
    )
    assert start.literals["x"].scalar.primitive.integer == 1
    first = read_proto(
        platform.blobs, platform.blobs.join(node_dir, "n0", "0", "outputs.pb"), literals_pb2.LiteralMap
    )
    assert first.literals["o0"].scalar.primitive.integer == 2
    outputs = read_proto(platform.blobs, platform.blobs.join(node_dir, "outputs.pb"), literals_pb2.LiteralMap)
    assert outputs.literals["o0"].scalar.primitive.integer == 3

    events = [e for e in platform.events.node_events if e.id.execution_id.name == "nested"]
    child = [
        (e.parent_node_metadata.node_id, e.retry_group, e.phase) for e in events if e.id.node_id == "n0-0-n1"
    ]
    assert child[0] == ("n0", "0", NODE.QUEUED)
    assert child[-1] == ("n0", "0", NODE.SUCCEEDED)
    parent = [e for e in events if e.id.node_id == "n0"]
    assert [e.phase for e in parent] == [NODE.QUEUED, NODE.RUNNING, NODE.SUCCEEDED]
    assert all(e.is_parent for e in parent)
    task_events = [
        e for e in platform.events.task_events if e.parent_node_execution_id.execution_id.name == "nested"
    ]
    assert {e.parent_node_execution_id.node_id for e in task_events} >= {"n0-0-n0", "n0-0-n1", "n1"}


def test_a_failing_subworkflow_fails_the_node_and_the_workflow(platform: Platform) -> None:
    platform.launch_closure("sub-broken", subworkflow_closure(["add", "user-error"]), x=1)
    wf = platform.run_to_completion(platform.propeller(), "sub-broken")

    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.node("n0").phase is NodePhase.FAILED
    error = wf.status.error
    assert error is not None and error.code == "ValueError"
    assert error.kind == execution_pb2.ExecutionError.USER
    events = [e for e in platform.events.node_events if e.id.execution_id.name == "sub-broken"]
    assert [e.phase for e in events if e.id.node_id == "n0-0-n1"][-1] == NODE.FAILED


def test_a_launch_plan_node_without_an_admin_client_fails_with_a_readable_system_error(
    platform: Platform,
) -> None:
    closure = subworkflow_closure(["add"])
    node = closure.primary.template.nodes[1]
    node.workflow_node.CopyFrom(
        workflow_pb2.WorkflowNode(
            launchplan_ref=identifier_pb2.Identifier(
                resource_type=identifier_pb2.LAUNCH_PLAN,
                project=PROJECT,
                domain=DOMAIN,
                name="lp",
                version="v1",
            )
        )
    )
    platform.launch_closure("lp-node", closure, x=1)
    wf = platform.run_to_completion(platform.propeller(), "lp-node")

    assert wf.status.phase is WorkflowPhase.FAILED
    error = wf.status.error
    assert error is not None and error.code == "RuntimeExecutionError"
    assert "no admin client" in error.message
    assert error.kind == execution_pb2.ExecutionError.SYSTEM
