"""Literal types, literals and read-back values of the wider type families, run by either flytekit.

Pickle fallback, ``typing.Literal``, ``Annotated`` (FlyteAnnotation, HashMethod, BatchSize),
iterators, protobuf messages, restricted tuples, untyped dicts with pickles, pydantic models.
``test_reference_more_types`` runs this with our interpreter and the reference flytekit 1.16.31's
(plus pydantic) and compares. Uploaded URIs are random: every 32-hex-digit path segment under the
raw output prefix becomes ``<HASH>`` (the pickle file name is the MD5 of its bytes, compared
through ``pickle_md5`` where cloudpickle's output is stable). Each case also records ``repr`` of the value read back when that is stable.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import json
import re
import typing
from collections.abc import Iterator
from typing import Annotated, Any, NamedTuple, Optional, Union

from google.protobuf import struct_pb2

from flyteidl.core import identifier_pb2
from flytekit import BatchSize, HashMethod, kwtypes
from flytekit.core.annotation import FlyteAnnotation
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.types.iterator import JSON

try:
    import pydantic
except ImportError:  # the driver also runs where pydantic is missing; those cases are then skipped
    pydantic = None  # type: ignore[assignment]


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Coord(NamedTuple):
    x: int
    y: int


@dataclasses.dataclass
class Point:
    x: int
    y: float = 0.5


class Opaque:
    """A class no transformer knows: pickled."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __repr__(self) -> str:
        return f"Opaque({self.n})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and other.n == self.n


def _double(x: int) -> str:
    return str(2 * x)


CASES: list[tuple[str, Any, Any]] = [
    ("pickle_class", Opaque, Opaque(1)),
    ("pickle_any", Any, 3),
    ("pickle_bytes", bytes, b"ab"),
    ("pickle_none_refused", Opaque, None),
    ("pickle_optional", Optional[Opaque], Opaque(2)),
    ("pickle_optional_none", Optional[Opaque], None),
    ("pickle_union_ambiguous", Union[int, Opaque], 3),
    ("pickle_list_batch", Annotated[list[Opaque], BatchSize(2)], [Opaque(1), Opaque(2), Opaque(3)]),
    ("pickle_dict_values", dict[str, Opaque], {"a": Opaque(5)}),
    ("literal_str", typing.Literal["a", "b"], "a"),
    ("literal_int", typing.Literal[1, 2], 2),
    ("literal_mixed", typing.Literal["a", 1], "a"),
    ("literal_wrong_value_type", typing.Literal["a", "b"], 1),
    ("annotated_plain", Annotated[int, "just a note"], 3),
    ("flyte_annotation", Annotated[int, FlyteAnnotation({"foo": {"bar": 1}, "n": [1, "x"]})], 3),
    ("flyte_annotation_reserved", Annotated[int, FlyteAnnotation({"cache-key-metadata": {}})], 3),
    ("flyte_annotation_two", Annotated[int, FlyteAnnotation({"a": 1}), FlyteAnnotation({"b": 2})], 3),
    ("flyte_annotation_dataclass", Annotated[Point, FlyteAnnotation({"ui": "point"})], Point(1)),
    ("flyte_annotation_list", Annotated[list[str], FlyteAnnotation({"k": "v"})], ["a"]),
    ("flyte_annotation_dict_refused", Annotated[dict, FlyteAnnotation({"k": "v"})], {"a": 1}),
    ("flyte_annotation_enum_refused", Annotated[Color, FlyteAnnotation({"k": "v"})], Color.RED),
    ("hash_method", Annotated[int, HashMethod(_double)], 4),
    ("hash_method_in_list", list[Annotated[int, HashMethod(_double)]], [1, 2]),
    ("hash_method_str", Annotated[str, HashMethod(lambda s: s.upper())], "abc"),
    ("enum_from_str_value", Color, "green"),
    ("enum_unknown_str", Color, "blue"),
    ("optional_enum_from_str", Optional[Color], "red"),
    ("union_str_enum_prefers_str", Union[str, Color], "red"),
    ("iterator_int", typing.Iterator[int], iter([1, 2, 3])),
    ("iterator_abc", Iterator[str], iter(["a"])),
    ("json_iterator", typing.Iterator[JSON], iter([{"a": 1, "é": [1, 2.5, None]}, [1, "x"], "s", 3, True])),
    ("json_iterator_empty", typing.Iterator[JSON], iter([])),
    ("textio_value_refused", typing.TextIO, None),
    ("binaryio_value_refused", typing.BinaryIO, None),
    ("protobuf_struct", struct_pb2.Struct, struct_pb2.Struct(fields={"a": struct_pb2.Value(number_value=1)})),
    (
        "protobuf_message",
        identifier_pb2.Identifier,
        identifier_pb2.Identifier(project="p", name="n", resource_type=identifier_pb2.TASK),
    ),
    (
        "protobuf_list_value",
        struct_pb2.ListValue,
        struct_pb2.ListValue(values=[struct_pb2.Value(string_value="x")]),
    ),
    ("tuple_bare", tuple, (1, 2)),
    ("tuple_typed", tuple[int, str], (1, "a")),
    ("typing_tuple", typing.Tuple[int, str], (1, "a")),
    ("named_tuple_value", Coord, Coord(1, 2)),
    ("list_of_tuples", list[tuple[int, int]], [(1, 2)]),
    ("dict_of_tuples", dict[str, tuple[int, int]], {"a": (1, 2)}),
    ("list_bare", list, [1]),
    ("typing_list_bare", typing.List, [1]),
    ("tuple_value_for_int", int, (1, 2)),
    ("none_for_int", int, None),
    ("pep604_optional_list", list[int] | None, [1]),
    ("pep604_nested", dict[str, list[int | None]], {"a": [1, None]}),
    ("pep604_union_three", int | str | None, "x"),
    ("dict_unencodable", dict, {"when": datetime.datetime(2024, 1, 1)}),
    (
        "dict_allow_pickle",
        Annotated[dict, kwtypes(allow_pickle=True)],
        {"when": datetime.datetime(2024, 1, 1)},
    ),
    ("dict_allow_pickle_plain", Annotated[dict, kwtypes(allow_pickle=True)], {"a": 1}),
    ("dict_nonstr_keys", dict[int, list[str]], {1: ["a"]}),
]

