"""The call protocol of tasks, workflows and launch plans (their ``__call__``).

``flyte_entity_call_handler`` looks at the current context:

* while a workflow body is *compiled*, the call becomes a ``Node`` (``create_and_link_node``) and
  returns promises of that node's outputs;
* during a *local workflow run*, the entity runs at once (``local_execute``) and returns promises
  that already hold literals;
* inside a running task, calling another task just runs its function;
* from plain Python, the entity runs locally and native values come back (one value, a named tuple
  for several outputs, or None).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

from flytekit._lazy import lazy_module
from flytekit.core.context_manager import (
    ExecutionState,
    FlyteContext,
    FlyteContextManager,
)
from flytekit.core.interface import Interface
from flytekit.core.node import Node
from flytekit.core.promise import (
    NodeOutput,
    Promise,
    VoidPromise,
    binding_data_from_python_std,
    create_task_output,
    literal_from_python,
)
from flytekit.core.type_engine import TypeEngine, TypeTransformerFailedError
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, workflow_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

logger = logging.getLogger(__name__)


class SupportsNodeCreation(Protocol):
    """What ``create_and_link_node`` needs from an entity."""

    @property
    def name(self) -> str: ...

    @property
    def python_interface(self) -> Interface: ...

    @property
    def interface(self) -> Any: ...  # a TypedInterface message, or its flytekit.models form (launch plans)

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata: ...


def bind_arguments(
    entity: SupportsNodeCreation, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> dict[str, Any]:
    """Map positional arguments onto the interface order and reject unknown or duplicate ones."""
    names = list(entity.python_interface.inputs)
    if len(args) > len(names):
        raise FlyteAssertion(
            f"'{entity.name}' takes {len(names)} inputs ({', '.join(names)}) but {len(args)} positional "
            "arguments were given."
        )
    bound = dict(kwargs)
    for name, value in zip(names, args, strict=False):
        if name in bound:
            raise FlyteAssertion(f"'{entity.name}' got two values for input '{name}'.")
        bound[name] = value
    unknown = [k for k in bound if k not in entity.python_interface.inputs]
    if unknown:
        raise FlyteAssertion(
            f"'{entity.name}' has no input(s) {', '.join(map(repr, unknown))}; its inputs are {', '.join(names) or 'none'}."
        )
    return bound


def input_variables(entity: Any) -> Any:
    """The declared input variables (messages) of ``entity``, whose ``interface`` is a TypedInterface
    message or, for launch plans as in flytekit, a ``flytekit.models.interface.TypedInterface``."""
    interface = entity.interface
    to_idl = getattr(interface, "to_flyte_idl", None)
    return (to_idl() if to_idl is not None else interface).inputs.variables


def translate_inputs_to_literals(
    ctx: FlyteContext, entity: SupportsNodeCreation, values: dict[str, Any]
) -> literals_pb2.LiteralMap:
    """LiteralMap of a local call's inputs, filling declared defaults for omitted ones."""
    interface = entity.python_interface
    variables = input_variables(entity)
    literals = {}
    for name, python_type in interface.inputs.items():
        if name in values:
            value = values[name]
        elif interface.has_default(name):
            value = interface.default_inputs_as_kwargs[name]
        else:
            # A plain Python call would fail the same way, so local runs raise the same TypeError
            # (map tasks raise KeyError, as flytekit's do: see ArrayNodeMapTask.missing_input_error).
            error: type[Exception] = getattr(entity, "missing_input_error", TypeError)
            raise error(f"{entity.name}() missing required input '{name}' (it has no default).")
        try:
            literals[name] = literal_from_python(ctx, value, python_type, variables[name].type)
        except TypeTransformerFailedError as exc:
            raise TypeTransformerFailedError(
                f"Failed to convert input '{name}' of '{entity.name}': {exc}"
            ) from exc
    return literals_pb2.LiteralMap(literals=literals)


