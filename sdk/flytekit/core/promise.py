"""Promises and the call protocol of tasks, workflows and launch plans.

Calling an entity goes through ``flyte_entity_call_handler``, which looks at the current context:

* while a workflow body is *compiled*, the call becomes a ``Node`` (``create_and_link_node``) and
  returns ``Promise`` objects referring to that node's outputs (``NodeOutput``);
* during a *local workflow run*, the entity runs at once (``local_execute``) and returns promises
  that already hold literals;
* inside a running task, calling another task just runs its function;
* from plain Python, the entity runs locally and native values come back (one value, a named tuple
  for several outputs, or None).

A promise is a placeholder: it cannot be used as a Python value (``bool()``, arithmetic); values
reach Python only inside tasks. Lists and dicts that mix promises and constants become
``BindingDataCollection`` / ``BindingDataMap`` bindings.
"""

from __future__ import annotations

import logging
import typing
from typing import Any, Protocol

from flyteidl.core import interface_pb2, literals_pb2, types_pb2, workflow_pb2
from flytekit.core.constants import GLOBAL_INPUT_NODE_ID
from flytekit.core.context_manager import ExecutionState, FlyteContext, FlyteContextManager
from flytekit.core.interface import Interface
from flytekit.core.node import Node
from flytekit.core.type_engine import TypeEngine, TypeTransformerFailedError
from flytekit.errors import FlyteAssertion

logger = logging.getLogger(__name__)


class NodeOutput:
    """Reference to output ``var`` of ``node``; ``node`` None means the workflow's own inputs."""

    def __init__(self, node: Node | None, var: str) -> None:
        self.node = node
        self.var = var

    @property
    def node_id(self) -> str:
        return self.node.id if self.node is not None else GLOBAL_INPUT_NODE_ID

    def __repr__(self) -> str:
        return f"NodeOutput({self.node_id or 'inputs'}:{self.var})"


class Promise:
    """A value that will exist when the workflow runs: a ``NodeOutput`` (compiling) or a Literal (local run)."""

    def __init__(self, var: str, val: NodeOutput | literals_pb2.Literal) -> None:
        self._var = var
        self._val = val

    @property
    def var(self) -> str:
        return self._var

    @property
    def is_ready(self) -> bool:
        return isinstance(self._val, literals_pb2.Literal)

    @property
    def val(self) -> literals_pb2.Literal:
        if not isinstance(self._val, literals_pb2.Literal):
            raise FlyteAssertion(
                f"Promise for '{self._var}' holds no value while the workflow is being compiled."
            )
        return self._val

    @property
    def ref(self) -> NodeOutput:
        if not isinstance(self._val, NodeOutput):
            raise FlyteAssertion(f"Promise for '{self._var}' is a local value, not a node output.")
        return self._val

    def with_var(self, var: str) -> Promise:
        return Promise(var, self._val)

    def with_overrides(self, *args: Any, **kwargs: Any) -> Promise:
        """Override the producing node (see ``Node.with_overrides``); ignored in local runs."""
        if isinstance(self._val, NodeOutput) and self._val.node is not None:
            self._val.node.with_overrides(*args, **kwargs)
        return self

    def runs_before(self, other: Any) -> None:
        _chain(self, other)

    def __rshift__(self, other: Any) -> Any:
        _chain(self, other)
        return other

    def __bool__(self) -> bool:
        raise ValueError(
            f"Promise '{self._var}' has no value while the workflow body is traced, so it cannot be used in "
            "`if`, `and`, `or` or `not`. Move the logic into a task."
        )

    def __iter__(self) -> typing.Iterator[Any]:
        raise ValueError(
            f"Promise '{self._var}' cannot be iterated in a workflow body; pass it to a task (or use map_task)."
        )

    def __repr__(self) -> str:
        return (
            f"Promise(var={self._var!r}, {self._val!r})"
            if not self.is_ready
            else f"Promise({self._var!r}, ready)"
        )


class VoidPromise:
    """What calling an entity without outputs returns; usable only for ordering (``>>``) and overrides."""

    def __init__(self, task_name: str, ref: NodeOutput | None = None) -> None:
        self._task_name = task_name
        self._ref = ref

    @property
    def ref(self) -> NodeOutput | None:
        return self._ref

    @property
    def task_name(self) -> str:
        return self._task_name

    def with_overrides(self, *args: Any, **kwargs: Any) -> VoidPromise:
        if self._ref is not None and self._ref.node is not None:
            self._ref.node.with_overrides(*args, **kwargs)
        return self

    def runs_before(self, other: Any) -> None:
        _chain(self, other)

    def __rshift__(self, other: Any) -> Any:
        _chain(self, other)
        return other

    def __bool__(self) -> bool:
        raise ValueError(f"'{self._task_name}' has no outputs; its result cannot be used as a value.")

    def __repr__(self) -> str:
        return f"VoidPromise({self._task_name})"


