"""``np.ndarray`` as a single-file blob of format ``NumpyArray``: the array saved with ``np.save``.

Writing saves to a random local ``.npy`` file and uploads it to ``<raw output prefix>/<random>/``;
reading downloads the blob and loads it. ``Annotated[np.ndarray, kwtypes(allow_pickle=True,
mmap_mode="r")]`` passes those options to numpy. numpy is imported only when the transformer is used.
"""

from __future__ import annotations

import collections
import os
import typing
from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import TypeTransformer, TypeTransformerFailedError

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

NUMPY_ARRAY_FORMAT = "NumpyArray"
_SINGLE = types_pb2.BlobType.BlobDimensionality.SINGLE


def extract_metadata(t: Any) -> tuple[Any, dict[str, Any]]:
    """The base type of ``Annotated[np.ndarray, kwtypes(...)]`` and its options (``allow_pickle``, ``mmap_mode``)."""
    if typing.get_origin(t) is not typing.Annotated:
        return t, {}
    base_type, *extras = typing.get_args(t)
    metadata: dict[str, Any] | None = None
    for extra in extras:
        if isinstance(extra, collections.OrderedDict):
            if metadata is not None:
                raise TypeTransformerFailedError(
                    f"Metadata {metadata} is already specified, cannot use {extra}."
                )
            metadata = dict(extra)
        elif type(extra).__name__ != "HashMethod":
            raise TypeTransformerFailedError(f"The metadata for {t} must be of type kwtypes or HashMethod.")
    return base_type, metadata or {}


def _blob_type() -> types_pb2.BlobType:
    return types_pb2.BlobType(format=NUMPY_ARRAY_FORMAT, dimensionality=_SINGLE)


class NumpyArrayTransformer(TypeTransformer[Any]):
    """``np.ndarray`` <-> ``.npy`` blob."""

    NUMPY_ARRAY_FORMAT = NUMPY_ARRAY_FORMAT

    def __init__(self) -> None:
        import numpy as np

        super().__init__("Numpy Array", np.ndarray)

    def assert_type(self, t: Any, v: Any) -> None:
        base_type, _ = extract_metadata(t)
        if not isinstance(v, base_type):
            raise TypeTransformerFailedError(
                f"Expected value of type {base_type} but got '{v}' of type {type(v)}"
            )

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(blob=_blob_type())

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        import numpy as np

        _, metadata = extract_metadata(python_type)
        fa = ctx.file_access
        local_path = fa.get_random_local_path() + ".npy"
        os.makedirs(os.path.dirname(local_path), exist_ok=True)
        np.save(file=local_path, arr=python_val, allow_pickle=metadata.get("allow_pickle", False))
        uri = fa.put_raw_data(local_path)
        blob = literals_pb2.Blob(metadata=literals_pb2.BlobMetadata(type=_blob_type()), uri=uri)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(blob=blob))

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        import numpy as np

        if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "blob":
            raise TypeTransformerFailedError(f"Cannot convert from {lv} to {expected_python_type}")
        _, metadata = extract_metadata(expected_python_type)
        local_path = ctx.file_access.get_random_local_path()
        ctx.file_access.get_data(lv.scalar.blob.uri, local_path)
        return np.load(
            file=local_path,
            allow_pickle=metadata.get("allow_pickle", False),
            mmap_mode=metadata.get("mmap_mode"),
        )

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if (
            literal_type.WhichOneof("type") == "blob"
            and literal_type.blob.dimensionality == _SINGLE
            and literal_type.blob.format == NUMPY_ARRAY_FORMAT
        ):
            import numpy as np

            return np.ndarray
        raise ValueError(f"Transformer {self} cannot reverse {literal_type}")
