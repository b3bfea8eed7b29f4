"""Imperative workflows (``flytekit.Workflow``): a workflow built by calls instead of a function body.

::

    wb = Workflow(name="my.workflow")
    a = wb.add_workflow_input("a", int)
    n0 = wb.add_entity(t1, a=a)                    # also add_task / add_launch_plan / add_subwf
    wb.add_workflow_output("out", n0.outputs["o0"])  # lists/dicts of promises need python_type=

Each ``add_entity`` traces one call into the workflow's own compilation state (ids ``n0, n1, ...``
in call order), so entities must be added in dependency order. The name is used as given. The
workflow is *ready* once it has a node and every declared input is consumed; running an unready
workflow is refused early, before admin would refuse it.

Locally the nodes run in the order they were added; each one's inputs are rebuilt from its
bindings (workflow inputs, earlier outputs, constants, and lists/maps of those).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core.condition import ConditionalSection
from flytekit.core.context_manager import CompilationState, FlyteContext, FlyteContextManager
from flytekit.core.failure_node import DEFAULT_FAILURE_NODE_ID, validate_failure_handler
from flytekit.core.interface import Interface, transform_interface_to_typed_interface
from flytekit.core.node import Node
from flytekit.core.node_creation import create_node
from flytekit.core.promise import NodeOutput, Promise, VoidPromise, binding_data_from_python_std
from flytekit.core.workflow import (
    WorkflowBase,
    WorkflowFailurePolicy,
    WorkflowMetadata,
    WorkflowMetadataDefaults,
)
from flytekit.errors import FlyteValidationException

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")


class ImperativeWorkflow(WorkflowBase):
    """A workflow assembled with ``add_*`` calls; see the module docstring."""

    def __init__(
        self,
        name: str,
        failure_policy: WorkflowFailurePolicy | None = None,
        interruptible: bool = False,
    ) -> None:
        # The module that built it: packaging collects entities by module, and this name is free-form.
        self._instantiated_in: str | None = sys._getframe(1).f_globals.get("__name__")
        self._compilation_state = CompilationState(prefix="")
        self._inputs: dict[str, Promise] = {}
        self._unbound_inputs: list[Promise] = []
        super().__init__(
            name=name,
            workflow_metadata=WorkflowMetadata(
                on_failure=failure_policy or WorkflowFailurePolicy.FAIL_IMMEDIATELY
            ),
            workflow_metadata_defaults=WorkflowMetadataDefaults(interruptible=interruptible),
            python_interface=Interface(),
        )

    @property
    def compilation_state(self) -> CompilationState:
        return self._compilation_state

    @property
    def inputs(self) -> dict[str, Promise]:
        """The promises of the declared workflow inputs, by name."""
        return self._inputs

    def compile(self, **kwargs: Any) -> None:
        # Nodes are traced one add_* call at a time; compiling only takes stock of them.
        self._nodes = list(self._compilation_state.nodes)
        self._compiled = True

    def ready(self) -> bool:
        """True once the workflow has a node and every declared input is used by one."""
        return bool(self._compilation_state.nodes) and not self._unbound_inputs

    def _traced(self) -> Any:
        ctx = FlyteContextManager.current_context()
        if ctx.compilation_state is not None:
            raise RuntimeError("Can't already be compiling")
        return FlyteContextManager.with_context(ctx.with_compilation_state(self._compilation_state))

    # ---- building
    def add_workflow_input(self, input_name: str, python_type: Any) -> Promise:
        """Declare input ``input_name`` of ``python_type``; returns its promise."""
        if input_name in self._inputs:
            raise FlyteValidationException(
                f"Input {input_name} has already been specified for wf {self.name}."
            )
        self._set_interface(inputs={**self._python_interface.inputs, input_name: python_type})
        promise = Promise(input_name, NodeOutput(None, input_name))
        self._inputs[input_name] = promise
        self._unbound_inputs.append(promise)
        return promise

    def add_entity(self, entity: Any, **kwargs: Any) -> Node:
        """Add a call of a task, workflow, launch plan or reference with ``kwargs`` as inputs; returns its node."""
        with self._traced():
            node = create_node(entity, **kwargs)
        for value in _flatten(kwargs):
            if isinstance(value, Promise):
                self._unbound_inputs = [p for p in self._unbound_inputs if p is not value]
        self._compiled = False
        return node  # type: ignore[no-any-return]

    def add_task(self, task: Any, **kwargs: Any) -> Node:
        return self.add_entity(task, **kwargs)

    def add_launch_plan(self, launch_plan: Any, **kwargs: Any) -> Node:
        return self.add_entity(launch_plan, **kwargs)

    def add_subwf(self, sub_wf: Any, **kwargs: Any) -> Node:
        return self.add_entity(sub_wf, **kwargs)

    def add_workflow_output(self, output_name: str, p: Any, python_type: Any = None) -> None:
        """Declare output ``output_name`` bound to promise ``p`` (or a list/dict of promises, which
        needs ``python_type``, e.g. ``List[int]``)."""
        if output_name in self._python_interface.outputs:
            raise FlyteValidationException(f"Output {output_name} already exists in workflow {self.name}")
        if python_type is None:
            if isinstance(p, list | dict):
                raise FlyteValidationException(
                    f"If specifying a list or dict of Promises, you must specify the python_type type for "
                    f"{output_name} starting with the container type (e.g. List[int]"
                )
            if not isinstance(p, Promise) or p.ref.node is None:
                raise FlyteValidationException(
                    f"Output {output_name} of workflow {self.name}: cannot infer its type from {p!r}; pass python_type."
                )
            python_type = p.ref.node.flyte_entity.python_interface.outputs[p.var]
        outputs = {**self._python_interface.outputs, output_name: python_type}
        self._set_interface(outputs=outputs)
        literal_type = self._interface.outputs.variables[output_name].type
        with self._traced() as ctx:
            data = binding_data_from_python_std(ctx, literal_type, p, python_type, [])
        self._output_bindings.append(literals_pb2.Binding(var=output_name, binding=data))

    def create_conditional(self, name: str) -> ConditionalSection:
        """Start a conditional whose node joins this workflow (finish it with ``else_()``)."""
        ctx = FlyteContextManager.current_context()
        if ctx.compilation_state is not None:
            raise RuntimeError("Can't already be compiling")
        return ConditionalSection(name, outer=ctx.with_compilation_state(self._compilation_state).build())

    def add_on_failure_handler(self, entity: Any) -> Node:
        """Make ``entity`` (task or workflow taking this workflow's inputs) the failure handler."""
        validate_failure_handler(self, entity)
        with self._traced() as ctx:
            node = create_node(entity, **self._inputs)
            ctx.compilation_state.nodes.pop(-1)
        node._id = DEFAULT_FAILURE_NODE_ID
        # Only the compiled workflow gets the handler: like flytekit, local runs do not call it.
        self._failure_node = node
        return node  # type: ignore[no-any-return]

    def _set_interface(
        self, inputs: dict[str, Any] | None = None, outputs: dict[str, Any] | None = None
    ) -> None:
        current = self._python_interface
        self._python_interface = Interface(
            inputs if inputs is not None else current.inputs,
            outputs if outputs is not None else current.outputs,
        )
        self._interface = transform_interface_to_typed_interface(self._python_interface)

    # ---- local runs
    def execute(self, **kwargs: Any) -> Any:
        """Run the nodes in the order they were added (called with literal promises by ``local_execute``)."""
        if not self.ready():
            raise FlyteValidationException(f"Workflow not ready, wf is currently {self}")
        ctx = FlyteContextManager.current_context()
        values: dict[str, dict[str, Promise]] = {"": dict(kwargs)}
        for node in self._compilation_state.nodes:
            entity_kwargs = {
                b.var: Promise(b.var, _literal_of(b.binding, values, ctx)) for b in node.bindings
            }
            results = node.flyte_entity(**entity_kwargs)
            names = list(node.flyte_entity.python_interface.outputs)
            produced: dict[str, Promise] = {}
            if names and not isinstance(results, VoidPromise) and results is not None:
                outputs = [results] if len(names) == 1 and isinstance(results, Promise) else list(results)
                produced = {n: p for n, p in zip(names, outputs, strict=True)}
            values[node.id] = produced
        if not self._python_interface.outputs:
            return VoidPromise(self.name)
        promises = [Promise(b.var, _literal_of(b.binding, values, ctx)) for b in self._output_bindings]
        return promises[0] if len(promises) == 1 else tuple(promises)

    def __repr__(self) -> str:
        return f"ImperativeWorkflow(name={self.name!r}, nodes={len(self._compilation_state.nodes)})"


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in _flatten(v)]
    return [value]


def _literal_of(
    binding: literals_pb2.BindingData, values: dict[str, dict[str, Promise]], ctx: FlyteContext
) -> literals_pb2.Literal:
    """The literal a binding stands for, given the outputs produced so far (node id -> var -> promise)."""
    kind = binding.WhichOneof("value")
    if kind == "promise":
        produced = values.get(binding.promise.node_id, {})
        if binding.promise.var not in produced:
            raise FlyteValidationException(
                f"Binding to {binding.promise.node_id or 'workflow input'}.{binding.promise.var} has no value; "
                "add entities in the order they depend on each other."
            )
        return produced[binding.promise.var].val
    if kind == "collection":
        return literals_pb2.Literal(
            collection=literals_pb2.LiteralCollection(
                literals=[_literal_of(b, values, ctx) for b in binding.collection.bindings]
            )
        )
    if kind == "map":
        return literals_pb2.Literal(
            map=literals_pb2.LiteralMap(
                literals={k: _literal_of(b, values, ctx) for k, b in binding.map.bindings.items()}
            )
        )
    return literals_pb2.Literal(scalar=binding.scalar)


Workflow = ImperativeWorkflow

__all__ = ["ImperativeWorkflow", "Workflow"]