def _node_of(x: Any) -> Node | None:
    if isinstance(x, Node):
        return x
    if isinstance(x, Promise) and isinstance(x._val, NodeOutput):
        return x._val.node
    if isinstance(x, VoidPromise) and x.ref is not None:
        return x.ref.node
    if isinstance(x, tuple) and x and all(isinstance(p, Promise) for p in x):
        return _node_of(x[0])
    return None


def _chain(upstream: Any, downstream: Any) -> None:
    """``upstream >> downstream``: make the downstream node wait for the upstream one (compile time only)."""
    a, b = _node_of(upstream), _node_of(downstream)
    if a is not None and b is not None:
        a.runs_before(b)


class _MultipleOutputs(tuple):  # type: ignore[type-arg]
    """Mixin for the named tuple of promises returned by an entity with several outputs."""

    def with_overrides(self, *args: Any, **kwargs: Any) -> Any:
        node = _node_of(self)
        if node is not None:
            node.with_overrides(*args, **kwargs)
        return self

    def runs_before(self, other: Any) -> None:
        _chain(self, other)

    def __rshift__(self, other: Any) -> Any:
        _chain(self, other)
        return other


def create_task_output(promises: list[Promise], interface: Interface, name: str) -> Any:
    """What a call returns: VoidPromise (no outputs), the Promise (one), or a named tuple of promises."""
    if not promises:
        return VoidPromise(name)
    if len(promises) == 1:
        return promises[0]
    base = interface.output_tuple()
    output_type = type(base.__name__, (_MultipleOutputs, base), {})
    return output_type(*promises)


class SupportsNodeCreation(Protocol):
    """What ``create_and_link_node`` needs from an entity."""

    @property
    def name(self) -> str: ...

    @property
    def python_interface(self) -> Interface: ...

    @property
    def interface(self) -> interface_pb2.TypedInterface: ...

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata: ...


def _element_type(python_type: Any, index: int, what: str) -> Any:
    args = typing.get_args(python_type)
    if len(args) <= index:
        raise FlyteAssertion(
            f"Cannot bind a {what} to {python_type}; the declared type must be a typed List/Dict."
        )
    return args[index]


def literal_to_binding_data(literal: literals_pb2.Literal) -> literals_pb2.BindingData:
    kind = literal.WhichOneof("value")
    if kind == "collection":
        return literals_pb2.BindingData(
            collection=literals_pb2.BindingDataCollection(
                bindings=[literal_to_binding_data(x) for x in literal.collection.literals]
            )
        )
    if kind == "map":
        return literals_pb2.BindingData(
            map=literals_pb2.BindingDataMap(
                bindings={k: literal_to_binding_data(v) for k, v in literal.map.literals.items()}
            )
        )
    return literals_pb2.BindingData(scalar=literal.scalar)


def binding_data_from_python_std(
    ctx: FlyteContext,
    expected: types_pb2.LiteralType,
    value: Any,
    python_type: Any,
    nodes: list[Node],
) -> literals_pb2.BindingData:
    """BindingData for ``value`` (promise, constant, or list/dict mixing both); appends upstream nodes."""
    if isinstance(value, Promise):
        if value.is_ready:
            return literal_to_binding_data(value.val)
        ref = value.ref
        if ref.node is not None and ref.node not in nodes:
            nodes.append(ref.node)
        return literals_pb2.BindingData(promise=types_pb2.OutputReference(node_id=ref.node_id, var=ref.var))
    if isinstance(value, VoidPromise):
        raise FlyteAssertion(
            f"The result of '{value.task_name}' has no outputs and cannot be used as an input."
        )
    if isinstance(value, _MultipleOutputs):
        raise FlyteAssertion(
            f"A call with several outputs ({', '.join(value._fields)}) was passed as one input; pick one of them."  # type: ignore[attr-defined]
        )
    kind = expected.WhichOneof("type")
    if isinstance(value, list) and kind == "collection_type":
        element_type = _element_type(python_type, 0, "list")
        return literals_pb2.BindingData(
            collection=literals_pb2.BindingDataCollection(
                bindings=[
                    binding_data_from_python_std(ctx, expected.collection_type, v, element_type, nodes)
                    for v in value
                ]
            )
        )
    if isinstance(value, dict) and kind == "map_value_type":
        value_type = _element_type(python_type, 1, "dict")
        bindings = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise FlyteAssertion(f"Map keys must be strings, got {k!r}")
            bindings[k] = binding_data_from_python_std(ctx, expected.map_value_type, v, value_type, nodes)
        return literals_pb2.BindingData(map=literals_pb2.BindingDataMap(bindings=bindings))
    return literal_to_binding_data(TypeEngine.to_literal(ctx, value, python_type, expected))


