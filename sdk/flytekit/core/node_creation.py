"""``create_node``: call an entity and get its *node* back, for ordering and overrides.

``create_node(t, a=x)`` is ``t(a=x)`` that returns the ``Node`` instead of its promises while a
workflow is compiled; its outputs are ``node.o0`` (also ``node.outputs["o0"]``), and ``>>`` /
``runs_before`` order nodes that exchange no data. In a local run the call executes at once and the
result comes back as a named tuple of the outputs (so ``.o0`` still works), or the void promise of
an entity without outputs. Inputs are keyword arguments only.
"""

from __future__ import annotations

from typing import Any

from flytekit.core.context_manager import ExecutionState, FlyteContextManager
from flytekit.core.node import Node
from flytekit.core.promise import VoidPromise
from flytekit.errors import FlyteAssertion


def _is_callable_entity(entity: Any) -> bool:
    from flytekit.core.base_task import PythonTask
    from flytekit.core.launch_plan import LaunchPlan
    from flytekit.core.workflow import WorkflowBase

    return isinstance(entity, PythonTask | WorkflowBase | LaunchPlan) or getattr(
        entity, "is_reference_entity", False
    )


def create_node(entity: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``entity`` with keyword inputs and return its node (compiling) or its outputs (local run)."""
    if args:
        raise FlyteAssertion(
            "Only keyword args are supported to pass inputs to workflows and tasks."
            f"Aborting execution as detected {len(args)} positional args {args}"
        )
    if not _is_callable_entity(entity):
        raise AssertionError(
            f"Should be a callable Flyte entity (either local or fetched) but is {type(entity)}"
        )
    ctx = FlyteContextManager.current_context()
    if ctx.compilation_state is not None:
        outputs = entity(**kwargs)
        node = ctx.compilation_state.nodes[-1]
        return _expose_outputs(node, entity, outputs)
    es = ctx.execution_state
    if es is not None and es.mode in (
        ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION,
        ExecutionState.Mode.LOCAL_TASK_EXECUTION,
        ExecutionState.Mode.LOCAL_DYNAMIC_TASK_EXECUTION,
        ExecutionState.Mode.EAGER_LOCAL_EXECUTION,
    ):
        if es.branch_eval_mode == ExecutionState.BranchEvalMode.BRANCH_SKIPPED:
            raise RuntimeError(
                "Being more restrictive for now and disallowing manual node creation in branch logic"
            )
        results = entity(**kwargs)
        if isinstance(results, VoidPromise | tuple):
            return results
        names = entity.python_interface.output_names
        if not names:
            raise ValueError(
                f"Non-VoidPromise received {results} but interface for {entity.name} doesn't have outputs"
            )
        return entity.python_interface.output_tuple()(results)
    raise RuntimeError(f"Cannot use explicit run to call Flyte entities {entity.name}")


def _expose_outputs(node: Node, entity: Any, outputs: Any) -> Node:
    """Make each output promise an attribute of the node (``node.o0``) and an entry of ``node.outputs``."""
    node.outputs.clear()
    if isinstance(outputs, VoidPromise):
        return node
    names = list(entity.python_interface.outputs)
    values = list(outputs) if isinstance(outputs, tuple) else [outputs]
    if len(values) != len(names):
        raise FlyteAssertion(f"Output of length {len(names)} expected but {len(values)} found")
    for output_name, promise in zip(names, values, strict=True):
        if hasattr(node, output_name):
            raise FlyteAssertion(
                f"Node {node} already has attribute {output_name}, change the name of output."
            )
        setattr(node, output_name, promise)
        node.outputs[output_name] = promise
    return node
