"""Resolving a node's input bindings into the LiteralMap written to its ``inputs.pb`` (§2.8).

Scalars, collections and maps are built recursively; a promise reads the upstream node's
``outputs.pb`` (through ``read_outputs``), honours the upstream's output aliases and the
``[i].name`` form, and then walks the attribute path (map keys, list indices, struct fields,
msgpack-encoded dataclasses). Any failure raises :class:`BindingError`, which the node executor
turns into the SYSTEM failure ``BindingResolutionFailure``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import msgpack  # type: ignore[import-untyped]
from google.protobuf import struct_pb2

from flyteidl.core import literals_pb2, types_pb2
from flytestdlib.flyteworkflow import START_NODE_ID

_INDEXED_VAR = re.compile(r"^\[(\d+)\]\.(.+)$")

OutputReader = Callable[[str], literals_pb2.LiteralMap]
AliasLookup = Callable[[str], dict[str, str]]


class BindingError(Exception):
    """An input binding cannot be resolved; the message names the variable and the cause."""


def resolve_bindings(
    bindings: Sequence[literals_pb2.Binding], read_outputs: OutputReader, aliases: AliasLookup
) -> literals_pb2.LiteralMap:
    """The LiteralMap of all ``bindings``; ``read_outputs(node_id)`` gives an upstream's outputs."""
    result = literals_pb2.LiteralMap()
    for binding in bindings:
        try:
            result.literals[binding.var].CopyFrom(_resolve(binding.binding, read_outputs, aliases))
        except BindingError as error:
            raise BindingError(f"input {binding.var!r}: {error}") from error
    return result


def _resolve(
    data: literals_pb2.BindingData, read_outputs: OutputReader, aliases: AliasLookup
) -> literals_pb2.Literal:
    kind = data.WhichOneof("value")
    if kind == "scalar":
        return literals_pb2.Literal(scalar=data.scalar)
    if kind == "collection":
        items = [_resolve(item, read_outputs, aliases) for item in data.collection.bindings]
        return literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=items))
    if kind == "map":
        entries = {key: _resolve(item, read_outputs, aliases) for key, item in data.map.bindings.items()}
        return literals_pb2.Literal(map=literals_pb2.LiteralMap(literals=entries))
    if kind == "promise":
        return _resolve_promise(data.promise, read_outputs, aliases)
    if kind == "offloaded_metadata":
        return literals_pb2.Literal(offloaded_metadata=data.offloaded_metadata)
    raise BindingError("the binding has no value (expected scalar, collection, map or promise)")


def _resolve_promise(
    promise: types_pb2.OutputReference, read_outputs: OutputReader, aliases: AliasLookup
) -> literals_pb2.Literal:
    # flytekit leaves the node id of workflow-input promises empty; they mean the start node.
    node_id = promise.node_id or START_NODE_ID
    outputs = read_outputs(node_id)
    var = aliases(node_id).get(promise.var, promise.var)
    index: int | None = None
    indexed = _INDEXED_VAR.match(var)
    if var not in outputs.literals and indexed is not None:
        index, var = int(indexed.group(1)), indexed.group(2)
    if var not in outputs.literals:
        raise BindingError(
            f"node {node_id!r} has no output {promise.var!r} (its outputs are {sorted(outputs.literals)})"
        )
    literal = outputs.literals[var]
    if index is not None:
        if literal.WhichOneof("value") != "collection" or index >= len(literal.collection.literals):
            raise BindingError(f"output {var!r} of node {node_id!r} has no item {index}")
        literal = literal.collection.literals[index]
    if promise.attr_path:
        literal = _walk(literal, list(promise.attr_path), f"{node_id}.{promise.var}")
    return literal


def _walk(
    literal: literals_pb2.Literal, path: list[types_pb2.PromiseAttribute], where: str
) -> literals_pb2.Literal:
    for position, attribute in enumerate(path):
        key: str | int = (
            attribute.string_value if attribute.WhichOneof("value") == "string_value" else attribute.int_value
        )
        kind = literal.WhichOneof("value")
        if kind == "map" and isinstance(key, str) and key in literal.map.literals:
            literal = literal.map.literals[key]
        elif kind == "collection" and isinstance(key, int) and 0 <= key < len(literal.collection.literals):
            literal = literal.collection.literals[key]
        elif kind == "scalar" and literal.scalar.WhichOneof("value") == "generic":
            return _walk_struct(literal.scalar.generic, path[position:], where)
        elif kind == "scalar" and literal.scalar.WhichOneof("value") == "binary":
            return _walk_msgpack(literal.scalar.binary, path[position:], where)
        else:
            raise BindingError(f"attribute {key!r} does not exist in {where}")
    return literal


def _walk_struct(
    struct: struct_pb2.Struct, path: list[types_pb2.PromiseAttribute], where: str
) -> literals_pb2.Literal:
    value: Any = _struct_to_python(struct)
    value = _walk_python(value, path, where)
    if isinstance(value, dict):
        result = struct_pb2.Struct()
        result.update(value)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(generic=result))
    return _python_to_literal(value, where)


def _walk_msgpack(
    binary: literals_pb2.Binary, path: list[types_pb2.PromiseAttribute], where: str
) -> literals_pb2.Literal:
    if binary.tag != "msgpack":
        raise BindingError(f"cannot walk attributes of a {binary.tag!r} binary in {where}")
    value = _walk_python(msgpack.unpackb(binary.value, raw=False, strict_map_key=False), path, where)
    packed = msgpack.packb(value, use_bin_type=True)
    return literals_pb2.Literal(
        scalar=literals_pb2.Scalar(binary=literals_pb2.Binary(value=packed, tag="msgpack"))
    )


def _walk_python(value: Any, path: list[types_pb2.PromiseAttribute], where: str) -> Any:
    for attribute in path:
        key: str | int = (
            attribute.string_value if attribute.WhichOneof("value") == "string_value" else attribute.int_value
        )
        if (isinstance(value, dict) and key in value) or (
            isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value)
        ):
            value = value[key] if isinstance(value, dict) else value[int(key)]
        else:
            raise BindingError(f"attribute {key!r} does not exist in {where}")
    return value


def _struct_to_python(struct: struct_pb2.Struct) -> dict[str, Any]:
    from google.protobuf import json_format

    result: dict[str, Any] = json_format.MessageToDict(struct)
    return result


def _python_to_literal(value: Any, where: str) -> literals_pb2.Literal:
    if isinstance(value, list):
        items = [_python_to_literal(item, where) for item in value]
        return literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=items))
    primitive = literals_pb2.Primitive()
    if isinstance(value, bool):
        primitive.boolean = value
    elif isinstance(value, int):
        primitive.integer = value
    elif isinstance(value, float):
        if value.is_integer():
            primitive.integer = int(value)
        else:
            primitive.float_value = value
    elif isinstance(value, str):
        primitive.string_value = value
    elif value is None:
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))
    else:
        raise BindingError(f"value {value!r} of {where} cannot be turned into a literal")
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=primitive))
