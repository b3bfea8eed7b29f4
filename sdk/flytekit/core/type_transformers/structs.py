"""Dataclasses and untyped dicts as ``simple: STRUCT`` literal types with msgpack ``Binary`` values.

A dataclass's literal type carries its JSON schema (mashumaro's) as ``metadata``, the literal type
of every field as ``structure.dataclass_type``, and the ``cache-key-metadata`` annotation naming the
msgpack format; its values are mashumaro's msgpack encoding, ``Binary{tag: "msgpack"}``. Values
written by older flytekits as a ``generic`` protobuf Struct (JSON) are still readable. Untyped
``dict`` (and dicts whose keys are not str) use the same STRUCT type without schema or structure.

msgpack and mashumaro are imported on first use, keeping ``import flytekit`` light.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import types
import typing
from typing import TYPE_CHECKING, Any

from google.protobuf import json_format, struct_pb2

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    NoneType,
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
    annotations_of,
    get_underlying_type,
)
from flytekit.core.type_transformers.blob_fields import blob_dialect, schema_plugins

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

logger = logging.getLogger(__name__)

MESSAGEPACK = "msgpack"


def msgpack_annotation() -> types_pb2.TypeAnnotation:
    """``{"cache-key-metadata": {"serialization-format": "msgpack"}}``, as flytekit annotates STRUCTs."""
    annotations = struct_pb2.Struct()
    annotations.update({"cache-key-metadata": {"serialization-format": MESSAGEPACK}})
    return types_pb2.TypeAnnotation(annotations=annotations)


def _binary_literal(value: bytes) -> literals_pb2.Literal:
    binary = literals_pb2.Binary(value=value, tag=MESSAGEPACK)
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(binary=binary))


def _struct_payload(lv: literals_pb2.Literal, wanted: Any) -> tuple[str, Any]:
    """("msgpack", bytes) or ("generic", dict) held by a STRUCT literal; anything else is refused."""
    if lv.WhichOneof("value") == "scalar":
        kind = lv.scalar.WhichOneof("value")
        if kind == "binary":
            if lv.scalar.binary.tag != MESSAGEPACK:
                raise TypeTransformerFailedError(
                    f"Cannot read {wanted} from a binary tagged {lv.scalar.binary.tag!r}; expected 'msgpack'"
                )
            return MESSAGEPACK, lv.scalar.binary.value
        if kind == "generic":
            return "generic", json_format.MessageToDict(lv.scalar.generic)
    raise TypeTransformerFailedError(
        f"Cannot read {wanted} from a literal that holds no msgpack binary or struct"
    )


# FlyteFile/FlyteDirectory fields get flytekit's encoding through a per-type dialect (blob_fields).
@functools.cache
def _encoder(t: Any) -> Any:
    from mashumaro.codecs.msgpack import MessagePackEncoder

    return MessagePackEncoder(t, default_dialect=blob_dialect(t))


@functools.cache
def _decoder(t: Any) -> Any:
    from mashumaro.codecs.msgpack import MessagePackDecoder

    return MessagePackDecoder(t, default_dialect=blob_dialect(t))


@functools.cache
def _basic_decoder(t: Any) -> Any:
    from mashumaro.codecs.basic import BasicDecoder

    return BasicDecoder(t, default_dialect=blob_dialect(t))


def _ints_restored(value: Any, t: Any) -> Any:
    """``value`` (from JSON, where every number is a float) with whole floats made ints where ``t`` says int."""
    if t is int and isinstance(value, float) and value.is_integer():
        return int(value)
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if dataclasses.is_dataclass(t) and isinstance(value, dict):
        hints = typing.get_type_hints(t)
        return {k: _ints_restored(v, hints.get(k, Any)) for k, v in value.items()}
    if origin is list and args and isinstance(value, list):
        return [_ints_restored(v, args[0]) for v in value]
    if origin is dict and len(args) == 2 and isinstance(value, dict):
        return {k: _ints_restored(v, args[1]) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType) and value is not None:
        non_none = [a for a in args if a is not NoneType]
        if len(non_none) == 1:
            return _ints_restored(value, non_none[0])
    return value


def _json_schema(t: Any) -> dict[str, Any] | None:
    try:
        from mashumaro.jsonschema import build_json_schema

        schema: dict[str, Any] = build_json_schema(t, plugins=schema_plugins()).to_dict()
        return schema
    except Exception as exc:
        logger.warning("No JSON schema for %s: %s", t, exc)
        return None


class DataclassTransformer(TypeTransformer[Any]):
    def __init__(self) -> None:
        super().__init__("Object-Dataclass-Transformer", object)

    def assert_type(self, t: Any, v: Any) -> None:
        t = get_underlying_type(t)
        if isinstance(v, dict):
            return  # flytekit accepts a dict of the dataclass's fields
        if not dataclasses.is_dataclass(v) or not isinstance(v, t):
            raise TypeTransformerFailedError(f"Expected a {t} dataclass but got '{v}' of type {type(v)}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        from flytekit.core.annotation import FlyteAnnotation

        if any(isinstance(a, FlyteAnnotation) for a in annotations_of(t)):
            raise ValueError(
                "Flytekit does not currently have support for FlyteAnnotations applied to Dataclass. "
                f"Type {t} cannot be parsed."
            )
        t = get_underlying_type(t)
        hints = typing.get_type_hints(t)
        fields = {f.name: TypeEngine.to_literal_type(hints[f.name]) for f in dataclasses.fields(t)}
        literal_type = types_pb2.LiteralType(
            simple=types_pb2.STRUCT,
            annotation=msgpack_annotation(),
            structure=types_pb2.TypeStructure(dataclass_type=fields),
        )
        schema = _json_schema(t)
        if schema is not None:
            literal_type.metadata.update(schema)
        return literal_type

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        python_type = get_underlying_type(python_type)
        self.assert_type(python_type, python_val)
        if isinstance(python_val, dict):
            try:
                python_val = _basic_decoder(python_type).decode(python_val)
            except Exception as exc:
                raise TypeTransformerFailedError(
                    f"Dict {python_val} does not fit dataclass {python_type}: {exc}"
                ) from exc
        try:
            return _binary_literal(_encoder(python_type).encode(python_val))
        except Exception as exc:
            raise TypeTransformerFailedError(f"Cannot encode {python_val!r} as {python_type}: {exc}") from exc

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        expected_python_type = get_underlying_type(expected_python_type)
        kind, payload = _struct_payload(lv, expected_python_type)
        try:
            if kind == MESSAGEPACK:
                return _decoder(expected_python_type).decode(payload)
            return _basic_decoder(expected_python_type).decode(_ints_restored(payload, expected_python_type))
        except Exception as exc:
            raise TypeTransformerFailedError(
                f"Cannot read {expected_python_type} from {kind} value: {exc}"
            ) from exc

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        raise ValueError("dataclasses are not guessed back; untyped STRUCTs come back as dict")


def untyped_dict_literal_type() -> types_pb2.LiteralType:
    return types_pb2.LiteralType(simple=types_pb2.STRUCT, annotation=msgpack_annotation())


def untyped_dict_to_literal(
    ctx: FlyteContext, python_val: dict[Any, Any], allow_pickle: bool = False
) -> literals_pb2.Literal:
    """msgpack Binary of ``python_val``; with ``allow_pickle``, values msgpack cannot encode make it a
    pickle file instead, referenced by a ``{"pickle_file": uri}`` struct (literal metadata ``format: pickle``)."""
    import msgpack  # type: ignore[import-untyped]

    try:
        return _binary_literal(msgpack.dumps(python_val))
    except TypeError as exc:
        if not allow_pickle:
            raise TypeTransformerFailedError(
                f"Cannot convert `{python_val}` to Flyte Literal.\nError Message: {exc}"
            ) from exc
    from flytekit.types.pickle.pickle import FlytePickle

    generic = struct_pb2.Struct()
    generic.update({"pickle_file": FlytePickle.to_pickle(ctx, python_val)})
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(generic=generic), metadata={"format": "pickle"})


def untyped_dict_to_python(lv: literals_pb2.Literal, expected_python_type: Any) -> dict[Any, Any]:
    if lv.metadata.get("format") == "pickle" and lv.scalar.WhichOneof("value") == "generic":
        from flytekit.types.pickle.pickle import FlytePickle

        pickled: dict[Any, Any] = FlytePickle.from_pickle(
            lv.scalar.generic.fields["pickle_file"].string_value
        )
        return pickled
    kind, payload = _struct_payload(lv, expected_python_type)
    if kind == MESSAGEPACK:
        import msgpack

        payload = msgpack.loads(payload, strict_map_key=False)
    if not typing.get_args(expected_python_type):
        return dict(payload)
    try:
        value: dict[Any, Any] = _basic_decoder(expected_python_type).decode(payload)
    except Exception as exc:
        raise TypeTransformerFailedError(
            f"Cannot read {expected_python_type} from {payload!r}: {exc}"
        ) from exc
    return value


def register(registry: TransformerRegistry) -> None:
    registry.register_predicate(
        lambda t: isinstance(t, type) and dataclasses.is_dataclass(t), DataclassTransformer()
    )
