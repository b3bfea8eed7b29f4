"""FlyteFile and FlyteDirectory fields inside dataclasses, encoded as flytekit 1.16 encodes them.

In a dataclass's msgpack value such a field is the map ``{"path": <uri>}``: the file or folder is
first converted by the type engine (so a local path is uploaded to the raw output prefix, exactly
as a task output would be) and the blob's URI is kept. Reading turns ``{"path": uri}`` (or a bare
string, as older values hold) back through the type engine, giving a lazily downloaded object.
The field's JSON schema is the object flytekit's FlyteFile/FlyteDirectory dataclasses produce.

mashumaro picks these hooks up from a dialect made per dataclass type, listing every
FlyteFile/FlyteDirectory class found in its (nested) field types.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import typing
from typing import Any

from flytekit.core.type_engine import TypeEngine, get_underlying_type


def _is_blob_class(t: Any) -> bool:
    from flytekit.types._blob_paths import BlobPath

    return isinstance(t, type) and issubclass(t, BlobPath)


def _blob_classes(t: Any, seen: set[Any]) -> set[type]:
    if t in seen:
        return set()
    seen.add(t)
    t = get_underlying_type(t)
    if _is_blob_class(t):
        return {t}
    found: set[type] = set()
    if dataclasses.is_dataclass(t) and isinstance(t, type):
        for hint in typing.get_type_hints(t).values():
            found |= _blob_classes(hint, seen)
    for arg in typing.get_args(t):
        found |= _blob_classes(arg, seen)
    return found


def _to_field(value: Any, cls: type) -> dict[str, str]:
    from flytekit.core.context_manager import FlyteContextManager

    if isinstance(value, str | os.PathLike) and not isinstance(value, cls):
        value = cls(os.fspath(value))
    ctx = FlyteContextManager.current_context()
    literal = TypeEngine.to_literal(ctx, value, cls, TypeEngine.to_literal_type(cls))
    return {"path": literal.scalar.blob.uri}


def _from_field(value: Any, cls: type) -> Any:
    from flyteidl.core import literals_pb2
    from flytekit.core.context_manager import FlyteContextManager

    uri = value.get("path") if isinstance(value, dict) else value
    if uri is None:
        return None
    blob_type = TypeEngine.to_literal_type(cls).blob
    literal = literals_pb2.Literal(
        scalar=literals_pb2.Scalar(
            blob=literals_pb2.Blob(uri=str(uri), metadata=literals_pb2.BlobMetadata(type=blob_type))
        )
    )
    return TypeEngine.to_python_value(FlyteContextManager.current_context(), literal, cls)


@functools.cache
def blob_dialect(t: Any) -> Any:
    """A mashumaro dialect encoding the FlyteFile/FlyteDirectory fields of ``t``; None when it has none."""
    classes = _blob_classes(t, set())
    if not classes:
        return None
    from mashumaro.dialect import Dialect

    strategies = {
        cls: {
            "serialize": functools.partial(_to_field, cls=cls),
            "deserialize": functools.partial(_from_field, cls=cls),
        }
        for cls in classes
    }
    return type("BlobFieldsDialect", (Dialect,), {"serialization_strategy": strategies})


@functools.cache
def _schema_of(is_directory: bool) -> Any:
    """The JSON schema flytekit's FlyteFile / FlyteDirectory dataclass gives (title, path[, metadata])."""
    from mashumaro.jsonschema import build_json_schema

    namespace: dict[str, Any] = {
        "__annotations__": {"path": typing.Union[str, os.PathLike]},  # noqa: UP007 (the schema's anyOf)
        "path": None,
    }
    if not is_directory:
        namespace["__annotations__"]["metadata"] = typing.Optional[dict[str, str]]  # noqa: UP045
        namespace["metadata"] = None
    shape: Any = dataclasses.dataclass(type("FlyteDirectory" if is_directory else "FlyteFile", (), namespace))
    return build_json_schema(shape)


def schema_plugins() -> list[Any]:
    """mashumaro JSON-schema plugins describing FlyteFile/FlyteDirectory fields as flytekit does."""
    from mashumaro.jsonschema.plugins import BasePlugin

    class BlobFieldsPlugin(BasePlugin):
        def get_schema(self, instance: Any, ctx: Any, schema: Any = None) -> Any:
            t = get_underlying_type(instance.type)
            if not _is_blob_class(t):
                return None
            from flytekit.types.directory import FlyteDirectory

            return _schema_of(issubclass(t, FlyteDirectory))

    return [BlobFieldsPlugin()]
