"""``typing.TextIO`` / ``typing.BinaryIO`` inputs: a single blob (format ``text/plain`` /
``application/octet-stream``) downloaded and opened for reading.

As in flytekit they are input-only: a task cannot return an open stream (return a ``FlyteFile``).
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import TransformerRegistry, TypeTransformer, TypeTransformerFailedError

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext


class StreamOutputError(TypeTransformerFailedError, NotImplementedError):
    """A stream was returned where a literal is needed (flytekit raises NotImplementedError here)."""


class _StreamTransformer(TypeTransformer[Any]):
    strips_annotations = True

    def __init__(self, name: str, t: Any, blob_format: str, mode: str) -> None:
        super().__init__(name, t)
        self._format = blob_format
        self._mode = mode

    def _blob_type(self) -> types_pb2.BlobType:
        return types_pb2.BlobType(format=self._format, dimensionality=types_pb2.BlobType.SINGLE)

    def assert_type(self, t: Any, v: Any) -> None:
        """Streams are only ever received; nothing to check."""

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(blob=self._blob_type())

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        raise StreamOutputError(
            f"A {self.name} value cannot be turned into a literal: streams are input-only. "
            "Write the data to a file and return a FlyteFile instead."
        )

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "blob":
            raise TypeTransformerFailedError(f"Cannot read a {self.name} from a literal that holds no blob")
        local_path = ctx.file_access.get_random_local_path()
        ctx.file_access.get_data(lv.scalar.blob.uri, local_path)
        return open(local_path, self._mode)


def register(registry: TransformerRegistry) -> None:
    registry.register(_StreamTransformer("TextIO", typing.TextIO, "text/plain", "r"))
    registry.register(_StreamTransformer("BinaryIO", typing.BinaryIO, "application/octet-stream", "rb"))
