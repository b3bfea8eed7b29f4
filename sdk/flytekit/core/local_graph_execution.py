"""Local workflow runs over the compiled graph, with independent nodes on worker threads.

By default a local workflow run re-executes the body, one call after the other (flytekit's way).
When local parallelism is enabled (``flytekit.core.local_parallelism``), ``graph_runner`` instead
runs the workflow's compiled nodes: a node starts as soon as every node it depends on (its
upstream nodes and every node its bindings read, including those read by a conditional's branches)
has finished, on at most N worker threads. Each node gets its inputs as literals resolved from its
bindings and runs through the same ``local_execute`` a sequential run uses; conditionals evaluate
their cases on the upstream literals and run the chosen branch's node.

The result equals the sequential run's. On a failure, nodes called before the failing one in the
body still run, and nodes called after it that have not started yet are not started; when
everything running has finished, the failure of the earliest node (in call order) is raised, which
is the one the sequential run raises. Graphs this runner cannot reproduce exactly (attribute access on promises, offloaded or
union-annotated bindings, a conditional without ``else_``, entities that cannot run on their own)
run sequentially.
"""

from __future__ import annotations

import concurrent.futures
import functools
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core import local_parallelism
from flytekit.core.condition import BranchNode, ComparisonExpression, ConjunctionExpression, Expression
from flytekit.core.constants import GLOBAL_INPUT_NODE_ID
from flytekit.core.context_manager import FlyteContext
from flytekit.core.node import Node
from flytekit.core.promise import NodeOutput, Promise, VoidPromise
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2
    from flytekit.core.workflow import WorkflowBase
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")

logger = logging.getLogger(__name__)

GraphRunner = Callable[[FlyteContext, dict[str, Promise]], Any]


def graph_runner(workflow: WorkflowBase) -> GraphRunner | None:
    """A runner for ``workflow``'s graph when local parallelism is on and the graph allows it, else None."""
    workers = local_parallelism.configured_parallelism()
    if workers <= 1:
        return None
    if not (
        _nodes_supported(workflow.nodes)
        and all(_binding_supported(b.binding) for b in workflow.output_bindings)
    ):
        logger.info("Workflow '%s' runs sequentially: its graph needs the sequential runner.", workflow.name)
        return None

    def run(ctx: FlyteContext, inputs: dict[str, Promise]) -> Any:
        return _GraphRun(workflow, ctx, {name: p.val for name, p in inputs.items()}, workers).run()

    return run


def _binding_supported(data: literals_pb2.BindingData) -> bool:
    if data.HasField("union"):
        return False
    kind = data.WhichOneof("value")
    if kind == "promise":
        return not bool(data.promise.attr_path)
    if kind == "collection":
        return all(_binding_supported(b) for b in data.collection.bindings)
    if kind == "map":
        return all(_binding_supported(b) for b in data.map.bindings.values())
    return bool(kind == "scalar")


def _nodes_supported(nodes: Iterable[Node]) -> bool:
    for node in nodes:
        if not all(_binding_supported(b.binding) for b in node.bindings):
            return False
        entity = node.flyte_entity
        if isinstance(entity, BranchNode):
            if not entity.cases or entity.cases[-1].expr is not None:
                return False
            if not _nodes_supported(n for n in entity.then_nodes() if n is not None):
                return False
        elif not callable(getattr(entity, "local_execute", None)):
            return False
    return True


def _referenced_node_ids(node: Node) -> set[str]:
    """Ids of the nodes ``node`` waits for: upstream nodes and nodes its (branches') bindings read."""
    ids = {n.id for n in node.upstream_nodes}
    pending = [b.binding for b in node.bindings]
    if isinstance(node.flyte_entity, BranchNode):
        for then in node.flyte_entity.then_nodes():
            if then is not None:
                ids |= _referenced_node_ids(then)
    while pending:
        data = pending.pop()
        kind = data.WhichOneof("value")
        if kind == "promise":
            ids.add(data.promise.node_id)
        elif kind == "collection":
            pending.extend(data.collection.bindings)
        elif kind == "map":
            pending.extend(data.map.bindings.values())
    return ids


def _outputs_of(result: Any) -> dict[str, literals_pb2.Literal]:
    """The output literals of what a ``local_execute`` returned."""
    if result is None or isinstance(result, VoidPromise):
        return {}
    if isinstance(result, Promise):
        return {result.var: result.val}
    return {p.var: p.val for p in result}


