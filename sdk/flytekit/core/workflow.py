"""``@workflow``: a Python function traced once into a DAG of nodes, runnable locally in-process.

The body runs at *compile* time with each input replaced by a ``Promise``; every task, workflow or
launch-plan call inside becomes a node (ids ``n0, n1, ...`` in call order) and what the body returns
becomes the output bindings. Python control flow on promises is impossible by design.

Calling the workflow from plain Python runs it locally: inputs become literals, the body runs again
in ``LOCAL_WORKFLOW_EXECUTION`` mode where each call executes immediately, and outputs come back as
Python values (one value, a named tuple for several, or None).
"""

from __future__ import annotations

import abc
import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, overload

from flytekit._lazy import lazy_module
from flytekit.core.calling import bind_arguments, flyte_entity_call_handler, translate_inputs_to_literals
from flytekit.core.context_manager import (
    CompilationState,
    ExecutionState,
    FlyteContext,
    FlyteContextManager,
    FlyteEntities,
)
from flytekit.core.docstring import Docstring
from flytekit.core.interface import (
    Interface,
    transform_function_to_interface,
    transform_interface_to_typed_interface,
)
from flytekit.core.node import Node
from flytekit.core.promise import (
    NodeOutput,
    Promise,
    VoidPromise,
    binding_data_from_python_std,
    create_task_output,
    literal_from_python,
)
from flytekit.core.tracker import extract_task_module
from flytekit.core.type_engine import TypeTransformerFailedError
from flytekit.errors import FlyteValidationException

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, workflow_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

if TYPE_CHECKING:
    from flytekit.core.options import Options
    from flytekit.models.documentation import Documentation

FuncOut = TypeVar("FuncOut")


def _documentation(
    docs: Docstring | Documentation | None, docstring: Docstring | None
) -> Docstring | Documentation | None:
    """What describes a workflow: the given ``Documentation`` completed by the docstring, else the docstring."""
    if docs is None or isinstance(docs, Docstring):
        return docs or docstring
    from flytekit.models.documentation import describe

    described: Docstring | Documentation | None = describe(docs, docstring)
    return described


class WorkflowFailurePolicy(enum.Enum):
    """What happens to the rest of the graph when a node fails."""

    # The values of flyteidl's WorkflowMetadata.OnFailurePolicy, written out so that defining this
    # enum does not load the protobuf module (tests/sdk pin them against the IDL).
    FAIL_IMMEDIATELY = 0
    FAIL_AFTER_EXECUTABLE_NODES_COMPLETE = 1


@dataclass(frozen=True)
class WorkflowMetadata:
    on_failure: WorkflowFailurePolicy = WorkflowFailurePolicy.FAIL_IMMEDIATELY

    def to_flyte_model(self) -> workflow_pb2.WorkflowMetadata:
        # Member names equal the IDL's OnFailurePolicy labels; protobuf accepts the label.
        return workflow_pb2.WorkflowMetadata(on_failure=self.on_failure.name)


@dataclass(frozen=True)
class WorkflowMetadataDefaults:
    interruptible: bool = False

    def to_flyte_model(self) -> workflow_pb2.WorkflowMetadataDefaults:
        return workflow_pb2.WorkflowMetadataDefaults(interruptible=self.interruptible)


