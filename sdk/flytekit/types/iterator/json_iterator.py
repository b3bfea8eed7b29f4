"""``Iterator[JSON]``: a stream of JSON values written as a JSON-lines file (blob format ``jsonl``,
literal type metadata ``{"format": "json iterator"}``) and read back one line at a time."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, TypeAlias, Union

from flytekit.core.type_engine import TypeTransformer, TypeTransformerFailedError

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
    from flytekit.core.context_manager import FlyteContext

JSONCollection: TypeAlias = dict[str, Any] | list[Any]
JSONScalar: TypeAlias = bool | float | int | str
JSON: TypeAlias = Union[JSONCollection, JSONScalar]  # noqa: UP007 - the alias flytekit users spell Iterator[JSON]

JSON_ITERATOR_FORMAT = "jsonl"
JSON_ITERATOR_METADATA = "json iterator"

# the encoder the jsonlines package writes with by default, so files are byte-identical
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


class JSONIterator(Iterator[Any]):
    """Yields the values of a JSON-lines file; closes it when exhausted."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def __iter__(self) -> JSONIterator:
        return self

    def __next__(self) -> Any:
        for line in self._stream:
            if line.strip():
                return json.loads(line)
        self._stream.close()
        raise StopIteration("File handler is exhausted")


def _blob_type() -> types_pb2.BlobType:
    from flyteidl.core import types_pb2

    return types_pb2.BlobType(format=JSON_ITERATOR_FORMAT, dimensionality=types_pb2.BlobType.SINGLE)


class JSONIteratorTransformer(TypeTransformer[Iterator[JSON]]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("JSON Iterator", Iterator[JSON])

    def assert_type(self, t: Any, v: Any) -> None:
        if not hasattr(v, "__iter__"):
            raise TypeTransformerFailedError(f"Expected an iterator of JSON values but got {type(v)}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        from flyteidl.core import types_pb2

        literal_type = types_pb2.LiteralType(blob=_blob_type())
        literal_type.metadata.update({"format": JSON_ITERATOR_METADATA})
        return literal_type

    def to_literal(
        self, ctx: FlyteContext, python_val: Iterator[JSON], python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        from flyteidl.core import literals_pb2

        local_path = ctx.file_access.get_random_local_path()
        os.makedirs(os.path.dirname(local_path), exist_ok=True)
        empty = True
        with open(local_path, "w") as out:
            for value in python_val:
                out.write(_ENCODER.encode(value) + "\n")
                empty = False
        if empty:
            raise ValueError("The iterator is empty.")
        uri = ctx.file_access.put_data(local_path, ctx.file_access.get_random_remote_path(local_path))
        blob = literals_pb2.Blob(metadata=literals_pb2.BlobMetadata(type=_blob_type()), uri=uri)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(blob=blob))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> JSONIterator:
        if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "blob":
            raise TypeTransformerFailedError(f"Cannot convert from {lv} to {expected_python_type}")
        uri = lv.scalar.blob.uri
        path = uri
        if ctx.file_access.is_remote(uri):
            path = ctx.file_access.get_random_local_path()
            ctx.file_access.get_data(uri, path)
        elif path.startswith("file://"):
            path = path[len("file://") :]
        return JSONIterator(open(path))

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        from google.protobuf import json_format

        if (
            literal_type.WhichOneof("type") == "blob"
            and literal_type.blob.format == JSON_ITERATOR_FORMAT
            and json_format.MessageToDict(literal_type.metadata) == {"format": JSON_ITERATOR_METADATA}
        ):
            return Iterator[JSON]
        raise ValueError(f"Transformer {self} cannot reverse {literal_type}.")
