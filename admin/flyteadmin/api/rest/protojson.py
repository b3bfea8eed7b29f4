"""protojson as grpc-gateway speaks it: snake_case field names, unpopulated fields emitted, int64 as
strings; and request messages assembled from a JSON body, path parameters and the query string.

Path and query parameters name fields by dotted path (``id.project``, ``sort_by.direction``); their
string values are converted by the field's type (enums accept names or numbers, bools ``true``/
``false``, well-known types their JSON forms such as ``"3.5s"``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from typing import Any

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from flyteadmin.errors import InvalidArgument

__all__ = ["message_to_json", "parse_body", "set_field"]


def message_to_json(message: Message) -> dict[str, Any]:
    """protojson of ``message`` with every unpopulated field present (unset messages as ``null``)."""
    rendered = json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    _emit_unset_messages(message.DESCRIPTOR, rendered)
    return rendered


# Messages protojson renders as scalars, lists or free-form objects: never walked into.
_OPAQUE = frozenset(
    {
        "google.protobuf.Timestamp",
        "google.protobuf.Duration",
        "google.protobuf.Struct",
        "google.protobuf.Value",
        "google.protobuf.ListValue",
        "google.protobuf.Any",
        "google.protobuf.FieldMask",
        "google.protobuf.BoolValue",
        "google.protobuf.StringValue",
        "google.protobuf.BytesValue",
        "google.protobuf.Int32Value",
        "google.protobuf.Int64Value",
        "google.protobuf.UInt32Value",
        "google.protobuf.UInt64Value",
        "google.protobuf.FloatValue",
        "google.protobuf.DoubleValue",
    }
)


def _emit_unset_messages(descriptor: Any, rendered: dict[str, Any]) -> None:
    """Add ``null`` for unset singular message fields outside oneofs, as grpc-gateway's
    EmitUnpopulated does, recursing into the messages that are set."""
    if descriptor.full_name in _OPAQUE:
        return
    for field in descriptor.fields:
        if field.message_type is None:
            continue
        value = rendered.get(field.name)
        if value is None:
            if not field.is_repeated and field.containing_oneof is None:
                rendered[field.name] = None
            continue
        inner = field.message_type
        if inner.GetOptions().map_entry:
            value_field = inner.fields_by_name["value"]
            if value_field.message_type is not None:
                for item in value.values():
                    if isinstance(item, dict):
                        _emit_unset_messages(value_field.message_type, item)
        elif field.is_repeated:
            for item in value:
                if isinstance(item, dict):
                    _emit_unset_messages(inner, item)
        elif isinstance(value, dict):
            _emit_unset_messages(inner, value)


def parse_body(body: bytes, message: Message) -> None:
    """Merge a JSON request body into ``message`` (both camelCase and snake_case names accepted)."""
    if not body.strip():
        return
    try:
        json_format.Parse(body, message)
    except (json_format.ParseError, UnicodeDecodeError) as error:
        raise InvalidArgument(
            f"The request body is not a valid {message.DESCRIPTOR.name}: {error}"
        ) from error


def _scalar(field: Any, text: str, path: str) -> Any:
    kind = field.type
    try:
        if kind == FieldDescriptor.TYPE_ENUM:
            enum = field.enum_type
            if text in enum.values_by_name:
                return enum.values_by_name[text].number
            return enum.values_by_number[int(text)].number
        if kind == FieldDescriptor.TYPE_BOOL:
            if text.lower() not in ("true", "false"):
                raise ValueError(text)
            return text.lower() == "true"
        if kind in (FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_DOUBLE):
            return float(text)
        if kind == FieldDescriptor.TYPE_STRING:
            return text
        if kind == FieldDescriptor.TYPE_BYTES:
            return base64.b64decode(text)
        return int(text)
    except (ValueError, KeyError) as error:
        raise InvalidArgument(f"invalid value for {path}: {text!r}") from error


def set_field(message: Message, path: str, values: Iterable[str]) -> None:
    """Set the field at dotted ``path`` of ``message`` from string ``values``; unknown paths are refused."""
    names = path.split(".")
    target = message
    for name in names[:-1]:
        parent: Any = target.DESCRIPTOR.fields_by_name.get(name)
        if parent is None or parent.message_type is None or parent.is_repeated:
            raise InvalidArgument(f"unknown parameter {path!r} for {message.DESCRIPTOR.name}")
        target = getattr(target, name)
    field: Any = target.DESCRIPTOR.fields_by_name.get(names[-1])
    if field is None:
        raise InvalidArgument(f"unknown parameter {path!r} for {message.DESCRIPTOR.name}")
    texts = list(values)
    if field.message_type is not None:
        if field.is_repeated:
            raise InvalidArgument(f"parameter {path!r} cannot be given in the URL")
        try:
            json_format.Parse(json.dumps(texts[-1]), getattr(target, field.name))
        except json_format.ParseError as error:
            raise InvalidArgument(f"invalid value for {path}: {texts[-1]!r}") from error
        return
    if field.is_repeated:
        getattr(target, field.name).extend(_scalar(field, text, path) for text in texts)
    else:
        setattr(target, field.name, _scalar(field, texts[-1], path))
