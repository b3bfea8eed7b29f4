"""Dynamic tasks on the local propeller: a task that writes ``futures.pb`` runs the generated workflow
as its children (statuses under the ``dynamic-node`` pseudo node, data under its attempt dir,
compiled once and cached in blobs), its outputs become the task's, and a failing child fails it."""

from __future__ import annotations

from pathlib import Path

from flyteidl.core import dynamic_job_pb2, execution_pb2, literals_pb2, workflow_pb2
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import Platform, script_task
from tests.stdlib.flyteworkflow.closures import chain_closure, int_literal, promise

NODE = execution_pb2.NodeExecution


def job_spec(second_mode: str) -> dynamic_job_pb2.DynamicJobSpec:
    """``dn0 = add(x=10)``, ``dn1 = <second_mode>(x=dn0.o0)``, output ``o0 = dn1.o0``."""
    first = script_task("tests.dyn.add", "add")
    second = script_task(f"tests.dyn.{second_mode}", second_mode)
    nodes = [
        workflow_pb2.Node(
            id="dn0",
            metadata=workflow_pb2.NodeMetadata(name="add"),
            inputs=[
                literals_pb2.Binding(var="x", binding=literals_pb2.BindingData(scalar=int_literal(10).scalar))
            ],
            task_node=workflow_pb2.TaskNode(reference_id=first.id),
        ),
        workflow_pb2.Node(
            id="dn1",
            metadata=workflow_pb2.NodeMetadata(name=second_mode),
            inputs=[literals_pb2.Binding(var="x", binding=promise("dn0", "o0"))],
            upstream_node_ids=["dn0"],
            task_node=workflow_pb2.TaskNode(reference_id=second.id),
        ),
    ]
    tasks = [first] if second_mode == "add" else [first, second]
    return dynamic_job_pb2.DynamicJobSpec(
        nodes=nodes,
        min_successes=2,
        tasks=tasks,
        outputs=[literals_pb2.Binding(var="o0", binding=promise("dn1", "o0"))],
    )


def launch_dynamic(platform: Platform, name: str, second_mode: str, **envs: str) -> None:
    futures = platform.root / f"{name}-futures.pb"
    futures.write_bytes(job_spec(second_mode).SerializeToString())
    parent = script_task("tests.dyn.parent", "dynamic")
    closure = chain_closure([parent, script_task("tests.dyn.after", "add")])
    platform.launch_closure(name, closure, x=1, envs={"FUTURES_FILE": str(futures), **envs})


def test_the_generated_workflow_runs_as_children_and_its_outputs_pass_on(platform: Platform) -> None:
    launch_dynamic(platform, "dyn", "add")
    while True:
        platform.propeller().run_once()  # a fresh propeller every round: only blobs and the document persist
        wf = platform.workflow("dyn")
        if wf.is_terminal:
            break

    assert wf.status.phase is WorkflowPhase.SUCCESS, wf.status.message
    end = read_proto(platform.blobs, wf.status.output_ref, literals_pb2.LiteralMap)
    assert end.literals["o0"].scalar.primitive.integer == 13  # (10 + 1 + 1) then + 1 downstream
    attempt_dir = Path(
        platform.blobs.local_path(platform.blobs.join(platform.wf_dir("dyn"), "n0", "data", "0")) or ""
    )
    assert (attempt_dir / "futures_compiled.pb").exists() and (attempt_dir / "dynamic_compiled.pb").exists()
    child = read_proto(
        platform.blobs,
        platform.blobs.join(platform.wf_dir("dyn"), "n0", "data", "0", "dn1", "0", "outputs.pb"),
        literals_pb2.LiteralMap,
    )
    assert child.literals["o0"].scalar.primitive.integer == 12

    events = [e for e in platform.events.node_events if e.id.execution_id.name == "dyn"]
    parent = [e for e in events if e.id.node_id == "n0"]
    assert [e.phase for e in parent] == [NODE.QUEUED, NODE.RUNNING, NODE.DYNAMIC_RUNNING, NODE.SUCCEEDED]
    dynamic = parent[2].task_node_metadata.dynamic_workflow
    assert dynamic.id.name == "dynamic_n0"
    assert {n.id for n in dynamic.compiled_workflow.primary.template.nodes} >= {"dn0", "dn1"}
    assert dynamic.dynamic_job_spec_uri.endswith("/n0/data/0/futures.pb")
    assert parent[-1].is_dynamic and parent[-1].is_parent
    children = [e for e in events if e.parent_node_metadata.node_id == "n0"]
    assert {e.id.node_id for e in children} >= {"n0-0-dn0", "n0-0-dn1"}
    assert all(e.is_in_dynamic_chain for e in children)


def test_statuses_of_the_children_live_under_the_dynamic_node(platform: Platform) -> None:
    launch_dynamic(platform, "dyn-status", "add")
    propeller = platform.propeller()
    seen: set[str] = set()
    while True:
        propeller.run_once()
        wf = platform.workflow("dyn-status")
        pseudo = wf.status.node("n0").raw.get("subNodeStatus", {}).get("dynamic-node", {})
        seen.update(pseudo.get("subNodeStatus", {}))
        if wf.is_terminal:
            break
    assert wf.status.phase is WorkflowPhase.SUCCESS
    assert {"dn0", "dn1"} <= seen


def test_a_failing_child_fails_the_dynamic_node_with_its_error(platform: Platform) -> None:
    launch_dynamic(platform, "dyn-broken", "user-error")
    wf = platform.run_to_completion(platform.propeller(), "dyn-broken")

    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.node("n0").phase is NodePhase.FAILED
    error = wf.status.error
    assert error is not None and error.code == "ValueError"
    assert error.kind == execution_pb2.ExecutionError.USER
    assert wf.status.find_node("n1") is None or wf.status.node("n1").phase is NodePhase.SKIPPED
