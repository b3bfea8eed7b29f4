"""flytekit.interaction: short string forms of literals (against flytekit 1.16.31), the stdin prompt,
the progress callback, ``flyte://`` URI resolution and the click types' edge cases."""

from __future__ import annotations

import base64
import datetime
import enum
import io
import json
import subprocess
import typing
from pathlib import Path
from typing import Any

import click
import msgpack  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner
from google.protobuf import struct_pb2

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.interaction.click_types import (
    EnumParamType,
    FileParamType,
    FlyteLiteralConverter,
    JSONIteratorParamType,
    PickleParamType,
    StructuredDatasetParamType,
    UnionParamType,
    is_pydantic_basemodel,
    literal_type_to_click_type,
    modify_literal_uris,
)
from flytekit.interaction.parse_stdin import parse_stdin_to_literal
from flytekit.interaction.rich_utils import RichCallback
from flytekit.interaction.string_literals import literal_map_string_repr, literal_string_repr
from flytekit.remote.remote_fs import FlytePathResolver
from flytekit.types.file import FlyteFile, JSONLFile
from flytekit.types.iterator.json_iterator import JSON
from tests.reference.venvs import ensure_venv


def _scalar(**kwargs: Any) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(**kwargs))


def _literals() -> dict[str, literals_pb2.Literal]:
    generic = struct_pb2.Struct()
    generic.update({"a": 1, "b": ["x"]})
    blob = literals_pb2.Blob(
        uri="s3://b/f.csv", metadata=literals_pb2.BlobMetadata(type=types_pb2.BlobType())
    )
    union = literals_pb2.Union(value=_scalar(primitive=literals_pb2.Primitive(integer=5)))
    return {
        "none": _scalar(none_type=literals_pb2.Void()),
        "error": _scalar(error=types_pb2.Error(failed_node_id="n0", message="boom")),
        "blob": _scalar(blob=blob),
        "sd": _scalar(structured_dataset=literals_pb2.StructuredDataset(uri="s3://b/sd")),
        "schema": _scalar(schema=literals_pb2.Schema(uri="s3://b/schema")),
        "msgpack": _scalar(binary=literals_pb2.Binary(value=msgpack.packb({"x": [1, 2]}), tag="msgpack")),
        "generic": _scalar(generic=generic),
        "union": _scalar(union=union),
        "nested": literals_pb2.Literal(
            collection=literals_pb2.LiteralCollection(
                literals=[
                    literals_pb2.Literal(map=literals_pb2.LiteralMap(literals={"k": _scalar(blob=blob)}))
                ]
            )
        ),
    }


COMPARE = """
import json, sys, base64
from flyteidl.core import literals_pb2
from flytekit.models.literals import Literal
from flytekit.interaction.string_literals import literal_string_repr
out = {}
for name, data in json.loads(sys.stdin.read()).items():
    lit = Literal.from_flyte_idl(literals_pb2.Literal.FromString(base64.b64decode(data)))
    out[name] = literal_string_repr(lit)
print(json.dumps(out, default=repr))
"""


