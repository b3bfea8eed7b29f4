"""Annotated types and the newer families: FlyteAnnotation merged into the literal type, HashMethod in
``Literal.hash``, typing.Literal, iterators, JSON iterators, TextIO/BinaryIO inputs, protobuf
messages, dicts that fall back to pickles, pickle_untyped tasks."""

from __future__ import annotations

import datetime
import io
import typing
from typing import Annotated, Any

import pytest
from google.protobuf import json_format, struct_pb2

from flyteidl.core import identifier_pb2, literals_pb2, types_pb2
from flytekit import BatchSize, HashMethod, kwtypes, task, workflow
from flytekit.core.annotation import FlyteAnnotation
from flytekit.core.context_manager import FlyteContext, FlyteContextManager
from flytekit.core.type_engine import TypeEngine, TypeTransformerFailedError
from flytekit.types.iterator import JSON, FlyteIterator


@pytest.fixture
def ctx() -> FlyteContext:
    return FlyteContextManager.current_context()


def annotation_of(lt: types_pb2.LiteralType) -> dict[str, Any]:
    return json_format.MessageToDict(lt.annotation.annotations)


def test_flyte_annotation_is_merged_and_cache_key_is_reserved() -> None:
    lt = TypeEngine.to_literal_type(Annotated[int, FlyteAnnotation({"unit": "cm"})])
    assert lt.simple == types_pb2.INTEGER and annotation_of(lt) == {"unit": "cm"}
    merged = TypeEngine.to_literal_type(Annotated[typing.Literal["a"], FlyteAnnotation({"ui": 1})])
    assert annotation_of(merged) == {"ui": 1.0, "literal_values": ["a"]}
    with pytest.raises(AssertionError, match="cache-key-metadata"):
        TypeEngine.to_literal_type(Annotated[int, FlyteAnnotation({"cache-key-metadata": {}})])
    with pytest.raises(ValueError, match="More than one FlyteAnnotation"):
        TypeEngine.to_literal_type(Annotated[int, FlyteAnnotation({}), FlyteAnnotation({})])


def test_hash_method_sets_literal_hash(ctx: FlyteContext) -> None:
    t = Annotated[list[int], HashMethod(lambda xs: f"n={len(xs)}")]
    literal = TypeEngine.to_literal(ctx, [1, 2], t, TypeEngine.to_literal_type(t))
    assert literal.hash == "n=2"
    assert TypeEngine.to_python_value(ctx, literal, t) == [1, 2]
    assert TypeEngine.to_literal(ctx, [1], list[int]).hash == ""


def test_batch_size_annotation_keeps_the_collection(ctx: FlyteContext) -> None:
    t = Annotated[list[int], BatchSize(2)]
    assert TypeEngine.to_literal_type(t) == TypeEngine.to_literal_type(list[int])
    assert TypeEngine.to_python_value(ctx, TypeEngine.to_literal(ctx, [1, 2, 3], t), t) == [1, 2, 3]


def test_typing_literal(ctx: FlyteContext) -> None:
    t = typing.Literal["fast", "slow"]
    lt = TypeEngine.to_literal_type(t)
    assert lt.simple == types_pb2.STRING and annotation_of(lt) == {"literal_values": ["fast", "slow"]}
    assert TypeEngine.to_python_value(ctx, TypeEngine.to_literal(ctx, "slow", t, lt), t) == "slow"
    assert TypeEngine.guess_python_type(lt) is str, "as in flytekit, the str transformer answers first"
    with pytest.raises(TypeTransformerFailedError, match="same type"):
        TypeEngine.to_literal_type(typing.Literal["a", 1])


def test_iterators(ctx: FlyteContext) -> None:
    t = typing.Iterator[int]
    literal = TypeEngine.to_literal(ctx, iter([1, 2]), t)
    assert TypeEngine.to_literal_type(t) == types_pb2.LiteralType(
        collection_type=types_pb2.LiteralType(simple=types_pb2.INTEGER)
    )
    back = TypeEngine.to_python_value(ctx, literal, t)
    assert (
        isinstance(back, FlyteIterator) and len(back) == 2 and list(back) == [1, 2] and list(back) == [1, 2]
    )


