"""Binding resolution: scalars, collections, maps, promises with aliases, indices and attribute paths."""

from __future__ import annotations

import msgpack  # type: ignore[import-untyped]
import pytest
from google.protobuf import struct_pb2

from flyteidl.core import literals_pb2, types_pb2
from flytepropeller.nodes import BindingError, resolve_bindings
from tests.stdlib.flyteworkflow.closures import int_literal, promise

UPSTREAM = {
    "n0": literals_pb2.LiteralMap(
        literals={
            "o0": int_literal(3),
            "o1": literals_pb2.Literal(
                collection=literals_pb2.LiteralCollection(literals=[int_literal(10), int_literal(11)])
            ),
            "o2": literals_pb2.Literal(map=literals_pb2.LiteralMap(literals={"k": int_literal(5)})),
        }
    )
}


def read(node_id: str) -> literals_pb2.LiteralMap:
    return UPSTREAM[node_id]


def no_aliases(node_id: str) -> dict[str, str]:
    return {}


def binding(var: str, data: literals_pb2.BindingData) -> literals_pb2.Binding:
    return literals_pb2.Binding(var=var, binding=data)


def test_scalars_collections_maps_and_promises() -> None:
    result = resolve_bindings(
        [
            binding("a", literals_pb2.BindingData(scalar=int_literal(1).scalar)),
            binding(
                "b",
                literals_pb2.BindingData(
                    collection=literals_pb2.BindingDataCollection(
                        bindings=[promise("n0", "o0"), literals_pb2.BindingData(scalar=int_literal(2).scalar)]
                    )
                ),
            ),
            binding(
                "c",
                literals_pb2.BindingData(
                    map=literals_pb2.BindingDataMap(bindings={"x": promise("n0", "o0")})
                ),
            ),
            binding("d", promise("n0", "[1].o1")),
        ],
        read,
        no_aliases,
    )
    assert result.literals["a"].scalar.primitive.integer == 1
    assert [item.scalar.primitive.integer for item in result.literals["b"].collection.literals] == [3, 2]
    assert result.literals["c"].map.literals["x"].scalar.primitive.integer == 3
    assert result.literals["d"].scalar.primitive.integer == 11


def test_output_aliases_and_attribute_paths() -> None:
    data = promise("n0", "renamed")
    data.promise.attr_path.append(types_pb2.PromiseAttribute(string_value="k"))
    result = resolve_bindings([binding("x", data)], read, lambda node_id: {"renamed": "o2"})
    assert result.literals["x"].scalar.primitive.integer == 5


def test_attribute_paths_into_structs_and_msgpack() -> None:
    struct = struct_pb2.Struct()
    struct.update({"inner": {"n": 4, "s": "v"}})
    packed = msgpack.packb({"items": [1, {"deep": "yes"}]})
    outputs = literals_pb2.LiteralMap(
        literals={
            "s": literals_pb2.Literal(scalar=literals_pb2.Scalar(generic=struct)),
            "b": literals_pb2.Literal(
                scalar=literals_pb2.Scalar(binary=literals_pb2.Binary(value=packed, tag="msgpack"))
            ),
        }
    )
    to_struct = promise("n0", "s")
    to_struct.promise.attr_path.extend(
        [types_pb2.PromiseAttribute(string_value="inner"), types_pb2.PromiseAttribute(string_value="n")]
    )
    to_binary = promise("n0", "b")
    to_binary.promise.attr_path.extend(
        [types_pb2.PromiseAttribute(string_value="items"), types_pb2.PromiseAttribute(int_value=1)]
    )
    result = resolve_bindings(
        [binding("n", to_struct), binding("d", to_binary)], lambda _: outputs, no_aliases
    )
    assert result.literals["n"].scalar.primitive.integer == 4
    assert msgpack.unpackb(result.literals["d"].scalar.binary.value) == {"deep": "yes"}


def test_a_missing_output_names_node_and_variable() -> None:
    with pytest.raises(BindingError, match=r"input 'x': node 'n0' has no output 'nope'"):
        resolve_bindings([binding("x", promise("n0", "nope"))], read, no_aliases)
