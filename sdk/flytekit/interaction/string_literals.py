"""Short, readable forms of literals: what CLIs print for inputs and outputs and approval prompts show.

Primitives become their Python values (datetimes as ISO text, durations as seconds), blobs,
datasets and schemas their URIs, msgpack binaries their JSON text, other binaries base64 bytes,
generic structs dicts, unions their value, collections lists and maps dicts of these forms.
"""

from __future__ import annotations

import base64
import datetime
import json
from typing import Any

from flyteidl.core import literals_pb2


def _proto(value: Any) -> Any:
    """``flytekit.models`` wrappers are unwrapped; generated messages pass through."""
    return value.to_flyte_idl() if hasattr(value, "to_flyte_idl") else value


def primitive_to_string(primitive: Any) -> Any:
    p: literals_pb2.Primitive = _proto(primitive)
    kind = p.WhichOneof("value")
    if kind == "integer":
        return p.integer
    if kind == "float_value":
        return p.float_value
    if kind == "boolean":
        return p.boolean
    if kind == "string_value":
        return p.string_value
    if kind == "datetime":
        return p.datetime.ToDatetime(tzinfo=datetime.UTC).isoformat()
    if kind == "duration":
        return p.duration.ToTimedelta().total_seconds()
    raise ValueError(f"Unknown primitive type {p}")


def scalar_to_string(scalar: Any) -> Any:
    s: literals_pb2.Scalar = _proto(scalar)
    kind = s.WhichOneof("value")
    if kind == "primitive":
        return primitive_to_string(s.primitive)
    if kind == "none_type":
        return None
    if kind == "error":
        return s.error.message
    if kind in ("structured_dataset", "schema", "blob"):
        return getattr(s, kind).uri
    if kind == "binary":
        if s.binary.tag == "msgpack":
            import msgpack  # type: ignore[import-untyped]

            return json.dumps(msgpack.unpackb(s.binary.value))
        return base64.b64encode(s.binary.value)
    if kind == "generic":
        from google.protobuf.json_format import MessageToDict

        return MessageToDict(s.generic)
    if kind == "union":
        return literal_string_repr(s.union.value)
    raise ValueError(f"Unknown scalar type {s}")


def literal_string_repr(lit: Any) -> Any:
    """The short form of one literal (see the module docstring)."""
    literal: literals_pb2.Literal = _proto(lit)
    kind = literal.WhichOneof("value")
    if kind == "scalar":
        return scalar_to_string(literal.scalar)
    if kind == "collection":
        return [literal_string_repr(item) for item in literal.collection.literals]
    if kind == "map":
        return {key: literal_string_repr(item) for key, item in literal.map.literals.items()}
    if kind == "offloaded_metadata":
        return f"Offloaded literal metadata: {literal.offloaded_metadata}"
    raise ValueError(f"Unknown literal type {literal}")


def literal_map_string_repr(lm: Any) -> dict[str, Any]:
    """The short forms of a literal map (a ``LiteralMap`` or a plain dict of literals), by name."""
    literals = lm if isinstance(lm, dict) else _proto(lm).literals
    return {name: literal_string_repr(item) for name, item in literals.items()}
