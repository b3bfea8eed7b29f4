"""Promises: placeholders for values a workflow will produce, and how they become bindings.

While a workflow body is compiled, calls return ``Promise`` objects referring to a node's output
(``NodeOutput``); in a local run they hold the output literal instead. A promise cannot be used as a
Python value (``bool()``, iteration): values reach Python only inside tasks. ``>>`` orders nodes and
``with_overrides`` adjusts the producing node. Lists and dicts mixing promises and constants become
``BindingDataCollection`` / ``BindingDataMap`` bindings (``binding_data_from_python_std``) or, in a
local run, literal collections and maps (``literal_from_python``). How a call is dispatched is in
``flytekit.core.calling``.
"""

from __future__ import annotations

import logging
import typing
from typing import TYPE_CHECKING, Any, Self

from flytekit._lazy import lazy_module
from flytekit.core.constants import GLOBAL_INPUT_NODE_ID
from flytekit.core.context_manager import FlyteContext
from flytekit.core.interface import Interface
from flytekit.core.node import Node
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")

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


class _NodeResult:
    """What a call returns (promise, void promise, tuple of promises): ``>>`` and ``with_overrides``.

    Both act on the node that produces the result while a workflow is compiled and do nothing in a
    local run, where there is no node.
    """

    def with_overrides(self, *args: Any, **kwargs: Any) -> Self:
        """Override the producing node (see ``Node.with_overrides``); ignored in local runs."""
        node = _node_of(self)
        if node is not None:
            node.with_overrides(*args, **kwargs)
        return self

    def runs_before(self, other: Any) -> None:
        _chain(self, other)

    def __rshift__(self, other: Any) -> Any:
        _chain(self, other)
        return other


class Promise(_NodeResult):
    """A value that will exist when the workflow runs: a ``NodeOutput`` (compiling) or a Literal (local run)."""

    def __init__(self, var: str, val: NodeOutput | literals_pb2.Literal) -> None:
        self._var = var
        self._val = val
        # keys / indices applied with ``.`` and ``[]`` (see flytekit.core.promise_attributes)
        self._attr_path: list[str | int] = []

    @property
    def attr_path(self) -> list[str | int]:
        return list(self._attr_path)

    def _with_attr(self, key: str | int) -> Promise:
        from flytekit.core.promise_attributes import to_promise_attribute

        to_promise_attribute(key)  # refuses keys that cannot be an attribute path step
        derived = Promise(self._var, self._val)
        derived._attr_path = [*self._attr_path, key]
        return derived

    def __getitem__(self, key: str | int) -> Promise:
        """``out[0]`` / ``out["k"]``: a promise of that element (list index, map key or field)."""
        return self._with_attr(key)

    def __getattr__(self, key: str) -> Promise:
        """``out.field``: a promise of that field of a dataclass (or key of a dict) output."""
        if key.startswith("_"):
            raise AttributeError(key)
        return self._with_attr(key)

    def binding_reference(self) -> types_pb2.OutputReference:
        """The ``OutputReference`` a binding to this promise uses (with its attribute path)."""
        from flytekit.core.promise_attributes import to_promise_attribute

        ref = self.ref
        return types_pb2.OutputReference(
            node_id=ref.node_id, var=ref.var, attr_path=[to_promise_attribute(k) for k in self._attr_path]
        )

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
        renamed = Promise(var, self._val)
        renamed._attr_path = list(self._attr_path)
        return renamed

    # ---- conditions (see flytekit.core.condition): comparisons build expressions, not bools
    def _compare(self, op: str, other: Any) -> Any:
        from flytekit.core.condition import ComparisonExpression

        return ComparisonExpression(self, op, other)

    def __eq__(self, other: Any) -> Any:
        return self._compare("==", other)

    def __ne__(self, other: Any) -> Any:
        return self._compare("!=", other)

    def __gt__(self, other: Any) -> Any:
        return self._compare(">", other)

    def __ge__(self, other: Any) -> Any:
        return self._compare(">=", other)

    def __lt__(self, other: Any) -> Any:
        return self._compare("<", other)

    def __le__(self, other: Any) -> Any:
        return self._compare("<=", other)

    __hash__ = object.__hash__

    def is_true(self) -> Any:
        """Condition: this boolean promise is true."""
        return self._compare("==", True)

    def is_false(self) -> Any:
        """Condition: this boolean promise is false."""
        return self._compare("==", False)

    def is_none(self) -> Any:
        """Condition: this optional promise holds None."""
        return self._compare("==", None)

    def __bool__(self) -> bool:
        raise ValueError(
            f"Flytekit does not support Unary expressions or performing truth value testing on promise "
            f"'{self._var}': it has no value while the workflow body is traced, so `if`, `and`, `or`, `not` and "
            "bool() cannot use it. For logical `and`/`or` in a conditional use `&`/`|` (bitwise) instead; "
            "otherwise move the logic into a task."
        )

    def __iter__(self) -> typing.Iterator[Any]:
        raise ValueError(
            f" {self._var} is a Promise. Promise objects are not iterable - can't range() over a promise. Pass it "
            "to a task, use map_task, index one element with [index], or use an @eager workflow."
        )

    def __repr__(self) -> str:
        return (
            f"Promise(var={self._var!r}, {self._val!r})"
            if not self.is_ready
            else f"Promise({self._var!r}, ready)"
        )


class VoidPromise(_NodeResult):
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


class _MultipleOutputs(_NodeResult, tuple):  # type: ignore[type-arg]
    """Mixin for the named tuple of promises returned by an entity with several outputs."""


def create_task_output(promises: list[Promise], interface: Interface, name: str) -> Any:
    """What a call returns: VoidPromise (no outputs), the Promise (one), or a named tuple of promises."""
    if not promises:
        return VoidPromise(name)
    if len(promises) == 1:
        return promises[0]
    base = interface.output_tuple()
    output_type = type(base.__name__, (_MultipleOutputs, base), {})
    return output_type(*promises)


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
            return literal_to_binding_data(
                literal_from_python(ctx, value, python_type, expected) if value.attr_path else value.val
            )
        ref = value.ref
        if ref.node is not None and ref.node not in nodes:
            nodes.append(ref.node)
        return literals_pb2.BindingData(promise=value.binding_reference())
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
        if value.attr_path:
            from flytekit.core.promise_attributes import resolved_literal

            return resolved_literal(ctx, value.val, value.attr_path, repr(value), python_type, expected)
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
