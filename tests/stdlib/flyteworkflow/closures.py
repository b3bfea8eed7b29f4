"""Hand-made compiled workflow closures for the FlyteWorkflow tests (stdlib and propeller).

``chain_closure`` compiles, by hand, what admin's compiler would produce for a workflow that
passes one integer through a chain of python tasks: ``x -> n0 -> n1 -> ... -> o0``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from flyteidl.core import (
    compiler_pb2,
    identifier_pb2,
    interface_pb2,
    literals_pb2,
    tasks_pb2,
    types_pb2,
    workflow_pb2,
)

INTEGER = types_pb2.LiteralType(simple=types_pb2.INTEGER)


def int_interface(inputs: Sequence[str], outputs: Sequence[str]) -> interface_pb2.TypedInterface:
    return interface_pb2.TypedInterface(
        inputs=interface_pb2.VariableMap(variables={n: interface_pb2.Variable(type=INTEGER) for n in inputs}),
        outputs=interface_pb2.VariableMap(
            variables={n: interface_pb2.Variable(type=INTEGER) for n in outputs}
        ),
    )


def promise(node_id: str, var: str) -> literals_pb2.BindingData:
    return literals_pb2.BindingData(promise=types_pb2.OutputReference(node_id=node_id, var=var))


def int_literal(value: int) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=value)))


def task_template(
    project: str, domain: str, name: str, command: Sequence[str], *, retries: int = 0, version: str = "v1"
) -> tasks_pb2.TaskTemplate:
    return tasks_pb2.TaskTemplate(
        id=identifier_pb2.Identifier(
            resource_type=identifier_pb2.TASK, project=project, domain=domain, name=name, version=version
        ),
        type="python-task",
        metadata=tasks_pb2.TaskMetadata(
            runtime=tasks_pb2.RuntimeMetadata(type=tasks_pb2.RuntimeMetadata.FLYTE_SDK, version="1.16.0"),
            retries=literals_pb2.RetryStrategy(retries=retries),
        ),
        interface=int_interface(["x"], ["o0"]),
        container=tasks_pb2.Container(image="local", command=list(command[:1]), args=list(command[1:])),
    )


def chain_closure(
    tasks: Sequence[tasks_pb2.TaskTemplate], *, project: str = "flytesnacks", domain: str = "development"
) -> compiler_pb2.CompiledWorkflowClosure:
    """A workflow ``wf(x: int) -> int`` calling ``tasks`` in a chain, each ``(x) -> o0``."""
    node_ids = [f"n{index}" for index in range(len(tasks))]
    nodes = [
        workflow_pb2.Node(id="start-node"),
    ]
    for index, (node_id, task) in enumerate(zip(node_ids, tasks, strict=True)):
        source = promise("start-node", "x") if index == 0 else promise(node_ids[index - 1], "o0")
        nodes.append(
            workflow_pb2.Node(
                id=node_id,
                metadata=workflow_pb2.NodeMetadata(name=task.id.name, retries=task.metadata.retries),
                inputs=[literals_pb2.Binding(var="x", binding=source)],
                upstream_node_ids=[node_ids[index - 1]] if index else [],
                task_node=workflow_pb2.TaskNode(reference_id=task.id),
            )
        )
    outputs = [literals_pb2.Binding(var="o0", binding=promise(node_ids[-1], "o0"))]
    nodes.append(workflow_pb2.Node(id="end-node", inputs=outputs))
    chain = ["start-node", *node_ids, "end-node"]
    downstream = {a: compiler_pb2.ConnectionSet.IdList(ids=[b]) for a, b in itertools.pairwise(chain)}
    upstream = {b: compiler_pb2.ConnectionSet.IdList(ids=[a]) for a, b in itertools.pairwise(chain)}
    template = workflow_pb2.WorkflowTemplate(
        id=identifier_pb2.Identifier(
            resource_type=identifier_pb2.WORKFLOW,
            project=project,
            domain=domain,
            name="tests.chain.wf",
            version="v1",
        ),
        interface=int_interface(["x"], ["o0"]),
        nodes=nodes,
        outputs=outputs,
    )
    return compiler_pb2.CompiledWorkflowClosure(
        primary=compiler_pb2.CompiledWorkflow(
            template=template,
            connections=compiler_pb2.ConnectionSet(downstream=downstream, upstream=upstream),
        ),
        tasks=[compiler_pb2.CompiledTask(template=task) for task in tasks],
    )
