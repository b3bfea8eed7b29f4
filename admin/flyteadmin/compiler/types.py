"""Flyte's type rules: which ``LiteralType`` may feed which, and the type of a ``Literal`` value.

``are_types_castable(upstream, downstream)`` decides whether a value of the upstream type may be
bound to an input of the downstream type (used for workflow bindings, launch-plan defaults and
execution inputs). The rules are Flyte's: no implicit numeric widening (an integer does not feed a
float), enums and strings interchange, blob formats must agree unless one is unspecified, a value
feeds a union if it fits exactly one variant, and ``metadata``/``annotation``/``structure`` are
ignored except for dataclass tags and JSON schemas of structs.
"""

from __future__ import annotations

import json

from google.protobuf import json_format

from flyteidl.core import literals_pb2, types_pb2

__all__ = ["are_types_castable", "describe_type", "is_optional", "literal_type_of", "none_type"]


def none_type() -> types_pb2.LiteralType:
    return types_pb2.LiteralType(simple=types_pb2.NONE)


def _is_none(literal_type: types_pb2.LiteralType) -> bool:
    return literal_type.WhichOneof("type") == "simple" and literal_type.simple == types_pb2.NONE


def is_optional(literal_type: types_pb2.LiteralType) -> bool:
    """Whether an input of this type may be left unbound (a union with a NONE variant)."""
    if literal_type.WhichOneof("type") != "union_type":
        return False
    return any(_is_none(variant) for variant in literal_type.union_type.variants)


def describe_type(literal_type: types_pb2.LiteralType) -> str:
    """A compact, readable rendering of a type for error messages."""
    kind = literal_type.WhichOneof("type")
    if kind == "simple":
        return types_pb2.SimpleType.Name(literal_type.simple)
    if kind == "collection_type":
        return f"list[{describe_type(literal_type.collection_type)}]"
    if kind == "map_value_type":
        return f"dict[str, {describe_type(literal_type.map_value_type)}]"
    if kind == "union_type":
        return "union[" + ", ".join(describe_type(v) for v in literal_type.union_type.variants) + "]"
    if kind == "blob":
        return f"blob(format={literal_type.blob.format!r})"
    if kind == "enum_type":
        return f"enum{list(literal_type.enum_type.values)}"
    if kind == "structured_dataset_type":
        return f"structured_dataset(format={literal_type.structured_dataset_type.format!r})"
    if kind == "schema":
        return "schema"
    return "unknown"


def _stripped(literal_type: types_pb2.LiteralType) -> types_pb2.LiteralType:
    copy = types_pb2.LiteralType()
    copy.CopyFrom(literal_type)
    for field in ("metadata", "annotation", "structure"):
        copy.ClearField(field)
    return copy


def _struct_schema(literal_type: types_pb2.LiteralType) -> dict[str, object] | None:
    if not literal_type.HasField("metadata") or not literal_type.metadata.fields:
        return None
    return json_format.MessageToDict(literal_type.metadata)


def _structs_castable(upstream: types_pb2.LiteralType, downstream: types_pb2.LiteralType) -> bool:
    up_schema, down_schema = _struct_schema(upstream), _struct_schema(downstream)
    if up_schema is None or down_schema is None:
        return True
    if json.dumps(up_schema, sort_keys=True) == json.dumps(down_schema, sort_keys=True):
        return True
    # A superset is fine: every property the downstream declares exists upstream with the same schema.
    up_props, down_props = up_schema.get("properties"), down_schema.get("properties")
    if not isinstance(up_props, dict) or not isinstance(down_props, dict):
        return False
    return all(key in up_props and up_props[key] == value for key, value in down_props.items())


def _trivially_castable(upstream: types_pb2.LiteralType, downstream: types_pb2.LiteralType) -> bool:
    up_kind, down_kind = upstream.WhichOneof("type"), downstream.WhichOneof("type")
    if up_kind == "enum_type" and down_kind == "simple" and downstream.simple == types_pb2.STRING:
        return True
    if down_kind == "enum_type" and up_kind == "simple" and upstream.simple == types_pb2.STRING:
        return True
    if upstream.structure.tag and upstream.structure.tag != downstream.structure.tag:
        return False
    if (
        up_kind == down_kind == "simple"
        and upstream.simple == downstream.simple == types_pb2.STRUCT
        and not _structs_castable(upstream, downstream)
    ):
        return False
    return _stripped(upstream) == _stripped(downstream)


def _formats_match(up: str, down: str, *, case_insensitive: bool = False) -> bool:
    if not up or not down:
        return True
    return up.lower() == down.lower() if case_insensitive else up == down


def _columns_castable(
    up_columns: list[tuple[str, types_pb2.LiteralType]], down_columns: list[tuple[str, types_pb2.LiteralType]]
) -> bool:
    if not up_columns or not down_columns:
        return True
    up = dict(up_columns)
    return all(name in up and are_types_castable(up[name], column) for name, column in down_columns)


