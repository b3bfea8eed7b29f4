"""Protobuf builders for admin tests, shaped like what flytekit 1.16 registers and propeller reports."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from flyteidl.admin import (
    event_pb2,
    execution_pb2,
    launch_plan_pb2,
    task_pb2,
    workflow_pb2,
)
from flyteidl.core import (
    execution_pb2 as core_execution_pb2,
)
from flyteidl.core import (
    identifier_pb2,
    interface_pb2,
    literals_pb2,
    tasks_pb2,
    types_pb2,
)
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from flyteidl.event import event_pb2 as engine_events

PROJECT = "flytesnacks"
DOMAIN = "development"

INT = types_pb2.LiteralType(simple=types_pb2.INTEGER)
FLOAT = types_pb2.LiteralType(simple=types_pb2.FLOAT)
STR = types_pb2.LiteralType(simple=types_pb2.STRING)


def ident(
    resource_type: identifier_pb2.ResourceType, name: str, version: str = "v1", project: str = PROJECT
) -> identifier_pb2.Identifier:
    return identifier_pb2.Identifier(
        resource_type=resource_type, project=project, domain=DOMAIN, name=name, version=version
    )


def variables(**types: types_pb2.LiteralType) -> interface_pb2.VariableMap:
    return interface_pb2.VariableMap(
        variables={name: interface_pb2.Variable(type=kind, description=name) for name, kind in types.items()}
    )


def interface(
    inputs: dict[str, types_pb2.LiteralType], outputs: dict[str, types_pb2.LiteralType]
) -> interface_pb2.TypedInterface:
    return interface_pb2.TypedInterface(inputs=variables(**inputs), outputs=variables(**outputs))


def task_spec(
    name: str,
    inputs: dict[str, types_pb2.LiteralType] | None = None,
    outputs: dict[str, types_pb2.LiteralType] | None = None,
    *,
    version: str = "v1",
    image: str = "img:t",
) -> tuple[identifier_pb2.Identifier, task_pb2.TaskSpec]:
    task_id = ident(identifier_pb2.TASK, name, version)
    template = tasks_pb2.TaskTemplate(
        id=task_id,
        type="python-task",
        metadata=tasks_pb2.TaskMetadata(
            runtime=tasks_pb2.RuntimeMetadata(
                type=tasks_pb2.RuntimeMetadata.FLYTE_SDK, version="1.16.31", flavor="python"
            ),
            retries=literals_pb2.RetryStrategy(),
        ),
        interface=interface(
            inputs if inputs is not None else {"a": INT, "b": INT},
            outputs if outputs is not None else {"o0": INT},
        ),
        container=tasks_pb2.Container(
            image=image,
            args=["pyflyte-execute", "--inputs", "{{.input}}", "--output-prefix", "{{.outputPrefix}}"],
        ),
    )
    return task_id, task_pb2.TaskSpec(template=template)


def promise(node_id: str, var: str) -> literals_pb2.BindingData:
    return literals_pb2.BindingData(promise=types_pb2.OutputReference(node_id=node_id, var=var))


def int_literal(value: int) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=value)))


def float_literal(value: float) -> literals_pb2.Literal:
    return literals_pb2.Literal(
        scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(float_value=value))
    )


def task_node(
    node_id: str, task_id: identifier_pb2.Identifier, **bindings: literals_pb2.BindingData
) -> core_workflow_pb2.Node:
    return core_workflow_pb2.Node(
        id=node_id,
        metadata=core_workflow_pb2.NodeMetadata(name=task_id.name, retries=literals_pb2.RetryStrategy()),
        inputs=[literals_pb2.Binding(var=var, binding=data) for var, data in bindings.items()],
        task_node=core_workflow_pb2.TaskNode(reference_id=task_id),
    )


def two_step_workflow(
    name: str, task_id: identifier_pb2.Identifier, *, version: str = "v1"
) -> tuple[identifier_pb2.Identifier, workflow_pb2.WorkflowSpec]:
    """wf(x: int, y: int) -> int: n0 = add(x, y); n1 = add(n0, x); return n1."""
    workflow_id = ident(identifier_pb2.WORKFLOW, name, version)
    template = core_workflow_pb2.WorkflowTemplate(
        id=workflow_id,
        metadata=core_workflow_pb2.WorkflowMetadata(),
        interface=interface({"x": INT, "y": INT}, {"o0": INT}),
        nodes=[
            task_node("n0", task_id, a=promise("", "x"), b=promise("", "y")),
            task_node("n1", task_id, a=promise("n0", "o0"), b=promise("", "x")),
        ],
        outputs=[literals_pb2.Binding(var="o0", binding=promise("n1", "o0"))],
    )
    return workflow_id, workflow_pb2.WorkflowSpec(template=template)


def launch_plan_spec(
    name: str, workflow_id: identifier_pb2.Identifier, *, version: str = "v1", default_y: int | None = 4
) -> tuple[identifier_pb2.Identifier, launch_plan_pb2.LaunchPlanSpec]:
    launch_plan_id = ident(identifier_pb2.LAUNCH_PLAN, name, version)
    defaults = interface_pb2.ParameterMap()
    if default_y is not None:
        defaults.parameters["y"].CopyFrom(
            interface_pb2.Parameter(
                var=interface_pb2.Variable(type=INT, description="y"), default=int_literal(default_y)
            )
        )
    return launch_plan_id, launch_plan_pb2.LaunchPlanSpec(workflow_id=workflow_id, default_inputs=defaults)


def execution_request(
    launch_plan_id: identifier_pb2.Identifier, name: str = "", **inputs: literals_pb2.Literal
) -> execution_pb2.ExecutionCreateRequest:
    return execution_pb2.ExecutionCreateRequest(
        project=PROJECT,
        domain=DOMAIN,
        name=name,
        spec=execution_pb2.ExecutionSpec(launch_plan=launch_plan_id),
        inputs=literals_pb2.LiteralMap(literals=inputs),
    )


def now() -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(datetime.now(UTC))
    return stamp


def workflow_event(
    execution_id: identifier_pb2.WorkflowExecutionIdentifier,
    phase: core_execution_pb2.WorkflowExecution.Phase,
    **extra: object,
) -> event_pb2.WorkflowExecutionEventRequest:
    return event_pb2.WorkflowExecutionEventRequest(
        request_id="r",
        event=engine_events.WorkflowExecutionEvent(
            execution_id=execution_id,
            producer_id="propeller",
            phase=phase,
            occurred_at=now(),
            **extra,  # type: ignore[arg-type]
        ),
    )


def node_event(
    execution_id: identifier_pb2.WorkflowExecutionIdentifier,
    node_id: str,
    phase: core_execution_pb2.NodeExecution.Phase,
    **extra: object,
) -> event_pb2.NodeExecutionEventRequest:
    return event_pb2.NodeExecutionEventRequest(
        request_id="r",
        event=engine_events.NodeExecutionEvent(
            id=identifier_pb2.NodeExecutionIdentifier(node_id=node_id, execution_id=execution_id),
            producer_id="propeller",
            phase=phase,
            occurred_at=now(),
            **extra,  # type: ignore[arg-type]
        ),
    )


def task_event(
    execution_id: identifier_pb2.WorkflowExecutionIdentifier,
    node_id: str,
    task_id: identifier_pb2.Identifier,
    phase: core_execution_pb2.TaskExecution.Phase,
    *,
    retry_attempt: int = 0,
    phase_version: int = 0,
    **extra: object,
) -> event_pb2.TaskExecutionEventRequest:
    return event_pb2.TaskExecutionEventRequest(
        request_id="r",
        event=engine_events.TaskExecutionEvent(
            task_id=task_id,
            parent_node_execution_id=identifier_pb2.NodeExecutionIdentifier(
                node_id=node_id, execution_id=execution_id
            ),
            retry_attempt=retry_attempt,
            phase=phase,
            phase_version=phase_version,
            producer_id="propeller",
            occurred_at=now(),
            **extra,  # type: ignore[arg-type]
        ),
    )


WF_PHASE = core_execution_pb2.WorkflowExecution
NODE_PHASE = core_execution_pb2.NodeExecution
TASK_PHASE = core_execution_pb2.TaskExecution
