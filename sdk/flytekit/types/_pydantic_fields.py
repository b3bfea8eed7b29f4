"""FlyteFile / FlyteDirectory as fields of pydantic v2 models (imported only when pydantic builds a schema).

Serializing a model uploads a local file or folder through the type engine, exactly as returning it
from a task would, and writes ``{"path": <uri>}``; validating ``{"path": ...}`` builds the value the
type engine builds for a received blob (remote ones download lazily). The JSON schema is the one
flytekit's dataclass-based FlyteFile gets from pydantic (``path`` and ``metadata`` properties), so
model literal types carry the same metadata.
"""

from __future__ import annotations

from typing import Any

from flytekit.types._blob_paths import BlobPath


def _family_name(cls: type[BlobPath]) -> str:
    return cls._family().__name__


def _blob_type(cls: type[BlobPath]) -> Any:
    from flyteidl.core import types_pb2

    multipart = _family_name(cls) == "FlyteDirectory"
    dimensionality = types_pb2.BlobType.MULTIPART if multipart else types_pb2.BlobType.SINGLE
    return types_pb2.BlobType(format="", dimensionality=dimensionality)


def _serialize(value: BlobPath) -> dict[str, Any]:
    from flytekit.core.context_manager import FlyteContextManager
    from flytekit.core.type_engine import TypeEngine

    literal = TypeEngine.to_literal(FlyteContextManager.current_context(), value, type(value))
    out: dict[str, Any] = {"path": literal.scalar.blob.uri}
    if literal.metadata:
        out["metadata"] = dict(literal.metadata)
    return out


def _from_uri(cls: type[BlobPath], uri: str) -> BlobPath:
    from flyteidl.core import literals_pb2
    from flytekit.core.context_manager import FlyteContextManager
    from flytekit.core.type_engine import TypeEngine

    blob = literals_pb2.Blob(metadata=literals_pb2.BlobMetadata(type=_blob_type(cls)), uri=uri)
    literal = literals_pb2.Literal(scalar=literals_pb2.Scalar(blob=blob))
    value: BlobPath = TypeEngine.to_python_value(FlyteContextManager.current_context(), literal, cls)
    return value


def _validator(cls: type[BlobPath]) -> Any:
    def validate(value: Any) -> BlobPath:
        if isinstance(value, cls):
            return value
        if isinstance(value, BlobPath) and value._family() is cls._family():
            return value
        if isinstance(value, dict) and isinstance(value.get("path"), str):
            return _from_uri(cls, value["path"])
        if isinstance(value, str):
            return cls(value)
        raise ValueError(f"Expected a {_family_name(cls)}, a path or {{'path': ...}}, got {type(value)}")

    return validate


def blob_path_core_schema(cls: type[BlobPath]) -> Any:
    from pydantic_core import core_schema

    return core_schema.no_info_plain_validator_function(
        _validator(cls),
        serialization=core_schema.plain_serializer_function_ser_schema(_serialize),
        ref=_family_name(cls),
    )


def blob_path_json_schema(cls: type[BlobPath]) -> dict[str, Any]:
    path_schema: dict[str, Any] = {
        "anyOf": [{"type": "string"}, {"format": "path", "type": "string"}],
        "default": None,
        "title": "Path",
    }
    if _family_name(cls) == "FlyteDirectory":
        return {"properties": {"path": path_schema}, "title": "FlyteDirectory", "type": "object"}
    metadata_schema: dict[str, Any] = {
        "anyOf": [{"additionalProperties": {"type": "string"}, "type": "object"}, {"type": "null"}],
        "default": None,
        "title": "Metadata",
    }
    return {
        "properties": {"path": path_schema, "metadata": metadata_schema},
        "title": "FlyteFile",
        "type": "object",
    }
