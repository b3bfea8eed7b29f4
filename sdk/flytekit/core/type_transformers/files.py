"""``FlyteFile`` / ``os.PathLike`` and ``FlyteDirectory`` as ``blob`` literal types and ``scalar.blob`` literals.

Writing: a remote URI (``s3://``, ``http(s)://``) is passed through as it is; a local path is uploaded
through the context's ``FileAccessProvider`` to ``<raw output prefix>/<random>/<basename>`` (a folder to
``<raw output prefix>/<random>``), unless the value asks otherwise (``remote_path=False`` keeps the
path; a ``str`` names the target). A file received from a remote store and returned unchanged keeps
its URI. Reading: a remote URI becomes a value with a local path under the sandbox and a downloader
that runs on first ``os.fspath`` / ``open`` / ``.download()``; local paths are used in place.

The blob format comes from the Python type (``FlyteFile["csv"]`` -> ``format: "csv"``); files are
``SINGLE``, folders ``MULTIPART``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, TypeVar

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.core.type_engine import TransformerRegistry, TypeTransformer, TypeTransformerFailedError
from flytekit.types.directory.types import FlyteDirectory
from flytekit.types.file.file import FlyteFile

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

_SINGLE = types_pb2.BlobType.BlobDimensionality.SINGLE
_MULTIPART = types_pb2.BlobType.BlobDimensionality.MULTIPART


def _format(t: Any, base: type[FlyteFile] | type[FlyteDirectory]) -> str:
    return t.extension() if isinstance(t, type) and issubclass(t, base) else ""


def _blob_literal(uri: str, blob_type: types_pb2.BlobType) -> literals_pb2.Literal:
    blob = literals_pb2.Blob(metadata=literals_pb2.BlobMetadata(type=blob_type), uri=uri)
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(blob=blob))


def _blob_uri(lv: literals_pb2.Literal, wanted: str) -> str:
    if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "blob":
        raise TypeTransformerFailedError(f"Cannot read a {wanted} from a literal that holds no blob: {lv}")
    uri: str = lv.scalar.blob.uri
    return uri


def _local(path: str) -> str:
    return path[len("file://") :] if path.startswith("file://") else path


_V = TypeVar("_V", FlyteFile, FlyteDirectory)


def _value_class(expected: Any, base: type[_V]) -> type[_V]:
    """The class to build: the expected one when it is a (format) subclass of ``base``, else ``base``."""
    return expected if isinstance(expected, type) and issubclass(expected, base) else base


def _guess_blob(literal_type: types_pb2.LiteralType) -> types_pb2.BlobType | None:
    if literal_type.WhichOneof("type") != "blob":
        return None
    return literal_type.blob


class FlyteFilePathTransformer(TypeTransformer[FlyteFile]):
    """Files: ``FlyteFile``, ``FlyteFile[fmt]`` and plain ``os.PathLike`` annotations."""

    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("FlyteFilePath", FlyteFile)

    def assert_type(self, t: Any, v: Any) -> None:
        if isinstance(v, FlyteDirectory) or not isinstance(v, str | os.PathLike | FlyteFile):
            # a plain TypeError, the class flytekit 1.16 raises here
            raise TypeError(
                f"No automatic conversion found from type {type(v)} to FlyteFile. "
                "Supported (os.PathLike, str, Flytefile)"
            )

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(
            blob=types_pb2.BlobType(format=_format(t, FlyteFile), dimensionality=_SINGLE)
        )

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(python_type, python_val)
        blob_type = types_pb2.BlobType(format=_format(python_type, FlyteFile), dimensionality=_SINGLE)
        remote_path: str | bool | None = None
        if isinstance(python_val, FlyteFile):
            if python_val.remote_source is not None:
                return _blob_literal(python_val.remote_source, blob_type)
            remote_path = python_val.remote_path
            source = python_val.path
        else:
            source = os.fspath(python_val)
        if FileAccessProvider.is_remote(source):
            return _blob_literal(source, blob_type)
        if remote_path is False:
            return _blob_literal(source, blob_type)
        if not os.path.isfile(_local(source)):
            raise TypeTransformerFailedError(f"Error converting {source} because it's not a file.")
        fa = ctx.file_access
        target = remote_path if isinstance(remote_path, str) else fa.get_random_remote_path(source)
        return _blob_literal(fa.put_data(source, target), blob_type)

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> FlyteFile:
        uri = _blob_uri(lv, "file")
        cls = _value_class(expected_python_type, FlyteFile)
        if not FileAccessProvider.is_remote(uri):
            return cls(_local(uri))
        fa = ctx.file_access
        local_path = fa.get_random_local_path(uri)
        return cls.from_remote(uri, local_path, lambda: fa.get_data(uri, local_path))

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        blob = _guess_blob(literal_type)
        if blob is None or blob.dimensionality != _SINGLE or blob.format == "PythonPickle":
            raise ValueError("not a file blob type")
        return FlyteFile.with_format(blob.format) if blob.format else FlyteFile


class FlyteDirToMultipartBlobTransformer(TypeTransformer[FlyteDirectory]):
    """Folders: ``FlyteDirectory`` and ``FlyteDirectory[fmt]``."""

    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("FlyteDirectory", FlyteDirectory)

    def assert_type(self, t: Any, v: Any) -> None:
        if isinstance(v, FlyteFile) or not isinstance(v, str | os.PathLike | FlyteDirectory):
            raise TypeError(
                f"No automatic conversion found from type {type(v)} to FlyteDirectory. "
                "Supported (os.PathLike, str, FlyteDirectory)"
            )

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        blob = types_pb2.BlobType(format=_format(t, FlyteDirectory), dimensionality=_MULTIPART)
        return types_pb2.LiteralType(blob=blob)

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(python_type, python_val)
        blob_type = types_pb2.BlobType(format=_format(python_type, FlyteDirectory), dimensionality=_MULTIPART)
        remote_directory: str | bool | None = None
        if isinstance(python_val, FlyteDirectory):
            if python_val.remote_source is not None:
                return _blob_literal(python_val.remote_source, blob_type)
            remote_directory = python_val.remote_directory
            source = python_val.path
        else:
            source = os.fspath(python_val)
        if FileAccessProvider.is_remote(source) or remote_directory is False:
            return _blob_literal(source, blob_type)
        if not os.path.isdir(_local(source)):
            raise TypeTransformerFailedError(f"Error converting {source} because it's not a directory.")
        fa = ctx.file_access
        target = remote_directory if isinstance(remote_directory, str) else fa.get_random_remote_path()
        return _blob_literal(fa.put_data(source, target, is_multipart=True), blob_type)

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> FlyteDirectory:
        uri = _blob_uri(lv, "directory")
        cls = _value_class(expected_python_type, FlyteDirectory)
        if not FileAccessProvider.is_remote(uri):
            return cls(_local(uri))
        fa = ctx.file_access
        local_path = fa.get_random_local_path()
        return cls.from_remote(uri, local_path, lambda: fa.get_data(uri, local_path, is_multipart=True))

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        blob = _guess_blob(literal_type)
        if blob is None or blob.dimensionality != _MULTIPART:
            raise ValueError("not a directory blob type")
        return FlyteDirectory.with_format(blob.format) if blob.format else FlyteDirectory


def register(registry: TransformerRegistry) -> None:
    registry.register(FlyteFilePathTransformer(), additional_types=[os.PathLike])
    registry.register(FlyteDirToMultipartBlobTransformer())
