"""Running the body of a ``@dynamic`` task: in-process locally, compiled to a job spec in a container.

``dynamic_execute(task, **inputs)`` is what a dynamic task's ``execute`` does, given native inputs:

* **local run** (any local execution mode): the body runs in ``LOCAL_DYNAMIC_TASK_EXECUTION`` mode,
  where every call executes at once and returns promises holding literals (exactly as in a local
  workflow run); what the body returns becomes the task's output ``LiteralMap``.
* **in the container** (``TASK_EXECUTION``, ``pyflyte-execute``): the body is traced as a workflow
  whose inputs are the real values, node ids prefixed ``d``, and serialized with the settings the
  runtime rebuilt from ``_F_SS_C``. The result is a ``flyteidl.core.DynamicJobSpec`` — nodes, the
  templates of every task reached (in the order the compiler met them), output bindings, embedded
  sub-workflows, ``min_successes`` = number of nodes — which the runtime writes as ``futures.pb``.
  A body that created no nodes yields its outputs directly as a ``LiteralMap``.

``dispatch_execute`` passes either proto through unchanged (see ``flytekit.core.base_task``).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from flyteidl.core import dynamic_job_pb2, literals_pb2
from flytekit.core.context_manager import CompilationState, ExecutionState, FlyteContext, FlyteContextManager
from flytekit.core.promise import VoidPromise, literal_from_python
from flytekit.errors import FlyteAssertion, FlyteValidationException

if TYPE_CHECKING:
    from flytekit.core.node import Node
    from flytekit.core.python_function_task import PythonFunctionTask
    from flytekit.core.workflow import PythonFunctionWorkflow

DYNAMIC_NODE_PREFIX = "d"


def dynamic_execute(
    task: PythonFunctionTask, **kwargs: Any
) -> literals_pb2.LiteralMap | dynamic_job_pb2.DynamicJobSpec:
    """Run or compile the body of dynamic ``task`` with native ``kwargs``; see the module docstring."""
    ctx = FlyteContextManager.current_context()
    es = ctx.execution_state
    if es is not None and es.is_local_execution():
        return _run_locally(ctx, es, task, kwargs)
    if es is not None and es.mode == ExecutionState.Mode.TASK_EXECUTION:
        return compile_into_workflow(ctx, task, kwargs)
    raise FlyteAssertion(
        f"Dynamic task '{task.name}' can only run inside a task execution or a local run "
        f"(execution mode is {es.mode if es else None})."
    )


def _run_locally(
    ctx: FlyteContext, es: ExecutionState, task: PythonFunctionTask, kwargs: dict[str, Any]
) -> literals_pb2.LiteralMap:
    builder = ctx.with_execution_state(es.with_params(mode=ExecutionState.Mode.LOCAL_DYNAMIC_TASK_EXECUTION))
    builder.compilation_state = None
    with FlyteContextManager.with_context(builder) as dyn_ctx:
        result = task.task_function(**kwargs)
        return _outputs_to_literal_map(dyn_ctx, task, result)


def _outputs_to_literal_map(
    ctx: FlyteContext, task: PythonFunctionTask, result: Any
) -> literals_pb2.LiteralMap:
    """The body's return value (promises, constants, or lists/dicts of both) as the task's outputs."""
    interface = task.python_interface
    names = list(interface.outputs)
    if result is None or isinstance(result, VoidPromise):
        if names:
            raise FlyteValidationException(
                f"Dynamic task '{task.name}' declares outputs {names} but its body returned nothing."
            )
        return literals_pb2.LiteralMap()
    if not names:
        raise FlyteValidationException(
            f"Dynamic task '{task.name}' declares no outputs but its body returned {result!r}."
        )
    if len(names) == 1:
        one_field_tuple = interface.output_tuple_name is not None and isinstance(result, tuple)
        values = [result[0] if one_field_tuple else result]
    else:
        if not isinstance(result, tuple) or len(result) != len(names):
            raise FlyteValidationException(
                f"Dynamic task '{task.name}' declares {len(names)} outputs ({', '.join(names)}) but its body "
                f"returned {result!r}."
            )
        values = list(result)
    variables = task.interface.outputs.variables
    return literals_pb2.LiteralMap(
        literals={
            name: literal_from_python(ctx, value, interface.outputs[name], variables[name].type)
            for name, value in zip(names, values, strict=True)
        }
    )


def _body_as_workflow(task: PythonFunctionTask) -> PythonFunctionWorkflow:
    from flytekit.core.workflow import PythonFunctionWorkflow, WorkflowMetadata, WorkflowMetadataDefaults

    return PythonFunctionWorkflow(
        task.task_function,
        metadata=WorkflowMetadata(),
        default_metadata=WorkflowMetadataDefaults(interruptible=bool(task.metadata.interruptible)),
    )


def compile_into_workflow(
    ctx: FlyteContext, task: PythonFunctionTask, kwargs: dict[str, Any]
) -> literals_pb2.LiteralMap | dynamic_job_pb2.DynamicJobSpec:
    """Trace the body over ``kwargs`` and serialize it into a DynamicJobSpec (see the module docstring)."""
    from flyteidl.admin import task_pb2, workflow_pb2
    from flytekit.tools.translator import get_serializable  # the compiler sits above core

    settings = ctx.serialization_settings
    if settings is None:
        raise FlyteAssertion(
            f"Dynamic task '{task.name}' needs serialization settings to compile its body; pyflyte-execute "
            "builds them from the _F_SS_C variable (set when the task is serialized)."
        )
    state = (
        ctx.compilation_state.with_params(prefix=DYNAMIC_NODE_PREFIX)
        if ctx.compilation_state is not None
        else CompilationState(prefix=DYNAMIC_NODE_PREFIX)
    )
    builder = ctx.with_compilation_state(state)
    if ctx.execution_state is not None:
        builder.execution_state = ctx.execution_state.with_params(
            mode=ExecutionState.Mode.DYNAMIC_TASK_EXECUTION
        )
    with FlyteContextManager.with_context(builder):
        wf = _body_as_workflow(task)
        wf.compile(**kwargs)
        entity_mapping: OrderedDict[Any, Any] = OrderedDict()
        spec = get_serializable(entity_mapping, settings, wf)
    assert isinstance(spec, workflow_pb2.WorkflowSpec)
    template = spec.template
    if not template.nodes:
        return literals_pb2.LiteralMap(
            literals={b.var: binding_to_literal(task.name, b.binding) for b in template.outputs}
        )
    if _calls_reference_task(wf.nodes):
        # Its TaskTemplate would have to be fetched from admin to go into the job spec (flytekit
        # 1.16 refuses these too, with the same ValueError).
        raise ValueError(
            f"Reference tasks are currently unsupported within dynamic tasks (dynamic task '{task.name}'); "
            "call a reference launch plan instead."
        )
    task_templates = [m.template for m in entity_mapping.values() if isinstance(m, task_pb2.TaskSpec)]
    return dynamic_job_pb2.DynamicJobSpec(
        nodes=template.nodes,
        min_successes=len(template.nodes),
        outputs=template.outputs,
        tasks=task_templates,
        subworkflows=spec.sub_workflows,
    )


def _calls_reference_task(nodes: list[Node]) -> bool:
    """True when a node, a branch arm or a sub-workflow's node among ``nodes`` calls a reference task."""
    from flytekit.core.condition import BranchNode
    from flytekit.core.reference_entity import ReferenceTask
    from flytekit.core.workflow import WorkflowBase

    for node in nodes:
        target = node.flyte_entity
        if isinstance(target, ReferenceTask):
            return True
        if isinstance(target, BranchNode):
            arms = [arm for arm in target.then_nodes() if arm is not None]
            if _calls_reference_task(arms):
                return True
        if isinstance(target, WorkflowBase) and _calls_reference_task(target.nodes):
            return True
    return False


def binding_to_literal(task_name: str, data: literals_pb2.BindingData) -> literals_pb2.Literal:
    """The literal a constant binding stands for (a body without nodes can only bind constants)."""
    kind = data.WhichOneof("value")
    if kind == "scalar":
        return literals_pb2.Literal(scalar=data.scalar)
    if kind == "collection":
        return literals_pb2.Literal(
            collection=literals_pb2.LiteralCollection(
                literals=[binding_to_literal(task_name, b) for b in data.collection.bindings]
            )
        )
    if kind == "map":
        return literals_pb2.Literal(
            map=literals_pb2.LiteralMap(
                literals={k: binding_to_literal(task_name, b) for k, b in data.map.bindings.items()}
            )
        )
    raise FlyteAssertion(
        f"Dynamic task '{task_name}' created no nodes but an output is bound to {kind!r}; "
        "only constant outputs are possible without nodes."
    )