def test_json_iterator_is_a_jsonl_file(ctx: FlyteContext) -> None:
    t = typing.Iterator[JSON]
    rows = [{"a": 1, "é": [1.5, None]}, [1, "x"], "s", True]
    literal = TypeEngine.to_literal(ctx, iter(rows), t)
    assert literal.scalar.blob.metadata.type.format == "jsonl"
    with open(literal.scalar.blob.uri, encoding="utf-8") as f:
        assert f.read().splitlines()[0] == '{"a": 1, "é": [1.5, null]}'
    assert list(TypeEngine.to_python_value(ctx, literal, t)) == rows
    # as in flytekit, the file transformer claims a jsonl blob type first
    assert TypeEngine.guess_python_type(TypeEngine.to_literal_type(t)).extension() == "jsonl"
    with pytest.raises(ValueError, match="empty"):
        TypeEngine.to_literal(ctx, iter([]), t)


def test_text_and_binary_streams_are_inputs(ctx: FlyteContext, tmp_path: Any) -> None:
    path = tmp_path / "in.txt"
    path.write_text("line")
    blob = literals_pb2.Blob(uri=str(path))
    literal = literals_pb2.Literal(scalar=literals_pb2.Scalar(blob=blob))
    assert TypeEngine.to_literal_type(typing.TextIO).blob.format == "text/plain"
    assert TypeEngine.to_literal_type(typing.BinaryIO).blob.format == "application/octet-stream"
    with TypeEngine.to_python_value(ctx, literal, typing.TextIO) as text:
        assert text.read() == "line"
    with TypeEngine.to_python_value(ctx, literal, typing.BinaryIO) as data:
        assert data.read() == b"line"
    with pytest.raises(NotImplementedError, match="input-only"):
        TypeEngine.to_literal(ctx, io.StringIO("x"), typing.TextIO)


def test_protobuf_messages(ctx: FlyteContext) -> None:
    t = identifier_pb2.Identifier
    lt = TypeEngine.to_literal_type(t)
    assert (
        lt.simple == types_pb2.STRUCT and lt.metadata["pb_type"] == "flyteidl.core.identifier_pb2.Identifier"
    )
    value = identifier_pb2.Identifier(project="p", name="n")
    assert TypeEngine.to_python_value(ctx, TypeEngine.to_literal(ctx, value, t), t) == value
    assert TypeEngine.guess_python_type(lt) is t
    listed = TypeEngine.to_literal(
        ctx, struct_pb2.ListValue(values=[struct_pb2.Value(number_value=1)]), struct_pb2.ListValue
    )
    assert len(listed.collection.literals) == 1


def test_dicts_with_values_msgpack_cannot_encode(ctx: FlyteContext) -> None:
    value = {"when": datetime.datetime(2024, 1, 1)}
    with pytest.raises(TypeTransformerFailedError, match="Cannot convert"):
        TypeEngine.to_literal(ctx, value, dict)
    t = Annotated[dict, kwtypes(allow_pickle=True)]
    literal = TypeEngine.to_literal(ctx, value, t)
    assert dict(literal.metadata) == {"format": "pickle"} and "pickle_file" in literal.scalar.generic.fields
    assert TypeEngine.to_python_value(ctx, literal, t) == value
    with pytest.raises(ValueError, match="FlyteAnnotations applied to dicts"):
        TypeEngine.to_literal_type(Annotated[dict, FlyteAnnotation({"a": 1})])


@task(pickle_untyped=True)
def untyped(a, b: int):  # type: ignore[no-untyped-def]
    return [a, b]


@workflow(pickle_untyped=True)
def untyped_wf(a):  # type: ignore[no-untyped-def]
    return untyped(a=a, b=1)


def test_pickle_untyped_parameters_and_outputs_are_any() -> None:
    assert untyped.python_interface.inputs == {"a": typing.Any, "b": int}
    assert untyped.python_interface.outputs == {"o0": typing.Any}
    assert untyped_wf(a={3}) == [{3}, 1]
