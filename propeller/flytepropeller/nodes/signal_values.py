"""Does a signal's value fit the type its gate node declared?

Admin checks a value when a user sets it, but the engine writes it as the node's output, so it
checks the shape again before trusting it: the literal's kind must be the one the ``LiteralType``
describes (a primitive of that simple type, a collection or map of fitting values, a blob, a
structured dataset, one of an enum's values, any variant of a union). Types it does not model in
detail are accepted as admin accepted them.
"""

from __future__ import annotations

from flyteidl.core import literals_pb2, types_pb2

_S = types_pb2.SimpleType
_PRIMITIVES: dict[int, str] = {
    _S.INTEGER: "integer",
    _S.FLOAT: "float_value",
    _S.STRING: "string_value",
    _S.BOOLEAN: "boolean",
    _S.DATETIME: "datetime",
    _S.DURATION: "duration",
}


def value_fits(literal: literals_pb2.Literal, literal_type: types_pb2.LiteralType) -> bool:
    """Whether ``literal`` is a value of ``literal_type``."""
    kind = literal_type.WhichOneof("type")
    if kind == "union_type":
        if literal.HasField("scalar") and literal.scalar.HasField("union"):
            literal = literal.scalar.union.value
        return any(value_fits(literal, variant) for variant in literal_type.union_type.variants)
    if kind == "collection_type":
        return literal.HasField("collection") and all(
            value_fits(item, literal_type.collection_type) for item in literal.collection.literals
        )
    if kind == "map_value_type":
        return literal.HasField("map") and all(
            value_fits(item, literal_type.map_value_type) for item in literal.map.literals.values()
        )
    scalar = literal.scalar if literal.HasField("scalar") else None
    if kind == "simple":
        return scalar is not None and _simple_fits(scalar, literal_type.simple)
    if kind == "enum_type":
        return (
            scalar is not None
            and scalar.primitive.WhichOneof("value") == "string_value"
            and scalar.primitive.string_value in literal_type.enum_type.values
        )
    if kind == "blob":
        return scalar is not None and scalar.HasField("blob")
    if kind == "structured_dataset_type":
        return scalar is not None and scalar.HasField("structured_dataset")
    if kind == "schema":
        return scalar is not None and scalar.HasField("schema")
    return True


def _simple_fits(scalar: literals_pb2.Scalar, simple: int) -> bool:
    if simple in _PRIMITIVES:
        return scalar.HasField("primitive") and scalar.primitive.WhichOneof("value") == _PRIMITIVES[simple]
    if simple == _S.NONE:
        return scalar.HasField("none_type")
    if simple == _S.STRUCT:
        return scalar.HasField("generic") or scalar.HasField("binary")
    if simple == _S.BINARY:
        return scalar.HasField("binary")
    if simple == _S.ERROR:
        return scalar.HasField("error")
    return True
