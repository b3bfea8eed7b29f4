"""Node handlers (one per node kind) and the per-node state machine that drives them."""

from flytepropeller.nodes.executing import HANDLEABLE_PHASES, NodeExecutor
from flytepropeller.nodes.factory import HandlerFactory
from flytepropeller.nodes.handler import (
    DagResult,
    DagState,
    HandlerPhase,
    NodeContext,
    NodeHandler,
    Transition,
)
from flytepropeller.nodes.inputs import BindingError, resolve_bindings

__all__ = [
    "HANDLEABLE_PHASES",
    "BindingError",
    "DagResult",
    "DagState",
    "HandlerFactory",
    "HandlerPhase",
    "NodeContext",
    "NodeExecutor",
    "NodeHandler",
    "Transition",
    "resolve_bindings",
]
