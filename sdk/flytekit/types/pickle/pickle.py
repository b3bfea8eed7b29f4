"""The pickle fallback: a value of a type no transformer handles is cloudpickled to a file.

The file is named after the MD5 of its bytes and uploaded to ``<raw output prefix>/<random>/<md5>``;
the literal is a ``PythonPickle``-format single blob pointing at it, and the literal type records the
Python type as ``metadata.python_class_name``. Pickles only travel between identical Python (and
library) versions, which is why the type engine warns once per type when it falls back to this.

``FlytePickle[T]`` names the fallback explicitly in an annotation; it is looked up through its
``__origin__`` like any generic alias.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, Any

from flytekit.core.type_engine import TypeTransformer, TypeTransformerFailedError

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
    from flytekit.core.context_manager import FlyteContext

PYTHON_PICKLE_FORMAT = "PythonPickle"


class FlytePickle:
    """Marks a value as carried by pickle; ``FlytePickle[T]`` remembers ``T``."""

    @classmethod
    def python_type(cls) -> Any:
        return type(None)

    def __class_getitem__(cls, python_type: Any) -> Any:
        if python_type is None:
            return cls
        carried = python_type

        class _SpecificFormatClass(FlytePickle):
            __origin__ = FlytePickle

            @classmethod
            def python_type(cls) -> Any:
                return carried

        return _SpecificFormatClass

    @classmethod
    def to_pickle(cls, ctx: FlyteContext, python_val: Any) -> str:
        """Cloudpickle ``python_val`` to a file and upload it under the raw output prefix; its URI."""
        import cloudpickle  # type: ignore[import-untyped]

        data = cloudpickle.dumps(python_val)
        digest = hashlib.md5(data, usedforsecurity=False).hexdigest()
        local_path = ctx.file_access.get_random_local_path(digest)
        os.makedirs(os.path.dirname(local_path), exist_ok=True)
        with open(local_path, "wb") as out:
            out.write(data)
        return ctx.file_access.put_data(local_path, ctx.file_access.get_random_remote_path(local_path))

    @classmethod
    def from_pickle(cls, uri: str) -> Any:
        """The value pickled at ``uri`` (downloaded first when remote)."""
        import cloudpickle

        from flytekit.core.context_manager import FlyteContextManager

        fa = FlyteContextManager.current_context().file_access
        path = uri
        if fa.is_remote(uri):
            path = fa.get_random_local_path()
            fa.get_data(uri, path)
        elif path.startswith("file://"):
            path = path[len("file://") :]
        with open(path, "rb") as infile:
            return cloudpickle.load(infile)


def _blob_type() -> types_pb2.BlobType:
    from flyteidl.core import types_pb2

    return types_pb2.BlobType(format=PYTHON_PICKLE_FORMAT, dimensionality=types_pb2.BlobType.SINGLE)


class FlytePickleTransformer(TypeTransformer[FlytePickle]):
    strips_annotations = True

    PYTHON_PICKLE_FORMAT = PYTHON_PICKLE_FORMAT

    def __init__(self) -> None:
        super().__init__("FlytePickle", FlytePickle)

    def assert_type(self, t: Any, v: Any) -> None:
        """Anything can be pickled."""

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        from flyteidl.core import types_pb2

        literal_type = types_pb2.LiteralType(blob=_blob_type())
        literal_type.metadata.update({"python_class_name": str(t)})
        return literal_type

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        from flyteidl.core import literals_pb2

        if python_val is None:
            raise AssertionError("Cannot pickle None Value.")
        uri = FlytePickle.to_pickle(ctx, python_val)
        blob = literals_pb2.Blob(metadata=literals_pb2.BlobMetadata(type=_blob_type()), uri=uri)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(blob=blob))

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "blob":
            raise TypeTransformerFailedError(
                f"Cannot read a pickled {expected_python_type} from a literal that holds no blob"
            )
        return FlytePickle.from_pickle(lv.scalar.blob.uri)

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        from flyteidl.core import types_pb2

        blob = literal_type.blob if literal_type.WhichOneof("type") == "blob" else None
        if (
            blob is not None
            and blob.dimensionality == types_pb2.BlobType.SINGLE
            and blob.format == PYTHON_PICKLE_FORMAT
        ):
            return FlytePickle
        raise ValueError(f"Transformer {self} cannot reverse {literal_type}")


__all__ = ["FlytePickle", "FlytePickleTransformer"]
