"""``array_node``: an ArrayNode over a launch plan (``map_task(lp)`` builds one too).

``array_node(lp, concurrency=..., min_success_ratio=... | min_successes=...)`` returns an
``ArrayNode`` to call like the launch plan, but with every input a list (the launch plan's fixed
inputs disappear, defaults are not carried over) and every output a list (``List[Optional[T]]``
below a success ratio of 1). In a workflow it becomes one node whose ``arrayNode`` runs the launch
plan once per element; the inner node's bindings are those of the first call, as in flytekit.

Locally, calling it from plain Python runs the launch plan once per element and collects the
outputs (a failure leaves None while the threshold can still be met). Inside a local workflow run
its inputs are promises, not lists, and flytekit 1.16 refuses them with a ``ValueError``; so does
this implementation.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core import local_parallelism
from flytekit.core.calling import bind_arguments, flyte_entity_call_handler
from flytekit.core.context_manager import FlyteContext, FlyteContextManager
from flytekit.core.interface import (
    Interface,
    transform_interface_to_list_interface,
    transform_interface_to_typed_interface,
)
from flytekit.core.launch_plan import LaunchPlan
from flytekit.core.node import Node
from flytekit.core.promise import Promise, VoidPromise, binding_data_from_python_std, literal_from_python
from flytekit.core.type_engine import TypeTransformerFailedError
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, workflow_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

logger = logging.getLogger(__name__)

ARRAY_NODE_SUBNODE_NAME = "array_node_subnode"

# Entities mapped with an ArrayNode rather than a map task; those not defined here are matched by
# class name so that this module need not import them.
_REFERENCE_TARGETS = frozenset({"ReferenceTask"})
_REFERENCE_LAUNCH_PLANS = frozenset({"ReferenceLaunchPlan"})


def is_array_node_target(target: Any) -> bool:
    """True for what ``map_task`` maps with an ``ArrayNode``: launch plans and reference tasks."""
    return isinstance(target, LaunchPlan) or type(target).__name__ in _REFERENCE_TARGETS


class ArrayNode:
    """A launch plan (or reference task) mapped over list inputs; see the module docstring."""

    def __init__(
        self,
        target: Any,
        bindings: list[literals_pb2.Binding] | None = None,
        concurrency: int | None = None,
        min_successes: int | None = None,
        min_success_ratio: float | None = None,
        metadata: workflow_pb2.NodeMetadata | None = None,
        run_all_sub_nodes: bool = False,
    ) -> None:
        if not is_array_node_target(target):
            raise ValueError(f"Only LaunchPlans are supported for now, but got {type(target)}")
        self.target = target
        self.id: str = target.name
        self.metadata = metadata
        self._bindings = list(bindings or [])
        self._concurrency = concurrency
        self._run_all_sub_nodes = run_all_sub_nodes
        self._min_successes: int | None
        self._min_success_ratio: float | None
        if min_successes is not None:
            self._min_successes, self._min_success_ratio = min_successes, None
        else:
            self._min_successes = 0
            self._min_success_ratio = min_success_ratio if min_success_ratio is not None else 1.0
        n_outputs = len(target.python_interface.outputs)
        if n_outputs > 1:
            raise ValueError("Only tasks with a single output are supported in map tasks.")
        excluded: set[str] = set()
        if isinstance(target, LaunchPlan) and type(target).__name__ not in _REFERENCE_LAUNCH_PLANS:
            excluded = set(target.fixed_inputs.literals)
        optional_outputs = min_success_ratio is not None and min_success_ratio != 1 and n_outputs == 1
        self._python_interface = transform_interface_to_list_interface(
            target.python_interface, frozenset(), excluded, optional_outputs
        )
        self._interface = transform_interface_to_typed_interface(self._python_interface)
        is_launch_plan = isinstance(target, LaunchPlan)
        self._data_mode_name = "SINGLE_INPUT_FILE" if is_launch_plan else "INDIVIDUAL_INPUT_FILES"
        self._execution_mode_name = "FULL_STATE" if is_launch_plan else "MINIMAL_STATE"

    # ---- what a node and the compiler need
    @property
    def name(self) -> str:
        return str(self.target.name)

    @property
    def python_interface(self) -> Interface:
        return self._python_interface

    @property
    def interface(self) -> interface_pb2.TypedInterface:
        return self._interface

    @property
    def flyte_entity(self) -> Any:
        return self.target

    @property
    def bindings(self) -> list[literals_pb2.Binding]:
        """The inner node's input bindings (from the first call)."""
        return self._bindings

    @property
    def upstream_nodes(self) -> list[Node]:
        return []

    @property
    def concurrency(self) -> int | None:
        return self._concurrency

    @property
    def min_successes(self) -> int | None:
        return self._min_successes

    @property
    def min_success_ratio(self) -> float | None:
        return self._min_success_ratio

    @property
    def run_all_sub_nodes(self) -> bool:
        return self._run_all_sub_nodes

    @property
    def is_original_sub_node_interface(self) -> bool:
        return True

    @property
    def bound_inputs(self) -> set[str]:
        return set()

    @property
    def execution_mode(self) -> int:
        return int(workflow_pb2.ArrayNode.ExecutionMode.Value(self._execution_mode_name))

    @property
    def data_mode(self) -> int:
        return int(workflow_pb2.ArrayNode.DataMode.Value(self._data_mode_name))

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata:
        return self.metadata or workflow_pb2.NodeMetadata(
            name=self.name, retries=literals_pb2.RetryStrategy()
        )

    # ---- calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self._bindings:
            bound = bind_arguments(self, args, kwargs)
            self._bindings = self._inner_bindings(FlyteContextManager.current_context(), bound)
        return flyte_entity_call_handler(self, *args, **kwargs)

    def _inner_bindings(self, ctx: FlyteContext, values: dict[str, Any]) -> list[literals_pb2.Binding]:
        variables = self._interface.inputs.variables
        bindings = []
        for name in sorted(self._python_interface.inputs):
            python_type = self._python_interface.inputs[name]
            if name not in values:
                raise FlyteAssertion(
                    f"Input {name} of type {python_type} was not specified for function {self.name}"
                )
            try:
                data = binding_data_from_python_std(ctx, variables[name].type, values[name], python_type, [])
            except (TypeTransformerFailedError, ValueError) as exc:
                raise FlyteAssertion(f"Cannot bind input '{name}' of '{self.name}': {exc}") from exc
            bindings.append(literals_pb2.Binding(var=name, binding=data))
        return bindings

    def local_execute(self, ctx: FlyteContext, **kwargs: Any) -> Promise | VoidPromise:
        """Run the target once per element (see the module docstring)."""
        target_inputs = self.target.python_interface.inputs
        count = 0
        for binding in self._bindings:
            value = kwargs[binding.var]
            expected = target_inputs[binding.var]
            if isinstance(value, list) and len(value) > 0 and isinstance(value[0], expected):
                count = len(value)
                break
            raise ValueError(f"Expected a list of {expected} but got {type(value)} instead.")
        outputs_expected = bool(self._python_interface.outputs)
        required = count
        if self._min_successes:
            required = self._min_successes
        elif self._min_success_ratio:
            required = math.ceil(count * self._min_success_ratio)

        variables = transform_interface_to_typed_interface(self.target.python_interface).inputs.variables
        calls: list[Callable[[], Any]] = []
        build_error: Exception | None = None
        for index in range(count):
            try:
                promises = self._element_promises(ctx, kwargs, index, variables)
                calls.append(functools.partial(self.target, **promises))
            except Exception as exc:  # reached only when the element itself would be
                build_error = exc
                break
        literals: list[literals_pb2.Literal] = []
        failed = 0
        workers = local_parallelism.workers_for(self._concurrency) if len(calls) > 1 else 1
        with local_parallelism.ordered_outcomes(calls, workers) as outcomes:
            for outcome in outcomes:
                if outcome.error is None:
                    if outputs_expected:
                        literals.append(outcome.value.val)
                    continue
                if not outputs_expected:
                    continue  # flytekit ignores failures of elements without outputs
                literals.append(
                    literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))
                )
                failed += 1
                if count - failed < required:
                    logger.error("The number of successful tasks is lower than the minimum")
                    raise outcome.error
        if build_error is not None:
            raise build_error
        if outputs_expected:
            return Promise(
                "o0", literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=literals))
            )
        return VoidPromise(self.name)

    def _element_promises(
        self, ctx: FlyteContext, kwargs: dict[str, Any], index: int, variables: Any
    ) -> dict[str, Promise]:
        """Element ``index`` of every mapped input, as literal-holding promises for the target."""
        types = self.target.python_interface.inputs
        promises = {}
        for binding in self._bindings:
            name = binding.var
            literal = literal_from_python(ctx, kwargs[name][index], types[name], variables[name].type)
            promises[name] = Promise(name, literal)
        return promises

    def __repr__(self) -> str:
        return f"ArrayNode(target={self.name!r})"


def array_node(
    target: Any,
    concurrency: int | None = None,
    min_success_ratio: float | None = None,
    min_successes: int | None = None,
    run_all_sub_nodes: bool = False,
) -> ArrayNode:
    """An ``ArrayNode`` mapping ``target`` (a launch plan) over list inputs; see the module docstring.

    ``concurrency`` caps the elements running at once (None: the workflow's parallelism, 0:
    unbounded); ``min_successes`` (takes precedence) or ``min_success_ratio`` set how many must
    succeed; ``run_all_sub_nodes`` keeps running the rest after the threshold is missed.
    """
    if not is_array_node_target(target):
        raise ValueError("Only LaunchPlans and ReferenceTasks are supported for now.")
    return ArrayNode(
        target=target,
        concurrency=concurrency,
        min_successes=min_successes,
        min_success_ratio=min_success_ratio,
        run_all_sub_nodes=run_all_sub_nodes,
    )