@pytest.mark.integration
def test_string_forms_equal_flytekits() -> None:
    python = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).python
    payload = {k: base64.b64encode(v.SerializeToString()).decode() for k, v in _literals().items()}
    result = subprocess.run(
        [str(python), "-c", COMPARE], input=json.dumps(payload), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    expected = json.loads(result.stdout.strip().splitlines()[-1])
    ours = {k: literal_string_repr(v) for k, v in _literals().items()}
    assert json.loads(json.dumps(ours, default=repr)) == expected


def test_string_forms_of_maps_and_raw_binaries() -> None:
    lm = literals_pb2.LiteralMap(literals={"a": _literals()["none"], "b": _literals()["sd"]})
    assert literal_map_string_repr(lm) == {"a": None, "b": "s3://b/sd"}
    assert literal_map_string_repr(dict(lm.literals)) == {"a": None, "b": "s3://b/sd"}
    raw = _scalar(binary=literals_pb2.Binary(value=b"\x00\x01", tag="other"))
    assert literal_string_repr(raw) == base64.b64encode(b"\x00\x01")
    when = literals_pb2.Primitive()
    when.datetime.FromDatetime(datetime.datetime(2024, 5, 6, 7, 8, 9))
    assert literal_string_repr(_scalar(primitive=when)) == "2024-05-06T07:08:09+00:00"
    with pytest.raises(ValueError, match="Unknown literal type"):
        literal_string_repr(literals_pb2.Literal())


def test_parse_stdin_prompts_until_the_answer_parses() -> None:
    ctx = FlyteContextManager.current_context()
    runner = CliRunner()
    with runner.isolation(input="abc\n12\n") as streams:
        literal = parse_stdin_to_literal(ctx, int, "Give a number")
    assert literal.scalar.primitive.integer == 12
    shown = streams[0].getvalue().decode()
    assert "Give a number" in shown and "is not a valid integer" in shown
    with runner.isolation(input='{"a": [1, 2]}\n'):
        mapping = parse_stdin_to_literal(ctx, dict[str, list[int]], "Give a map")
    assert [x.scalar.primitive.integer for x in mapping.map.literals["a"].collection.literals] == [1, 2]


def test_rich_callback_tracks_a_transfer() -> None:
    from rich.console import Console

    console = Console(file=io.StringIO(), force_terminal=False)
    callback = RichCallback(rich_kwargs={"console": console})
    callback.set_size(10)
    callback.relative_update(3)
    callback.absolute_update(8)
    task = callback._pb.tasks[0]
    assert (task.total, task.completed, task.description) == (10, 8, "Downloading...")
    callback.close()


def test_flyte_uris_resolve_to_uploaded_paths() -> None:
    FlytePathResolver.add_mapping("flyte://v1/p/d/x", "s3://bucket/real/x")
    blob = literals_pb2.Blob(uri="flyte://v1/p/d/x")
    unknown = literals_pb2.Blob(uri="flyte://v1/p/d/unknown")
    lit = literals_pb2.Literal(
        collection=literals_pb2.LiteralCollection(
            literals=[
                _scalar(blob=blob),
                _scalar(
                    union=literals_pb2.Union(
                        value=_scalar(
                            structured_dataset=literals_pb2.StructuredDataset(uri="flyte://v1/p/d/x")
                        )
                    )
                ),
                _scalar(blob=unknown),
            ]
        )
    )
    modify_literal_uris(lit)
    items = lit.collection.literals
    assert items[0].scalar.blob.uri == "s3://bucket/real/x"
    assert items[1].scalar.union.value.scalar.structured_dataset.uri == "s3://bucket/real/x"
    assert items[2].scalar.blob.uri == "flyte://v1/p/d/unknown"


class Shade(enum.Enum):
    DARK = "dark"
    LIGHT = "light"


def test_click_type_choices(tmp_path: Path) -> None:
    def click_type(t: Any) -> click.ParamType[Any]:
        return literal_type_to_click_type(TypeEngine.to_literal_type(t), t)

    assert isinstance(click_type(Shade), EnumParamType)
    assert click_type(Shade).convert("light", None, None) is Shade.LIGHT
    with pytest.raises(click.BadParameter):
        click_type(Shade).convert("grey", None, None)
    assert isinstance(click_type(typing.Iterator[JSON]), JSONIteratorParamType)
    assert isinstance(click_type(JSONLFile), FileParamType)  # same blob format, told apart by the type
    file_type = click_type(FlyteFile)
    assert isinstance(file_type, FileParamType)
    with pytest.raises(click.BadParameter, match="does not exist"):
        file_type.convert(str(tmp_path / "missing.txt"), None, None)
    assert os_path(file_type.convert("s3://bucket/key.csv", None, None)) == "s3://bucket/key.csv"
    union = click_type(int | str)
    assert isinstance(union, UnionParamType) and union.name == "integer|text"
    assert union.convert("5", None, None) == 5 and union.convert("five", None, None) == "five"
    optional = click_type(float | None)
    assert optional.name == "float|text"
    sd = StructuredDatasetParamType().convert("s3://b/sd", None, None)
    assert sd.uri == "s3://b/sd"
    assert PickleParamType().convert("json:dumps", None, None) is json.dumps
    with pytest.raises(click.BadParameter, match="Failed to import module"):
        PickleParamType().convert("no_such_module_x:thing", None, None)
    assert PickleParamType().convert("not-a-reference", None, None) == "not-a-reference"


def os_path(value: Any) -> str:
    return str(getattr(value, "path", value))


def test_converter_turns_values_into_literals_for_remote_runs() -> None:
    ctx = FlyteContextManager.current_context()
    converter = FlyteLiteralConverter(
        ctx, TypeEngine.to_literal_type(datetime.date), datetime.date, is_remote=True
    )
    literal = converter.convert(None, None, converter.click_type.convert("2024-02-03", None, None))
    assert literal_string_repr(literal).startswith("2024-02-03T00:00:00")
    local = FlyteLiteralConverter(ctx, TypeEngine.to_literal_type(int), int, is_remote=False)
    option = click.Option(["--n"], default=4)
    assert local.convert(None, option, 4) is None  # the default: left to the launch plan
    assert local.convert(None, option, 5) == 5
    assert not is_pydantic_basemodel(int)
