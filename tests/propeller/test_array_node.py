"""Array nodes (map tasks) on the local propeller: one subnode per element, each reading the array's
inputs and its index from the array index variables; outputs gathered in order, failed elements
``none`` while the success threshold holds, parallelism honoured, state restart-safe."""

from __future__ import annotations

from typing import Any

from flyteidl.core import (
    compiler_pb2,
    execution_pb2,
    identifier_pb2,
    interface_pb2,
    literals_pb2,
    tasks_pb2,
    types_pb2,
    workflow_pb2,
)
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase, build_flyteworkflow
from flytestdlib.storage import read_proto
from tests.propeller.conftest import DOMAIN, NAMESPACE, PROJECT, Platform, script_task
from tests.stdlib.flyteworkflow.closures import INTEGER, int_literal, promise

LIST = types_pb2.LiteralType(collection_type=INTEGER)
TASK = execution_pb2.TaskExecution


def array_closure(
    task: tasks_pb2.TaskTemplate | None = None, **array: Any
) -> compiler_pb2.CompiledWorkflowClosure:
    """``wf(xs: List[int]) -> List[int]``: ``n0`` maps ``task`` (default ``map-add``) over ``xs``."""
    task = task or script_task("tests.array.map_add", "map-add")
    list_interface = interface_pb2.TypedInterface(
        inputs=interface_pb2.VariableMap(variables={"x": interface_pb2.Variable(type=LIST)}),
        outputs=interface_pb2.VariableMap(variables={"o0": interface_pb2.Variable(type=LIST)}),
    )
    task.interface.CopyFrom(list_interface)
    bindings = [literals_pb2.Binding(var="x", binding=promise("start-node", "xs"))]
    inner = workflow_pb2.Node(
        id=task.id.name,
        inputs=bindings,
        task_node=workflow_pb2.TaskNode(reference_id=task.id),
    )
    node = workflow_pb2.Node(id="n0", inputs=bindings, array_node=workflow_pb2.ArrayNode(node=inner, **array))
    outputs = [literals_pb2.Binding(var="o0", binding=promise("n0", "o0"))]
    template = workflow_pb2.WorkflowTemplate(
        id=identifier_pb2.Identifier(
            resource_type=identifier_pb2.WORKFLOW,
            project=PROJECT,
            domain=DOMAIN,
            name="tests.array.wf",
            version="v1",
        ),
        interface=interface_pb2.TypedInterface(
            inputs=interface_pb2.VariableMap(variables={"xs": interface_pb2.Variable(type=LIST)}),
            outputs=interface_pb2.VariableMap(variables={"o0": interface_pb2.Variable(type=LIST)}),
        ),
        nodes=[workflow_pb2.Node(id="start-node"), node, workflow_pb2.Node(id="end-node", inputs=outputs)],
        outputs=outputs,
    )
    return compiler_pb2.CompiledWorkflowClosure(
        primary=compiler_pb2.CompiledWorkflow(template=template),
        tasks=[compiler_pb2.CompiledTask(template=task)],
    )


def launch_list(
    platform: Platform,
    name: str,
    closure: compiler_pb2.CompiledWorkflowClosure,
    xs: list[int],
    **options: Any,
) -> None:
    document = build_flyteworkflow(
        closure,
        execution_id=identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name=name),
        inputs=literals_pb2.LiteralMap(
            literals={
                "xs": literals_pb2.Literal(
                    collection=literals_pb2.LiteralCollection(literals=[int_literal(x) for x in xs])
                )
            }
        ),
        launch_plan_id=identifier_pb2.Identifier(resource_type=identifier_pb2.LAUNCH_PLAN, name="lp"),
        namespace=NAMESPACE,
        raw_output_prefix=platform.blobs.join("raw"),
        **options,
    )
    platform.store.create(document)


def outputs(platform: Platform, uri: str) -> list[int | None]:
    gathered = read_proto(platform.blobs, uri, literals_pb2.LiteralMap).literals["o0"].collection.literals
    return [None if item.scalar.HasField("none_type") else item.scalar.primitive.integer for item in gathered]