class _GraphRun:
    """One run of a workflow graph; see the module docstring."""

    def __init__(
        self, workflow: WorkflowBase, ctx: FlyteContext, inputs: dict[str, literals_pb2.Literal], workers: int
    ) -> None:
        self._workflow = workflow
        self._ctx = ctx
        self._inputs = inputs
        self._workers = workers
        self._nodes = list(workflow.nodes)
        position = {node.id: i for i, node in enumerate(self._nodes)}
        self._waits_for = [
            {position[i] for i in _referenced_node_ids(node) if i in position and i != node.id}
            for node in self._nodes
        ]
        self._outputs: dict[str, dict[str, literals_pb2.Literal]] = {}

    def run(self) -> Any:
        failures: dict[int, BaseException] = {}
        finished: set[int] = set()
        waiting = set(range(len(self._nodes)))
        running: dict[concurrent.futures.Future[Any], int] = {}
        with concurrent.futures.ThreadPoolExecutor(self._workers, thread_name_prefix="flyte-node") as pool:
            while True:
                # after a failure, only nodes the sequential run reaches before it may start
                limit = min(failures) if failures else len(self._nodes)
                for index in sorted(waiting):
                    if index < limit and self._waits_for[index] <= finished:
                        waiting.discard(index)
                        call = functools.partial(self._run_node, self._nodes[index])
                        running[local_parallelism.submit(pool, call)] = index
                if not running:
                    break
                done, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
                for future in done:
                    index = running.pop(future)
                    error = future.exception()
                    if error is not None:
                        failures[index] = error
                    else:
                        self._outputs[self._nodes[index].id] = future.result()
                        finished.add(index)
        if failures:
            raise failures[min(failures)]
        if waiting:
            stuck = ", ".join(self._nodes[i].id for i in sorted(waiting))
            raise FlyteAssertion(
                f"Workflow '{self._workflow.name}': nodes {stuck} wait on each other (a cycle)."
            )
        return self._result()

    def _result(self) -> Any:
        literals = {b.var: self._literal(b.binding) for b in self._workflow.output_bindings}
        names = self._workflow.python_interface.output_names
        if not names:
            return None
        promises = [Promise(name, literals[name]) for name in names]
        return promises[0] if len(promises) == 1 else tuple(promises)

    def _run_node(self, node: Node) -> dict[str, literals_pb2.Literal]:
        entity = node.flyte_entity
        if isinstance(entity, BranchNode):
            return self._run_branch(entity)
        inputs = {b.var: Promise(b.var, self._literal(b.binding)) for b in node.bindings}
        return _outputs_of(entity.local_execute(self._ctx, **inputs))

    def _run_branch(self, branch: BranchNode) -> dict[str, literals_pb2.Literal]:
        for case, then in zip(branch.cases, branch.then_nodes(), strict=True):
            if case.expr is not None and not self._ready(case.expr).evaluate(self._ctx):
                continue
            if case.err is not None:
                raise ValueError(case.err)
            assert then is not None
            return self._run_node(then)
        raise FlyteAssertion(f"conditional('{branch.name}') has no else_ branch.")

    def _ready(self, expr: Expression) -> Expression:
        """``expr`` with its promises replaced by ones holding the upstream literals."""
        if isinstance(expr, ConjunctionExpression):
            return ConjunctionExpression(self._ready(expr.lhs), expr.op, self._ready(expr.rhs))
        assert isinstance(expr, ComparisonExpression)
        return ComparisonExpression(self._ready_operand(expr.lhs), expr.op, self._ready_operand(expr.rhs))

    def _ready_operand(self, value: Any) -> Any:
        if isinstance(value, Promise) and not value.is_ready:
            ref: NodeOutput = value.ref
            return Promise(value.var, self._lookup(ref.node_id, ref.var))
        return value

    def _lookup(self, node_id: str, var: str) -> literals_pb2.Literal:
        if node_id == GLOBAL_INPUT_NODE_ID:
            return self._inputs[var]
        return self._outputs[node_id][var]

    def _literal(self, data: literals_pb2.BindingData) -> literals_pb2.Literal:
        kind = data.WhichOneof("value")
        if kind == "promise":
            return self._lookup(data.promise.node_id, data.promise.var)
        if kind == "collection":
            return literals_pb2.Literal(
                collection=literals_pb2.LiteralCollection(
                    literals=[self._literal(b) for b in data.collection.bindings]
                )
            )
        if kind == "map":
            return literals_pb2.Literal(
                map=literals_pb2.LiteralMap(
                    literals={k: self._literal(v) for k, v in data.map.bindings.items()}
                )
            )
        return literals_pb2.Literal(scalar=data.scalar)
