"""pydantic v2 models through the type engine: msgpack binary literals, the model's JSON schema as
metadata, nested models and files, the old JSON Struct form, and tasks passing models."""

from __future__ import annotations

import os
from pathlib import Path

import msgpack  # type: ignore[import-untyped]
import pytest
from google.protobuf import json_format, struct_pb2
from pydantic import BaseModel

from flyteidl.core import literals_pb2, types_pb2
from flytekit import FlyteFile, task, workflow
from flytekit.core.context_manager import FlyteContext, FlyteContextManager
from flytekit.core.type_engine import TypeEngine


class Inner(BaseModel):
    a: int = 1


class Outer(BaseModel):
    name: str
    inner: Inner = Inner()
    items: list[Inner] = []
    doc: FlyteFile | None = None


@pytest.fixture
def ctx() -> FlyteContext:
    return FlyteContextManager.current_context()


def test_literal_type_is_a_struct_with_schema_and_fields() -> None:
    lt = TypeEngine.to_literal_type(Outer)
    assert lt.simple == types_pb2.STRUCT
    assert json_format.MessageToDict(lt.metadata) == Outer.model_json_schema()  # numbers compare as floats
    assert set(lt.structure.dataclass_type) == {"name", "inner", "items", "doc"}
    assert json_format.MessageToDict(lt.annotation.annotations) == {
        "cache-key-metadata": {"serialization-format": "msgpack"}
    }


def test_values_are_msgpack_and_files_inside_are_uploaded(ctx: FlyteContext, tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("body")
    value = Outer(name="x", items=[Inner(a=2)], doc=FlyteFile(str(tmp_path / "doc.txt")))
    literal = TypeEngine.to_literal(ctx, value, Outer)
    assert literal.scalar.binary.tag == "msgpack"
    stored = msgpack.loads(literal.scalar.binary.value)
    assert stored["doc"]["path"].startswith(ctx.file_access.raw_output_prefix.rstrip("/"))
    back = TypeEngine.to_python_value(ctx, literal, Outer)
    assert back.items == [Inner(a=2)] and Path(back.doc).read_text() == "body"


def test_old_json_struct_form_is_read(ctx: FlyteContext) -> None:
    generic = struct_pb2.Struct()
    generic.update({"name": "old", "inner": {"a": 5}})
    literal = literals_pb2.Literal(scalar=literals_pb2.Scalar(generic=generic))
    assert TypeEngine.to_python_value(ctx, literal, Outer) == Outer(name="old", inner=Inner(a=5))


def test_old_format_env_writes_struct(ctx: FlyteContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYTE_USE_OLD_DC_FORMAT", "true")
    literal = TypeEngine.to_literal(ctx, Inner(a=3), Inner)
    assert json_format.MessageToDict(literal.scalar.generic) == {"a": 3.0}


@task
def grow(o: Outer) -> Outer:
    grown: Outer = o.model_copy(update={"items": [*o.items, Inner(a=len(o.items))]})
    return grown


@workflow
def grow_twice(o: Outer) -> Outer:
    return grow(o=grow(o=o))  # type: ignore[no-any-return]


def test_models_cross_task_boundaries() -> None:
    result = grow_twice(o=Outer(name="n"))
    assert [i.a for i in result.items] == [0, 1]
    assert os.environ.get("FLYTE_USE_OLD_DC_FORMAT") is None
