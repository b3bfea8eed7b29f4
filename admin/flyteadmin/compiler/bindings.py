"""Type-checking one node's input bindings against the interface it must satisfy.

A binding is a literal, a promise (``node_id.var``, optionally with an attribute path into a
dataclass, list or dict), or a list/dict of bindings. Promises name the nodes they depend on; the
caller turns those into graph edges. Workflow inputs are the outputs of ``start-node`` (an empty
promise node id means ``start-node`` too).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from flyteadmin.compiler.issues import IssueCollector
from flyteadmin.compiler.types import are_types_castable, describe_type, is_optional, literal_type_of
from flyteidl.core import interface_pb2, literals_pb2, types_pb2

__all__ = ["END_NODE", "START_NODE", "BindingChecker", "NodeInterface"]

START_NODE = "start-node"
END_NODE = "end-node"


@dataclass
class NodeInterface:
    """A node's resolved inputs and outputs; ``defaulted`` names inputs that may stay unbound."""

    inputs: dict[str, types_pb2.LiteralType]
    outputs: dict[str, types_pb2.LiteralType]
    defaulted: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, interface: interface_pb2.TypedInterface, defaulted: frozenset[str] = frozenset()
    ) -> NodeInterface:
        return cls(
            inputs={name: var.type for name, var in interface.inputs.variables.items()},
            outputs={name: var.type for name, var in interface.outputs.variables.items()},
            defaulted=defaulted,
        )


def _attribute_type(
    literal_type: types_pb2.LiteralType, step: types_pb2.PromiseAttribute
) -> types_pb2.LiteralType | str | None:
    """The type one attribute-path step leads to; None = unknown (not checkable); str = error text."""
    kind = step.WhichOneof("value")
    type_kind = literal_type.WhichOneof("type")
    if kind == "int_value":
        if type_kind == "collection_type":
            return literal_type.collection_type
        return f"index [{step.int_value}] used on non-list type {describe_type(literal_type)}"
    key = step.string_value
    if type_kind == "map_value_type":
        return literal_type.map_value_type
    if type_kind == "simple" and literal_type.simple == types_pb2.STRUCT:
        fields = literal_type.structure.dataclass_type
        if not fields:
            return None  # a struct without a declared schema: anything may be inside
        if key not in fields:
            return f"field [{key}] not found in dataclass (fields: {', '.join(sorted(fields))})"
        return fields[key]
    return f"attribute [{key}] used on type {describe_type(literal_type)}, which has no attributes"