if pydantic is not None:

    class Inner(pydantic.BaseModel):
        a: int = 1
        tags: list[str] = []

    class Model(pydantic.BaseModel):
        x: int
        s: str = "hi"
        f: Optional[float] = None
        inner: Inner = Inner()
        items: list[Inner] = []
        by_name: dict[str, Inner] = {}
        color: Color = Color.RED
        when: datetime.datetime = datetime.datetime(2024, 1, 1)
        pt: Optional[Point] = None

    CASES += [
        (
            "pydantic_model",
            Model,
            Model(x=3, items=[Inner(a=2, tags=["t"])], by_name={"k": Inner()}, pt=Point(1)),
        ),
        ("pydantic_optional", Optional[Model], Model(x=1)),
        ("pydantic_list", list[Inner], [Inner(), Inner(a=5)]),
        ("pydantic_wrong_value", Model, {"x": 1}),
    ]

ROUND_TRIPS = {
    "pickle_class",
    "pickle_any",
    "pickle_bytes",
    "pickle_optional",
    "pickle_list_batch",
    "pickle_dict_values",
    "literal_str",
    "flyte_annotation_dataclass",
    "enum_from_str_value",
    "optional_enum_from_str",
    "protobuf_struct",
    "protobuf_message",
    "dict_allow_pickle",
    "dict_nonstr_keys",
    "pydantic_model",
    "pydantic_optional",
    "pydantic_list",
}
MARKER = "@@ cases @@"
# cloudpickle output is stable for these; classes pickled by value carry interpreter-specific details
STABLE_PICKLES = {"pickle_any", "pickle_bytes", "dict_allow_pickle"}
LISTED = {"iterator_int", "iterator_abc", "json_iterator"}  # read back as iterators: compare list(...)


def _proto(message: Any) -> Any:
    return message.to_flyte_idl() if hasattr(message, "to_flyte_idl") else message


def _normalise_uri(uri: str, raw: str) -> str:
    if not uri.startswith(raw):
        return uri
    return "RAW/" + re.sub(r"(^|/)[0-9a-f]{32}(?=/|$)", r"\1<HASH>", uri[len(raw) :].lstrip("/"))


def _pickle_md5(uri: str) -> str:
    with open(uri, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def _normalise(literal: Any, raw: str, md5s: list[str]) -> None:
    """Rewrite blob URIs (and pickle_file struct entries) under ``raw`` in place; collect pickle MD5s."""
    kind = literal.WhichOneof("value")
    if kind == "collection":
        for item in literal.collection.literals:
            _normalise(item, raw, md5s)
    elif kind == "map":
        for key in sorted(literal.map.literals):
            _normalise(literal.map.literals[key], raw, md5s)
    elif kind == "scalar":
        scalar = literal.scalar.WhichOneof("value")
        if scalar == "union":
            _normalise(literal.scalar.union.value, raw, md5s)
        elif scalar == "blob":
            if literal.scalar.blob.metadata.type.format == "PythonPickle":
                md5s.append(_pickle_md5(literal.scalar.blob.uri))
            literal.scalar.blob.uri = _normalise_uri(literal.scalar.blob.uri, raw)
        elif scalar == "generic" and "pickle_file" in literal.scalar.generic.fields:
            uri = literal.scalar.generic.fields["pickle_file"].string_value
            md5s.append(_pickle_md5(uri))
            literal.scalar.generic.fields["pickle_file"].string_value = _normalise_uri(uri, raw)


def _value(name: str, value: Any) -> str:
    if name in LISTED:
        value = list(value)
    if pydantic is not None and isinstance(value, pydantic.BaseModel):
        return value.model_dump_json()
    if (
        pydantic is not None
        and isinstance(value, list)
        and value
        and isinstance(value[0], pydantic.BaseModel)
    ):
        return json.dumps([v.model_dump(mode="json") for v in value])
    if hasattr(value, "DESCRIPTOR"):
        return str(value).replace("\n", " ")
    return repr(value)


def main() -> None:
    ctx = FlyteContextManager.current_context()
    raw = ctx.file_access.raw_output_prefix.rstrip("/")
    out: dict[str, dict[str, Any]] = {}
    for name, python_type, value in CASES:
        result: dict[str, Any] = {}
        out[name] = result
        try:
            literal_type = TypeEngine.to_literal_type(python_type)
            result["type"] = _proto(literal_type).SerializeToString(deterministic=True).hex()
            literal = TypeEngine.to_literal(ctx, value, python_type, literal_type)
            if name in ROUND_TRIPS or name in LISTED:
                result["value"] = _value(name, TypeEngine.to_python_value(ctx, literal, python_type))
            proto = _proto(literal)
            md5s: list[str] = []
            _normalise(proto, raw, md5s)
            result["literal"] = proto.SerializeToString(deterministic=True).hex()
            if name in STABLE_PICKLES:
                result["pickle_md5"] = md5s
        except Exception as exc:
            result["error"] = type(exc).__name__
    # the reference logs to stdout: the JSON follows a marker line
    print(MARKER)
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