def are_types_castable(upstream: types_pb2.LiteralType, downstream: types_pb2.LiteralType) -> bool:
    """Whether a value of type ``upstream`` may be bound to an input of type ``downstream``."""
    up_kind, down_kind = upstream.WhichOneof("type"), downstream.WhichOneof("type")
    if (
        up_kind == "union_type"
        and len(upstream.union_type.variants) == 1
        and are_types_castable(upstream.union_type.variants[0], downstream)
    ):
        return True
    if down_kind == "collection_type":
        if up_kind != "collection_type":
            return False
        return _is_none(upstream.collection_type) or are_types_castable(
            upstream.collection_type, downstream.collection_type
        )
    if down_kind == "map_value_type":
        if up_kind != "map_value_type":
            return False
        return _is_none(upstream.map_value_type) or are_types_castable(
            upstream.map_value_type, downstream.map_value_type
        )
    if down_kind == "blob":
        return up_kind == "blob" and _formats_match(upstream.blob.format, downstream.blob.format)
    if down_kind == "schema":
        if up_kind == "schema":
            up_columns = [(c.name, _schema_column_type(c.type)) for c in upstream.schema.columns]
            down_columns = [(c.name, _schema_column_type(c.type)) for c in downstream.schema.columns]
            return _columns_castable(up_columns, down_columns)
        if up_kind == "structured_dataset_type":
            sd = upstream.structured_dataset_type
            return _formats_match(sd.format, "parquet", case_insensitive=True)
        return False
    if down_kind == "structured_dataset_type":
        down_sd = downstream.structured_dataset_type
        if up_kind == "simple" and upstream.simple == types_pb2.NONE:
            return True
        if up_kind == "schema":
            return _formats_match("parquet", down_sd.format, case_insensitive=True)
        if up_kind != "structured_dataset_type":
            return False
        up_sd = upstream.structured_dataset_type
        if not _formats_match(up_sd.format, down_sd.format, case_insensitive=True):
            return False
        return _columns_castable(
            [(c.name, c.literal_type) for c in up_sd.columns],
            [(c.name, c.literal_type) for c in down_sd.columns],
        )
    if down_kind == "union_type":
        variants = downstream.union_type.variants
        if up_kind == "union_type":
            return all(any(are_types_castable(u, d) for d in variants) for u in upstream.union_type.variants)
        return sum(1 for variant in variants if are_types_castable(upstream, variant)) == 1
    if _is_none(downstream):
        return _is_none(upstream)
    return _trivially_castable(upstream, downstream)


def _schema_column_type(column_type: int) -> types_pb2.LiteralType:
    simple = {
        types_pb2.SchemaType.SchemaColumn.INTEGER: types_pb2.INTEGER,
        types_pb2.SchemaType.SchemaColumn.FLOAT: types_pb2.FLOAT,
        types_pb2.SchemaType.SchemaColumn.STRING: types_pb2.STRING,
        types_pb2.SchemaType.SchemaColumn.BOOLEAN: types_pb2.BOOLEAN,
        types_pb2.SchemaType.SchemaColumn.DATETIME: types_pb2.DATETIME,
        types_pb2.SchemaType.SchemaColumn.DURATION: types_pb2.DURATION,
    }[column_type]  # type: ignore[index]
    return types_pb2.LiteralType(simple=simple)


_PRIMITIVE_TYPES = {
    "integer": types_pb2.INTEGER,
    "float_value": types_pb2.FLOAT,
    "string_value": types_pb2.STRING,
    "boolean": types_pb2.BOOLEAN,
    "datetime": types_pb2.DATETIME,
    "duration": types_pb2.DURATION,
}


def _scalar_type(scalar: literals_pb2.Scalar) -> types_pb2.LiteralType | None:
    kind = scalar.WhichOneof("value")
    if kind == "primitive":
        primitive_kind = scalar.primitive.WhichOneof("value")
        if primitive_kind is None:
            return None
        return types_pb2.LiteralType(simple=_PRIMITIVE_TYPES[primitive_kind])
    if kind == "blob":
        return types_pb2.LiteralType(blob=scalar.blob.metadata.type)
    if kind == "binary":
        simple = types_pb2.STRUCT if scalar.binary.tag == "msgpack" else types_pb2.BINARY
        return types_pb2.LiteralType(simple=simple)
    if kind == "schema":
        return types_pb2.LiteralType(schema=scalar.schema.type)
    if kind == "structured_dataset":
        return types_pb2.LiteralType(
            structured_dataset_type=scalar.structured_dataset.metadata.structured_dataset_type
        )
    if kind == "none_type":
        return none_type()
    if kind == "error":
        return types_pb2.LiteralType(simple=types_pb2.ERROR)
    if kind == "generic":
        return types_pb2.LiteralType(simple=types_pb2.STRUCT)
    if kind == "union":
        return types_pb2.LiteralType(union_type=types_pb2.UnionType(variants=[scalar.union.type]))
    return None


def _element_type(types: list[types_pb2.LiteralType]) -> types_pb2.LiteralType:
    distinct: list[types_pb2.LiteralType] = []
    for candidate in types:
        if candidate not in distinct:
            distinct.append(candidate)
    if not distinct:
        return none_type()
    if len(distinct) == 1:
        return distinct[0]
    return types_pb2.LiteralType(union_type=types_pb2.UnionType(variants=distinct))


def literal_type_of(literal: literals_pb2.Literal) -> types_pb2.LiteralType | None:
    """The type Flyte infers for a value (None when the literal holds no value at all)."""
    kind = literal.WhichOneof("value")
    if kind == "scalar":
        return _scalar_type(literal.scalar)
    if kind == "collection":
        elements = [literal_type_of(item) for item in literal.collection.literals]
        if any(element is None for element in elements):
            return None
        return types_pb2.LiteralType(collection_type=_element_type([e for e in elements if e is not None]))
    if kind == "map":
        values = [literal_type_of(item) for item in literal.map.literals.values()]
        if any(value is None for value in values):
            return None
        return types_pb2.LiteralType(map_value_type=_element_type([v for v in values if v is not None]))
    if kind == "offloaded_metadata":
        return literal.offloaded_metadata.inferred_type
    return None
