"""Independent nodes: max parallelism and the failure policies."""

from __future__ import annotations

from flyteidl.core import compiler_pb2, identifier_pb2, literals_pb2, tasks_pb2, workflow_pb2
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase
from tests.propeller.conftest import DOMAIN, PROJECT, Platform, script_task
from tests.propeller.test_local_propeller import wait_for_phase
from tests.stdlib.flyteworkflow.closures import int_interface, promise


def fan_closure(tasks: list[tasks_pb2.TaskTemplate], policy: int = 0) -> compiler_pb2.CompiledWorkflowClosure:
    """``wf(x)`` running every task on ``x`` side by side; output ``o<i>`` per task."""
    nodes = [
        workflow_pb2.Node(
            id=f"n{i}",
            metadata=workflow_pb2.NodeMetadata(name=task.id.name),
            inputs=[literals_pb2.Binding(var="x", binding=promise("start-node", "x"))],
            task_node=workflow_pb2.TaskNode(reference_id=task.id),
        )
        for i, task in enumerate(tasks)
    ]
    outputs = [literals_pb2.Binding(var=f"o{i}", binding=promise(f"n{i}", "o0")) for i in range(len(tasks))]
    template = workflow_pb2.WorkflowTemplate(
        id=identifier_pb2.Identifier(
            resource_type=identifier_pb2.WORKFLOW,
            project=PROJECT,
            domain=DOMAIN,
            name="tests.fan.wf",
            version="v1",
        ),
        interface=int_interface(["x"], [f"o{i}" for i in range(len(tasks))]),
        nodes=nodes,
        outputs=outputs,
        metadata=workflow_pb2.WorkflowMetadata(on_failure=policy),  # type: ignore[arg-type]
    )
    return compiler_pb2.CompiledWorkflowClosure(
        primary=compiler_pb2.CompiledWorkflow(template=template),
        tasks=[compiler_pb2.CompiledTask(template=task) for task in tasks],
    )


def test_max_parallelism_holds_back_ready_nodes(platform: Platform) -> None:
    release = platform.root / "release"
    tasks = [script_task(f"tests.fan.t{i}", "wait") for i in range(2)]
    platform.launch_closure(
        "narrow", fan_closure(tasks), max_parallelism=1, envs={"RELEASE_FILE": str(release)}
    )
    propeller = platform.propeller()
    wait_for_phase(platform, propeller, "narrow", "n0", NodePhase.RUNNING)
    for _ in range(3):
        propeller.run_once()
    assert platform.workflow("narrow").status.node("n1").phase is NodePhase.NOT_YET_STARTED
    release.touch()
    wf = platform.run_to_completion(propeller, "narrow")
    assert wf.status.phase is WorkflowPhase.SUCCESS


def test_fail_after_executable_nodes_complete_lets_siblings_finish(platform: Platform) -> None:
    tasks = [script_task("tests.fan.bad", "user-error"), script_task("tests.fan.good", "add")]
    platform.launch_closure(
        "patient",
        fan_closure(tasks, policy=workflow_pb2.WorkflowMetadata.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE),
    )
    wf = platform.run_to_completion(platform.propeller(), "patient")
    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.node("n0").phase is NodePhase.FAILED
    assert wf.status.node("n1").phase is NodePhase.SUCCEEDED
    assert wf.status.node("end-node").phase is NodePhase.SKIPPED