class WorkflowBase(abc.ABC):
    """Name, interface and metadata of a workflow, plus compiling and local execution."""

    def __init__(
        self,
        name: str,
        workflow_metadata: WorkflowMetadata,
        workflow_metadata_defaults: WorkflowMetadataDefaults,
        python_interface: Interface,
        docs: Docstring | Documentation | None = None,
        default_options: Options | None = None,
        on_failure: Any = None,
    ) -> None:
        self._name = name
        self._on_failure = on_failure
        self._failure_node: Node | None = None
        self._workflow_metadata = workflow_metadata
        self._workflow_metadata_defaults = workflow_metadata_defaults
        self._python_interface = python_interface
        self._interface = transform_interface_to_typed_interface(python_interface)
        self._docs = _documentation(docs, python_interface.docstring)
        self._default_options = default_options
        self._nodes: list[Node] = []
        self._output_bindings: list[literals_pb2.Binding] = []
        self._compiled = False
        FlyteEntities.entities.append(self)

    @property
    def name(self) -> str:
        return self._name

    @property
    def short_name(self) -> str:
        return self._name.split(".")[-1]

    @property
    def workflow_metadata(self) -> WorkflowMetadata:
        return self._workflow_metadata

    @property
    def workflow_metadata_defaults(self) -> WorkflowMetadataDefaults:
        return self._workflow_metadata_defaults

    @property
    def python_interface(self) -> Interface:
        return self._python_interface

    @property
    def interface(self) -> interface_pb2.TypedInterface:
        return self._interface

    @property
    def docs(self) -> Docstring | Documentation | None:
        return self._docs

    @property
    def default_options(self) -> Options | None:
        """Options used when this workflow is launched remotely without others (labels, annotations, ...)."""
        return self._default_options

    @property
    def nodes(self) -> list[Node]:
        self.compile()
        return self._nodes

    @property
    def output_bindings(self) -> list[literals_pb2.Binding]:
        self.compile()
        return self._output_bindings

    @property
    def on_failure(self) -> Any:
        """The task or workflow that runs when this workflow fails (see ``flytekit.core.failure_node``)."""
        return self._on_failure

    @property
    def failure_node(self) -> Node | None:
        self.compile()
        return self._failure_node

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata:
        return workflow_pb2.NodeMetadata(
            name=self.short_name,
            retries=literals_pb2.RetryStrategy(),
            interruptible=self._workflow_metadata_defaults.interruptible,
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._on_failure is None:
            return flyte_entity_call_handler(self, *args, **kwargs)
        from flytekit.core.failure_node import run_failure_handler

        self.compile()
        try:
            return flyte_entity_call_handler(self, *args, **kwargs)
        except Exception as exc:
            inputs = {**self._python_interface.default_inputs_as_kwargs, **bind_arguments(self, args, kwargs)}
            run_failure_handler(self, inputs, exc)
            raise

    @abc.abstractmethod
    def execute(self, **kwargs: Any) -> Any:
        """Run the body with ``kwargs`` (promises while compiling or running locally)."""

    # ---- compiling
    def compile(self, **kwargs: Any) -> None:
        """Trace the body once into nodes and output bindings (idempotent).

        ``kwargs`` replace input promises by fixed Python values (how a dynamic task compiles its body
        over its real inputs). Node ids carry the prefix of the compilation in progress, if any (``d``
        inside a dynamic task), as flytekit's do.
        """
        if self._compiled:
            return
        ctx = FlyteContextManager.current_context()
        prefix = ctx.compilation_state.prefix if ctx.compilation_state is not None else ""
        builder = ctx.with_compilation_state(CompilationState(prefix=prefix))
        with FlyteContextManager.with_context(builder) as comp_ctx:
            inputs: dict[str, Any] = {
                name: Promise(name, NodeOutput(None, name)) for name in self._python_interface.inputs
            }
            inputs.update(kwargs)
            result = self._run_body(inputs)
            state = comp_ctx.compilation_state
            assert state is not None
            self._nodes = list(state.nodes)
            self._output_bindings = self._bind_outputs(comp_ctx, result)
            if self._on_failure is not None:
                from flytekit.core.failure_node import compile_failure_node

                self._failure_node = compile_failure_node(comp_ctx, self, self._on_failure, inputs)
        self._compiled = True

    def _output_values(self, result: Any) -> list[Any]:
        names = self._python_interface.output_names
        if not names:
            if result is not None and not isinstance(result, VoidPromise):
                raise FlyteValidationException(
                    f"Workflow '{self._name}' declares no outputs but returns {result!r}; add a return annotation."
                )
            return []
        if len(names) == 1:
            if isinstance(result, tuple):
                raise FlyteValidationException(
                    f"Workflow '{self._name}' declares one output but returns {len(result)} values."
                )
            return [result]
        if not isinstance(result, tuple) or len(result) != len(names):
            raise FlyteValidationException(
                f"Workflow '{self._name}' declares {len(names)} outputs ({', '.join(names)}) but returns {result!r}."
            )
        return list(result)

    def _bind_outputs(self, ctx: FlyteContext, result: Any) -> list[literals_pb2.Binding]:
        bindings = []
        variables = self._interface.outputs.variables
        outputs = self._python_interface.outputs
        for name, value in zip(self._python_interface.output_names, self._output_values(result), strict=True):
            if isinstance(value, VoidPromise):
                raise FlyteValidationException(
                    f"Workflow '{self._name}' returns the result of '{value.task_name}', which has no outputs."
                )
            try:
                data = binding_data_from_python_std(ctx, variables[name].type, value, outputs[name], [])
            except (TypeTransformerFailedError, ValueError) as exc:
                raise FlyteValidationException(f"Output '{name}' of workflow '{self._name}': {exc}") from exc
            bindings.append(literals_pb2.Binding(var=name, binding=data))
        return bindings

    def _run_body(self, inputs: dict[str, Any]) -> Any:
        """Run the body; drop contexts a conditional left open (one without ``else_``, which
        flytekit also ignores when compiling)."""
        depth = FlyteContextManager.size()
        try:
            return self.execute(**inputs)
        finally:
            while FlyteContextManager.size() > depth:
                FlyteContextManager.pop_context()

    # ---- local execution
    def local_execute(self, ctx: FlyteContext, **kwargs: Any) -> Any:
        """Run the body now with literal-holding promises; returns promises of the outputs."""
        self.compile()
        input_map = translate_inputs_to_literals(ctx, self, kwargs)
        inputs = {name: Promise(name, lit) for name, lit in input_map.literals.items()}
        base = ctx.execution_state or ctx.new_execution_state()
        builder = ctx.with_execution_state(
            base.with_params(mode=ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION)
        )
        builder.compilation_state = None
        from flytekit.core.local_graph_execution import graph_runner  # deferred: only local runs need it

        run_graph = graph_runner(self)  # None unless local parallelism is enabled
        with FlyteContextManager.with_context(builder) as wf_ctx:
            result = run_graph(wf_ctx, inputs) if run_graph is not None else self._run_body(inputs)
            variables = self._interface.outputs.variables
            outputs = self._python_interface.outputs
            promises = []
            for name, value in zip(
                self._python_interface.output_names, self._output_values(result), strict=True
            ):
                literal = literal_from_python(wf_ctx, value, outputs[name], variables[name].type)
                promises.append(Promise(name, literal))
        return create_task_output(promises, self._python_interface, self._name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self._name!r})"


