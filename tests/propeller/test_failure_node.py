"""A workflow with a failure node runs it after a failure, with ``err`` set to the FlyteError."""

from __future__ import annotations

from flyteidl.core import (
    compiler_pb2,
    execution_pb2,
    interface_pb2,
    literals_pb2,
    types_pb2,
    workflow_pb2,
)
from flytestdlib.flyteworkflow import NodePhase, WorkflowPhase
from flytestdlib.storage import read_proto
from tests.propeller.conftest import DOMAIN, PROJECT, Platform, script_task
from tests.stdlib.flyteworkflow.closures import INTEGER, chain_closure

WF = execution_pb2.WorkflowExecution


def failure_handling_closure() -> tuple[compiler_pb2.CompiledWorkflowClosure, str]:
    closure = chain_closure([script_task("tests.chain.t0", "user-error")], project=PROJECT, domain=DOMAIN)
    handler = script_task("tests.chain.cleanup", "add")
    err_type = types_pb2.LiteralType(
        union_type=types_pb2.UnionType(
            variants=[
                types_pb2.LiteralType(
                    simple=types_pb2.ERROR, structure=types_pb2.TypeStructure(tag="FlyteError")
                ),
                types_pb2.LiteralType(simple=types_pb2.NONE, structure=types_pb2.TypeStructure(tag="none")),
            ]
        )
    )
    handler.interface.CopyFrom(
        interface_pb2.TypedInterface(
            inputs=interface_pb2.VariableMap(
                variables={
                    "x": interface_pb2.Variable(type=INTEGER),
                    "err": interface_pb2.Variable(type=err_type),
                }
            )
        )
    )
    closure.tasks.add().template.CopyFrom(handler)
    none = literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))
    closure.primary.template.failure_node.CopyFrom(
        workflow_pb2.Node(
            id="fn0",
            metadata=workflow_pb2.NodeMetadata(name="cleanup"),
            inputs=[
                literals_pb2.Binding(
                    var="err",
                    binding=literals_pb2.BindingData(
                        scalar=literals_pb2.Scalar(
                            union=literals_pb2.Union(
                                value=none, type=types_pb2.LiteralType(simple=types_pb2.NONE)
                            )
                        )
                    ),
                ),
                # flytekit leaves the node id of workflow-input promises empty
                literals_pb2.Binding(
                    var="x", binding=literals_pb2.BindingData(promise=types_pb2.OutputReference(var="x"))
                ),
            ],
            task_node=workflow_pb2.TaskNode(reference_id=handler.id),
        )
    )
    return closure, "fn0"


def test_the_failure_node_runs_with_the_error_and_the_workflow_fails(platform: Platform) -> None:
    closure, failure_node = failure_handling_closure()
    platform.launch_closure("handled", closure, x=2)
    wf = platform.run_to_completion(platform.propeller(), "handled")

    assert wf.status.phase is WorkflowPhase.FAILED
    assert wf.status.error is not None and wf.status.error.code == "ValueError"
    assert wf.status.node(failure_node).phase is NodePhase.SUCCEEDED
    inputs = read_proto(
        platform.blobs,
        platform.blobs.join(platform.wf_dir("handled"), failure_node, "data", "inputs.pb"),
        literals_pb2.LiteralMap,
    )
    assert inputs.literals["x"].scalar.primitive.integer == 2
    error = inputs.literals["err"].scalar.union.value.scalar.error
    assert (error.failed_node_id, error.message) == ("n0", "x must be positive, got 0")
    assert inputs.literals["err"].scalar.union.type.structure.tag == "FlyteError"
    phases = [e.phase for e in platform.events.workflow_events]
    assert phases[0] == WF.RUNNING and phases[-1] == WF.FAILED and WF.FAILING in phases
    assert [e.phase for e in platform.events.node_events if e.id.node_id == failure_node][
        -1
    ] == execution_pb2.NodeExecution.SUCCEEDED