def test_every_element_runs_and_the_outputs_are_gathered_in_order(platform: Platform) -> None:
    launch_list(platform, "mapped", array_closure(), [5, 1, 3])
    wf = platform.run_to_completion(platform.propeller(), "mapped")

    assert wf.status.phase is WorkflowPhase.SUCCESS, wf.status.message
    assert outputs(platform, wf.status.output_ref) == [6, 2, 4]
    element = platform.blobs.join(platform.wf_dir("mapped"), "n0", "data", "0", "1", "0", "outputs.pb")
    assert (
        read_proto(platform.blobs, element, literals_pb2.LiteralMap).literals["o0"].scalar.primitive.integer
        == 2
    )

    node_events = [e for e in platform.events.node_events if e.id.execution_id.name == "mapped"]
    assert {e.id.node_id for e in node_events} == {"start-node", "n0", "end-node"}
    assert all(e.is_array for e in node_events if e.id.node_id == "n0")
    task_events = [
        e for e in platform.events.task_events if e.parent_node_execution_id.execution_id.name == "mapped"
    ]
    assert {e.parent_node_execution_id.node_id for e in task_events} == {"n0"}
    versions = [e.phase_version for e in task_events]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    assert task_events[-1].phase == TASK.SUCCEEDED
    indices = {r.index for e in task_events for r in e.metadata.external_resources}
    assert indices == {0, 1, 2}


def test_a_failed_element_becomes_none_when_the_ratio_allows_it(platform: Platform) -> None:
    launch_list(platform, "tolerant", array_closure(min_success_ratio=0.5), [1, -2, 3, 4])
    wf = platform.run_to_completion(platform.propeller(), "tolerant")

    assert wf.status.phase is WorkflowPhase.SUCCESS, wf.status.message
    assert outputs(platform, wf.status.output_ref) == [2, None, 4, 5]


def test_too_many_failed_elements_fail_the_node_with_their_error(platform: Platform) -> None:
    launch_list(platform, "strict", array_closure(min_successes=3), [1, -2, -3, 4])
    wf = platform.run_to_completion(platform.propeller(), "strict")

    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.node("n0").phase is NodePhase.FAILED
    error = wf.status.error
    assert (
        error is not None and error.code == "ValueError" and error.kind == execution_pb2.ExecutionError.USER
    )
    assert "negative element -2" in error.message


def test_parallelism_limits_the_running_elements_and_rounds_restart_safely(platform: Platform) -> None:
    launch_list(platform, "limited", array_closure(parallelism=2), [1, 2, 3, 4, 5])
    seen_running: list[int] = []
    while True:
        platform.propeller().run_once()  # a fresh propeller each round: nothing kept in memory
        wf = platform.workflow("limited")
        sub = wf.status.node("n0").raw.get("subNodeStatus", {})
        active = [
            k for k, v in sub.items() if v.get("phase") in (int(NodePhase.QUEUED), int(NodePhase.RUNNING))
        ]
        seen_running.append(len(active))
        if wf.is_terminal:
            break
    assert wf.status.phase is WorkflowPhase.SUCCESS, wf.status.message
    assert max(seen_running) <= 2
    assert outputs(platform, wf.status.output_ref) == [2, 3, 4, 5, 6]


def test_lists_of_different_lengths_fail_with_invalid_array_length(platform: Platform) -> None:
    closure = array_closure()
    node = closure.primary.template.nodes[1]
    extra = literals_pb2.Binding(
        var="y",
        binding=literals_pb2.BindingData(
            collection=literals_pb2.BindingDataCollection(
                bindings=[
                    literals_pb2.BindingData(
                        scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=1))
                    )
                ]
            )
        ),
    )
    node.inputs.append(extra)
    launch_list(platform, "uneven", closure, [1, 2])
    wf = platform.run_to_completion(platform.propeller(), "uneven")
    assert wf.status.phase is WorkflowPhase.FAILED
    error = wf.status.error
    assert error is not None and error.code == "InvalidArrayLength"