def create_and_link_node(
    ctx: FlyteContext,
    entity: SupportsNodeCreation,
    _inputs_not_allowed: set[str] | None = None,
    **kwargs: Any,
) -> Any:
    """Add a node calling ``entity`` to the workflow being compiled; return promises of its outputs.

    Omitted inputs are bound to the entity's declared defaults; ``_inputs_not_allowed`` (a launch
    plan's fixed inputs) may not be given and stay unbound.
    """
    cs = ctx.compilation_state
    if cs is None:
        raise FlyteAssertion(f"'{entity.name}' can only become a node while a workflow is being compiled.")
    interface = entity.python_interface
    variables = input_variables(entity)
    bindings = []
    upstream: list[Node] = []
    not_allowed = sorted(set(kwargs) & (_inputs_not_allowed or set()))
    if not_allowed:
        raise FlyteAssertion(f"'{entity.name}' fixes input(s) {not_allowed}; they cannot be passed.")
    for name in sorted(interface.inputs):
        if name in kwargs:
            value = kwargs[name]
        elif name in (_inputs_not_allowed or set()):
            continue
        elif interface.has_default(name):
            value = interface.default_inputs_as_kwargs[name]
        else:
            raise FlyteAssertion(f"Input '{name}' of '{entity.name}' was not given and has no default.")
        try:
            data = binding_data_from_python_std(
                ctx, variables[name].type, value, interface.inputs[name], upstream
            )
        except (TypeTransformerFailedError, ValueError) as exc:
            raise _binding_error(exc, f"Cannot bind input '{name}' of '{entity.name}': {exc}") from exc
        bindings.append(literals_pb2.Binding(var=name, binding=data))
    node = Node(
        id=f"{cs.prefix}n{len(cs.nodes)}",
        metadata=entity.construct_node_metadata(),
        bindings=bindings,
        upstream_nodes=upstream,
        flyte_entity=entity,
    )
    cs.add_node(node)
    promises = [Promise(var, NodeOutput(node, var)) for var in interface.outputs]
    for p in promises:
        node.outputs[p.var] = p
    if not promises:
        return VoidPromise(entity.name, NodeOutput(node, ""))
    return create_task_output(promises, interface, entity.name)


class LocallyExecutable(SupportsNodeCreation, Protocol):
    def local_execute(self, ctx: FlyteContext, **kwargs: Any) -> Any: ...


def native_outputs(ctx: FlyteContext, entity: SupportsNodeCreation, result: Any) -> Any:
    """Turn the promises of a local run back into Python values."""
    if result is None or isinstance(result, VoidPromise):
        return None
    outputs = entity.python_interface.outputs
    if isinstance(result, Promise):
        return TypeEngine.to_python_value(ctx, result.val, outputs[result.var])
    values = [TypeEngine.to_python_value(ctx, p.val, outputs[p.var]) for p in result]
    return entity.python_interface.output_tuple()(*values)


def _binding_error(exc: Exception, message: str) -> Exception:
    """``exc``'s own type with ``message``, as flytekit re-raises binding failures (a wrong type stays a
    TypeTransformerFailedError); FlyteAssertion when that type cannot be built from a message."""
    try:
        return type(exc)(message)
    except Exception:
        return FlyteAssertion(message)


def _with_new_tracker(ctx: FlyteContext) -> FlyteContext.Builder:
    """Each local call of an entity records its own output metadata (``Artifact.create_from``)."""
    from flytekit.core.output_metadata import OutputMetadataTracker  # deferred: keeps `import flytekit` light

    return ctx.with_output_metadata_tracker(OutputMetadataTracker())


def flyte_entity_call_handler(entity: LocallyExecutable, *args: Any, **kwargs: Any) -> Any:
    """The ``__call__`` of tasks, workflows and launch plans; see the module docstring."""
    bound = bind_arguments(entity, args, kwargs)
    ctx = FlyteContextManager.current_context()
    if ctx.compilation_state is not None:
        fixed = getattr(entity, "fixed_input_names", None)
        return create_and_link_node(
            ctx, entity, _inputs_not_allowed=fixed() if callable(fixed) else None, **bound
        )
    mode = ctx.execution_state.mode if ctx.execution_state else None
    if mode in (
        ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION,
        ExecutionState.Mode.LOCAL_DYNAMIC_TASK_EXECUTION,
    ):
        assert ctx.execution_state is not None
        if ctx.execution_state.branch_eval_mode == ExecutionState.BranchEvalMode.BRANCH_SKIPPED:
            return VoidPromise(entity.name)  # inside a conditional arm that is not taken
        with FlyteContextManager.with_context(_with_new_tracker(ctx)) as call_ctx:
            return entity.local_execute(call_ctx, **bound)
    if mode == ExecutionState.Mode.EAGER_LOCAL_EXECUTION:
        # Inside a local @eager function: run now and hand back Python values, not promises.
        with FlyteContextManager.with_context(_with_new_tracker(ctx)) as call_ctx:
            return native_outputs(call_ctx, entity, entity.local_execute(call_ctx, **bound))
    if mode == ExecutionState.Mode.EAGER_EXECUTION:
        from flytekit.core.eager_controlling import run_remotely  # deferred: only inside a running eager task

        return run_remotely(entity, bound)
    if mode in (ExecutionState.Mode.TASK_EXECUTION, ExecutionState.Mode.LOCAL_TASK_EXECUTION):
        execute = getattr(entity, "execute", None)
        if callable(execute) and hasattr(entity, "task_function"):
            logger.warning("Task '%s' called from inside another task runs as a plain function.", entity.name)
            return execute(**bound)
    es = ctx.new_execution_state().with_params(mode=ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION)
    with FlyteContextManager.with_context(_with_new_tracker(ctx).with_execution_state(es)) as local_ctx:
        result = entity.local_execute(local_ctx, **bound)
        return native_outputs(local_ctx, entity, result)
