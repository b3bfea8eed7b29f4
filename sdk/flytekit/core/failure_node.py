"""A workflow's failure handler (``@workflow(on_failure=...)``, ``Workflow.add_on_failure_handler``).

The handler is a task or workflow that runs when the workflow fails. It must accept every input of
the workflow (same names and types) and may add optional ones, typically
``err: Optional[FlyteError]``, which the engine fills with the failed node and its message.

Compiled, it is the workflow's ``failure_node``: id ``fn0`` (traced with prefix ``f``; ``efn`` in
imperative workflows), its inputs
bound to the workflow's inputs and omitted optional ones to their defaults. In a local run, when the
workflow raises, the handler is called with the workflow's inputs (and ``err`` if it declares it)
and then the original exception propagates.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from flytekit.core.context_manager import CompilationState, FlyteContext, FlyteContextManager
from flytekit.core.node import Node
from flytekit.errors import FlyteFailureNodeInputMismatchException
from flytekit.types.error import FlyteError

FAILURE_NODE_PREFIX = "f"
#: The id of an imperative workflow's failure node (and reserved in every workflow), as flytekit has it.
DEFAULT_FAILURE_NODE_ID = "efn"


def _is_optional(t: Any) -> bool:
    return typing.get_origin(t) in (typing.Union, types.UnionType) and type(None) in typing.get_args(t)


def validate_failure_handler(workflow: Any, handler: Any) -> None:
    """Refuse a handler that lacks a workflow input (or types it differently) or adds a required one."""
    workflow_inputs = workflow.python_interface.inputs
    handler_inputs = handler.python_interface.inputs
    if any(handler_inputs.get(k, object()) != t for k, t in workflow_inputs.items()):
        raise FlyteFailureNodeInputMismatchException(handler, workflow)
    for extra in handler_inputs.keys() - workflow_inputs.keys():
        if not _is_optional(handler_inputs[extra]):
            raise FlyteFailureNodeInputMismatchException(handler, workflow)


def compile_failure_node(ctx: FlyteContext, workflow: Any, handler: Any, inputs: dict[str, Any]) -> Node:
    """Trace one call of ``handler`` with the workflow's input promises, outside the workflow's nodes."""
    validate_failure_handler(workflow, handler)
    prefix = (ctx.compilation_state.prefix if ctx.compilation_state else "") + FAILURE_NODE_PREFIX
    with FlyteContextManager.with_context(
        ctx.with_compilation_state(CompilationState(prefix=prefix))
    ) as inner:
        handler(**inputs)
        state = inner.compilation_state
        assert state is not None
        if len(state.nodes) != 1:
            raise AssertionError(
                "Unable to compile failure node, only either a task or a workflow can be used"
            )
        return state.nodes[0]


def run_failure_handler(workflow: Any, inputs: dict[str, Any], exc: BaseException) -> None:
    """Local run: call the handler with the workflow's inputs and, if it takes one, the error."""
    handler = workflow.on_failure
    kwargs = dict(inputs)
    if "err" in handler.python_interface.inputs:
        node = workflow.failure_node
        kwargs["err"] = FlyteError(message=str(exc), failed_node_id=node.id if node is not None else "")
    handler(**kwargs)