class BindingChecker:
    """Checks bindings of the nodes of one workflow; ``outputs_of(node_id)`` resolves promise sources."""

    def __init__(
        self,
        issues: IssueCollector,
        outputs_of: Callable[[str], Mapping[str, types_pb2.LiteralType] | None],
    ) -> None:
        self._issues = issues
        self._outputs_of = outputs_of

    def check_node_inputs(
        self,
        node_id: str,
        bindings: list[literals_pb2.Binding],
        interface: NodeInterface | None,
        *,
        require_all: bool = True,
    ) -> set[str]:
        """Validate ``bindings`` against ``interface`` (None: accept any names, infer types); return
        the ids of the nodes the bindings read from."""
        upstream: set[str] = set()
        seen: set[str] = set()
        for binding in bindings:
            if binding.var in seen:
                self._issues.add(
                    "ParameterBoundMoreThanOnce", node_id, f"Input [{binding.var}] is bound more than once."
                )
                continue
            seen.add(binding.var)
            expected: types_pb2.LiteralType | None = None
            if interface is not None:
                if binding.var not in interface.inputs:
                    self._issues.add(
                        "VariableNameNotFound",
                        node_id,
                        f"Variable [{binding.var}] not found in the inputs of node [{node_id}] "
                        f"(inputs: {', '.join(sorted(interface.inputs)) or 'none'}).",
                    )
                    continue
                expected = interface.inputs[binding.var]
            self.check_binding(node_id, binding.var, binding.binding, expected, upstream)
        if interface is not None and require_all:
            for name, input_type in sorted(interface.inputs.items()):
                if name not in seen and name not in interface.defaulted and not is_optional(input_type):
                    self._issues.add(
                        "ParameterNotBound",
                        node_id,
                        f"Input [{name}] of node [{node_id}] is not bound; bind it or make it optional.",
                    )
        return upstream

    def check_binding(
        self,
        node_id: str,
        var: str,
        data: literals_pb2.BindingData,
        expected: types_pb2.LiteralType | None,
        upstream: set[str],
    ) -> None:
        """Check one binding value against ``expected`` (None: only resolve promises)."""
        kind = data.WhichOneof("value")
        if (
            expected is not None
            and expected.WhichOneof("type") == "union_type"
            and kind in ("collection", "map")
        ):
            matching = [v for v in expected.union_type.variants if v.WhichOneof("type") == _SHAPE[kind]]
            if len(matching) == 1:
                expected = matching[0]
        if kind == "promise":
            found = self._promise_type(node_id, var, data.promise, upstream)
            if found is None or expected is None or found.WhichOneof("type") is None:
                return  # unknown source type (e.g. passed through a gate): nothing to check
            if data.HasField("union") and data.union.HasField("targetType"):
                found = data.union.targetType
            if not are_types_castable(found, expected):
                self._issues.add(
                    "MismatchingTypes",
                    node_id,
                    f"Variable [{data.promise.var}] of node [{data.promise.node_id or START_NODE}] has type "
                    f"[{describe_type(found)}], which does not match input [{var}] of type "
                    f"[{describe_type(expected)}].",
                )
        elif kind == "collection":
            if expected is not None and expected.WhichOneof("type") != "collection_type":
                self._issues.add(
                    "MismatchingBindings",
                    node_id,
                    f"Input [{var}] expects [{describe_type(expected)}] but is bound to a list.",
                )
                expected = None
            element = None if expected is None else expected.collection_type
            for item in data.collection.bindings:
                self.check_binding(node_id, var, item, element, upstream)
        elif kind == "map":
            if expected is not None and expected.WhichOneof("type") != "map_value_type":
                self._issues.add(
                    "MismatchingBindings",
                    node_id,
                    f"Input [{var}] expects [{describe_type(expected)}] but is bound to a dict.",
                )
                expected = None
            value_type = None if expected is None else expected.map_value_type
            for item in data.map.bindings.values():
                self.check_binding(node_id, var, item, value_type, upstream)
        elif kind == "scalar":
            found = literal_type_of(literals_pb2.Literal(scalar=data.scalar))
            if found is None:
                self._issues.add("InvalidLiteralType", node_id, f"Input [{var}] is bound to an empty value.")
                return
            if expected is None:
                return
            if expected.WhichOneof("type") == "enum_type" and data.scalar.primitive.string_value:
                if data.scalar.primitive.string_value not in expected.enum_type.values:
                    self._issues.add(
                        "IllegalEnumValue",
                        node_id,
                        f"Value [{data.scalar.primitive.string_value}] of input [{var}] is not one of "
                        f"{list(expected.enum_type.values)}.",
                    )
                return
            if not are_types_castable(found, expected):
                self._issues.add(
                    "MismatchingTypes",
                    node_id,
                    f"Input [{var}] expects [{describe_type(expected)}] but is bound to a value of type "
                    f"[{describe_type(found)}].",
                )
        elif kind == "offloaded_metadata":
            found = data.offloaded_metadata.inferred_type
            if expected is not None and not are_types_castable(found, expected):
                self._issues.add(
                    "MismatchingTypes",
                    node_id,
                    f"Input [{var}] expects [{describe_type(expected)}] but is bound to an offloaded value "
                    f"of type [{describe_type(found)}].",
                )
        else:
            self._issues.add("ValueRequired", node_id, f"Input [{var}] has an empty binding.")

    def _promise_type(
        self, node_id: str, var: str, promise: types_pb2.OutputReference, upstream: set[str]
    ) -> types_pb2.LiteralType | None:
        source = promise.node_id or START_NODE
        outputs = self._outputs_of(source)
        if outputs is None:
            self._issues.add(
                "NodeReferenceNotFound",
                node_id,
                f"Input [{var}] reads from node [{source}], which is not part of this workflow.",
            )
            return None
        upstream.add(source)
        if promise.var not in outputs:
            self._issues.add(
                "VariableNameNotFound",
                node_id,
                f"Node [{source}] has no output [{promise.var}] "
                f"(outputs: {', '.join(sorted(outputs)) or 'none'}).",
            )
            return None
        found: types_pb2.LiteralType | None = outputs[promise.var]
        for step in promise.attr_path:
            if found is None:
                return None
            resolved = _attribute_type(found, step)
            if isinstance(resolved, str):
                self._issues.add("FieldNotFound", node_id, f"Input [{var}]: {resolved}.")
                return None
            found = resolved
        return found


_SHAPE = {"collection": "collection_type", "map": "map_value_type"}