def literal_from_python(
    ctx: FlyteContext, value: Any, python_type: Any, expected: types_pb2.LiteralType
) -> literals_pb2.Literal:
    """The literal of a local-run value: a ready promise, a constant, or a list/dict mixing both."""
    if isinstance(value, Promise):
        return value.val
    if isinstance(value, VoidPromise):
        raise FlyteAssertion(
            f"The result of '{value.task_name}' has no outputs and cannot be used as an input."
        )
    kind = expected.WhichOneof("type")
    if isinstance(value, list) and kind == "collection_type" and any(_holds_promise(v) for v in value):
        element_type = _element_type(python_type, 0, "list")
        return literals_pb2.Literal(
            collection=literals_pb2.LiteralCollection(
                literals=[literal_from_python(ctx, v, element_type, expected.collection_type) for v in value]
            )
        )
    if (
        isinstance(value, dict)
        and kind == "map_value_type"
        and any(_holds_promise(v) for v in value.values())
    ):
        value_type = _element_type(python_type, 1, "dict")
        return literals_pb2.Literal(
            map=literals_pb2.LiteralMap(
                literals={
                    k: literal_from_python(ctx, v, value_type, expected.map_value_type)
                    for k, v in value.items()
                }
            )
        )
    return TypeEngine.to_literal(ctx, value, python_type, expected)


def _holds_promise(value: Any) -> bool:
    if isinstance(value, Promise | VoidPromise):
        return True
    if isinstance(value, list):
        return any(_holds_promise(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_promise(v) for v in value.values())
    return False


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


def translate_inputs_to_literals(
    ctx: FlyteContext, entity: SupportsNodeCreation, values: dict[str, Any]
) -> literals_pb2.LiteralMap:
    """LiteralMap of a local call's inputs, filling declared defaults for omitted ones."""
    interface = entity.python_interface
    variables = entity.interface.inputs.variables
    literals = {}
    for name, python_type in interface.inputs.items():
        if name in values:
            value = values[name]
        elif interface.has_default(name):
            value = interface.default_inputs_as_kwargs[name]
        else:
            raise FlyteAssertion(f"Input '{name}' of '{entity.name}' was not given and has no default.")
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
    _ignorable_inputs: set[str] | None = None,
    **kwargs: Any,
) -> Any:
    """Add a node calling ``entity`` to the workflow being compiled; return promises of its outputs.

    Omitted inputs take the entity's declared default; ``_ignorable_inputs`` may be omitted without
    a binding (a launch plan supplies them) and ``_inputs_not_allowed`` may not be given (fixed ones).
    """
    cs = ctx.compilation_state
    if cs is None:
        raise FlyteAssertion(f"'{entity.name}' can only become a node while a workflow is being compiled.")
    interface = entity.python_interface
    variables = entity.interface.inputs.variables
    bindings = []
    upstream: list[Node] = []
    not_allowed = sorted(set(kwargs) & (_inputs_not_allowed or set()))
    if not_allowed:
        raise FlyteAssertion(f"'{entity.name}' fixes input(s) {not_allowed}; they cannot be passed.")
    for name in sorted(interface.inputs):
        if name in kwargs:
            value = kwargs[name]
        elif name in (_inputs_not_allowed or set()) or name in (_ignorable_inputs or set()):
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
            raise FlyteAssertion(f"Cannot bind input '{name}' of '{entity.name}': {exc}") from exc
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


def flyte_entity_call_handler(entity: LocallyExecutable, *args: Any, **kwargs: Any) -> Any:
    """The ``__call__`` of tasks, workflows and launch plans; see the module docstring."""
    bound = bind_arguments(entity, args, kwargs)
    ctx = FlyteContextManager.current_context()
    if ctx.compilation_state is not None:
        policy = getattr(entity, "node_input_policy", None)
        not_allowed, ignorable = policy() if callable(policy) else (set(), set())
        return create_and_link_node(
            ctx, entity, _inputs_not_allowed=not_allowed, _ignorable_inputs=ignorable, **bound
        )
    mode = ctx.execution_state.mode if ctx.execution_state else None
    if mode == ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION:
        return entity.local_execute(ctx, **bound)
    if mode in (ExecutionState.Mode.TASK_EXECUTION, ExecutionState.Mode.LOCAL_TASK_EXECUTION):
        execute = getattr(entity, "execute", None)
        if callable(execute) and hasattr(entity, "task_function"):
            logger.warning("Task '%s' called from inside another task runs as a plain function.", entity.name)
            return execute(**bound)
    es = ctx.new_execution_state().with_params(mode=ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION)
    with FlyteContextManager.with_context(ctx.with_execution_state(es)) as local_ctx:
        result = entity.local_execute(local_ctx, **bound)
        return native_outputs(local_ctx, entity, result)
