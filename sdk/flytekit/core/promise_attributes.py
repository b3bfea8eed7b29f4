"""Attribute and item access on promises: ``out.field``, ``out[0]``, ``out["key"]``.

While a workflow is compiled the path is carried on the binding (``OutputReference.attr_path``:
string keys / field names and int indices) and the engine resolves it when the node runs. In a local
run it is resolved here, the way flytekit does it: list indices and map keys walk literal
collections and maps; the rest of the path walks the decoded msgpack value of a dataclass or dict.
A path on any other scalar leaves the value as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlytePromiseAttributeResolveException

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
    from flytekit.core.context_manager import FlyteContext
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")

AttrKey = str | int

_MSGPACK = "msgpack"


def to_promise_attribute(key: AttrKey) -> types_pb2.PromiseAttribute:
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise FlytePromiseAttributeResolveException(
            f"Promise attributes are field names, map keys (str) or list indices (int), got {key!r}."
        )
    if isinstance(key, int):
        return types_pb2.PromiseAttribute(int_value=key)
    return types_pb2.PromiseAttribute(string_value=key)


class _Unresolved:
    """Marks that no native value was extracted (the literal is the answer)."""


_UNRESOLVED = _Unresolved()


def resolve(
    literal: literals_pb2.Literal, path: list[AttrKey], where: str
) -> tuple[literals_pb2.Literal, Any]:
    """Follow ``path`` into ``literal``: (the literal reached, or the native value reached inside a
    msgpack struct — ``_UNRESOLVED`` when the literal itself is the answer)."""
    current = literal
    used = 0
    for key in path:
        kind = current.WhichOneof("value")
        if kind == "collection":
            items = current.collection.literals
            if not isinstance(key, int) or key >= len(items) or key < -len(items):
                raise FlytePromiseAttributeResolveException(
                    f"Failed to resolve attribute path {path} in promise {where}, index {key!r} out of range {len(items)}"
                )
            current = items[key]
            used += 1
        elif kind == "map":
            entries = current.map.literals
            if not isinstance(key, str) or key not in entries:
                raise FlytePromiseAttributeResolveException(
                    f"Failed to resolve attribute path {path} in promise {where}, attribute {key!r} not found in "
                    f"{list(entries)}"
                )
            current = entries[key]
            used += 1
        else:
            break
    rest = path[used:]
    if not rest or current.WhichOneof("value") != "scalar":
        return current, _UNRESOLVED
    scalar = current.scalar
    if scalar.WhichOneof("value") == "binary" and scalar.binary.tag == _MSGPACK:
        import msgpack  # type: ignore[import-untyped]

        value = msgpack.loads(scalar.binary.value, strict_map_key=False)
        return current, _walk(value, rest, path, where)
    if scalar.WhichOneof("value") == "generic":
        from google.protobuf import json_format

        return current, _walk(json_format.MessageToDict(scalar.generic), rest, path, where)
    return current, _UNRESOLVED


def _walk(value: Any, rest: list[AttrKey], path: list[AttrKey], where: str) -> Any:
    for key in rest:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            raise FlytePromiseAttributeResolveException(
                f"Failed to resolve attribute path {path} in promise {where}, attribute {key!r} not found in "
                f"{value!r}"
            ) from None
    return value


def resolved_literal(
    ctx: FlyteContext,
    literal: literals_pb2.Literal,
    path: list[AttrKey],
    where: str,
    python_type: Any,
    expected: types_pb2.LiteralType,
) -> literals_pb2.Literal:
    """The literal of ``literal`` at ``path``, as a value of ``python_type`` for a consumer."""
    reached, native = resolve(literal, path, where)
    if native is _UNRESOLVED:
        return reached
    if expected.WhichOneof("type") == "simple" and expected.simple == types_pb2.STRUCT:
        # a nested dataclass or dict stays in msgpack form, as its transformer reads it
        import msgpack

        binary = literals_pb2.Binary(value=msgpack.dumps(native), tag=_MSGPACK)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(binary=binary))
    return TypeEngine.to_literal(ctx, native, python_type, expected)


def resolved_native(
    literal: literals_pb2.Literal, path: list[AttrKey], where: str
) -> tuple[literals_pb2.Literal, Any]:
    """For comparisons in conditions: (literal reached, native value or ``_UNRESOLVED``)."""
    return resolve(literal, path, where)


def is_unresolved(value: Any) -> bool:
    return value is _UNRESOLVED