class PythonFunctionWorkflow(WorkflowBase):
    """A workflow whose body is a Python function; created by ``@workflow``."""

    __name__: str

    def __init__(
        self,
        workflow_function: Callable[..., Any],
        metadata: WorkflowMetadata,
        default_metadata: WorkflowMetadataDefaults,
        docstring: Docstring | None = None,
        pickle_untyped: bool = False,
        docs: Documentation | None = None,
        default_options: Options | None = None,
        on_failure: Any = None,
    ) -> None:
        # Unlike tasks, workflows may be defined inside functions: containers never import them.
        name, _, _, _ = extract_task_module(workflow_function)
        self._workflow_function = workflow_function
        super().__init__(
            name=name,
            workflow_metadata=metadata,
            workflow_metadata_defaults=default_metadata,
            python_interface=transform_function_to_interface(
                workflow_function, docstring=docstring, pickle_untyped=pickle_untyped
            ),
            docs=docs,
            default_options=default_options,
            on_failure=on_failure,
        )

    @property
    def function(self) -> Callable[..., Any]:
        return self._workflow_function

    def execute(self, **kwargs: Any) -> Any:
        return self._workflow_function(**kwargs)


def __getattr__(name: str) -> Any:
    # flytekit's path for the imperative builder; defined in its own module, which imports this one.
    if name == "ImperativeWorkflow":
        from flytekit.core.imperative import ImperativeWorkflow

        return ImperativeWorkflow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@overload
def workflow(
    _workflow_function: Callable[..., FuncOut],
    failure_policy: WorkflowFailurePolicy | None = None,
    interruptible: bool = False,
    pickle_untyped: bool = False,
    docs: Documentation | None = None,
    default_options: Options | None = None,
    on_failure: Any = None,
) -> PythonFunctionWorkflow: ...


@overload
def workflow(
    _workflow_function: None = None,
    failure_policy: WorkflowFailurePolicy | None = None,
    interruptible: bool = False,
    pickle_untyped: bool = False,
    docs: Documentation | None = None,
    default_options: Options | None = None,
    on_failure: Any = None,
) -> Callable[[Callable[..., FuncOut]], PythonFunctionWorkflow]: ...


def workflow(
    _workflow_function: Callable[..., Any] | None = None,
    failure_policy: WorkflowFailurePolicy | None = None,
    interruptible: bool = False,
    pickle_untyped: bool = False,
    docs: Documentation | None = None,
    default_options: Options | None = None,
    on_failure: Any = None,
) -> PythonFunctionWorkflow | Callable[[Callable[..., Any]], PythonFunctionWorkflow]:
    """Declare a workflow; ``failure_policy`` and ``interruptible`` become its metadata, ``docs`` its
    description (completed by the docstring), ``default_options`` its default launch settings and
    ``on_failure`` its failure handler (a task or workflow, see ``flytekit.core.failure_node``)."""

    def wrapper(fn: Callable[..., Any]) -> PythonFunctionWorkflow:
        wf = PythonFunctionWorkflow(
            fn,
            metadata=WorkflowMetadata(on_failure=failure_policy or WorkflowFailurePolicy.FAIL_IMMEDIATELY),
            default_metadata=WorkflowMetadataDefaults(interruptible=interruptible),
            pickle_untyped=pickle_untyped,
            docs=docs,
            default_options=default_options,
            on_failure=on_failure,
        )
        functools.update_wrapper(wf, fn)
        return wf

    if _workflow_function is not None:
        return wrapper(_workflow_function)
    return wrapper
