"""The JSON dialects and value formats of the FlyteWorkflow document.

The custom resource mixes two renderings of protobuf messages (flyte-propeller.md §1.4): "jsonpb"
(lowerCamelCase keys, enum names, defaults omitted) for wrapped messages such as ``inputs`` and
task templates, and the Go ``encoding/json`` rendering of raw proto structs (snake_case keys,
enums as integers) for ``executionId``, ``securityContext`` and ``rawOutputDataConfig``. Times are
RFC 3339 with second precision, durations are Go duration strings (``1h0m0s``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message

from flytestdlib.errors import InvalidWorkflowDocument

M = TypeVar("M", bound=Message)


def to_jsonpb(message: Message) -> dict[str, Any]:
    """Render ``message`` the way Go's jsonpb does: camelCase keys, enum names, defaults omitted."""
    return json_format.MessageToDict(message)


def from_jsonpb(value: Any, message_type: type[M], *, where: str) -> M:
    """Parse a jsonpb rendering into ``message_type``; ``where`` names the document field on error."""
    message = message_type()
    if value is None:
        return message
    try:
        json_format.ParseDict(value, message, ignore_unknown_fields=True)
    except json_format.ParseError as error:
        raise InvalidWorkflowDocument(
            f"FlyteWorkflow field {where!r} is not a valid {message_type.DESCRIPTOR.full_name}: {error}"
        ) from error
    return message


def to_gojson(message: Message) -> dict[str, Any]:
    """Render ``message`` like Go ``encoding/json`` on a proto struct: snake_case keys, enum ints."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True, use_integers_for_enums=True)


def from_gojson(value: Any, message_type: type[M], *, where: str) -> M:
    """Parse a Go-json rendering (snake_case, enum ints) into ``message_type``."""
    return from_jsonpb(value, message_type, where=where)


def format_time(moment: datetime) -> str:
    """RFC 3339 in UTC with second precision, as ``metav1.Time`` serializes."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str, *, where: str) -> datetime:
    """Parse an RFC 3339 time written by :func:`format_time` (or any ISO 8601 with offset)."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidWorkflowDocument(
            f"FlyteWorkflow field {where!r} holds {value!r}, which is not an RFC 3339 time."
        ) from error
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def format_go_duration(duration: timedelta) -> str:
    """Render a duration like Go's ``time.Duration.String()`` (``1h0m0s``, ``1.5s``, ``0s``)."""
    total_ns = round(duration.total_seconds() * 1e9)
    if total_ns == 0:
        return "0s"
    sign = "-" if total_ns < 0 else ""
    total_ns = abs(total_ns)
    if total_ns < 1_000_000_000:
        for unit, size in (("ms", 1_000_000), ("µs", 1_000), ("ns", 1)):
            if total_ns >= size:
                return sign + _trim_fraction(total_ns / size) + unit
    hours, rest = divmod(total_ns, 3_600_000_000_000)
    minutes, rest = divmod(rest, 60_000_000_000)
    seconds = _trim_fraction(rest / 1e9)
    if hours:
        return f"{sign}{hours}h{minutes}m{seconds}s"
    if minutes:
        return f"{sign}{minutes}m{seconds}s"
    return f"{sign}{seconds}s"


def _trim_fraction(value: float) -> str:
    text = f"{value:.9f}".rstrip("0").rstrip(".")
    return text or "0"


def parse_go_duration(value: str, *, where: str) -> timedelta:
    """Parse a Go duration string such as ``1h0m0s`` or ``90s`` or ``1.5m``."""
    units = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}
    text = value.strip()
    negative = text.startswith("-")
    text = text.lstrip("+-")
    if text == "0":
        return timedelta(0)
    seconds = 0.0
    index = 0
    while index < len(text):
        start = index
        while index < len(text) and (text[index].isdigit() or text[index] == "."):
            index += 1
        number = text[start:index]
        unit_start = index
        while index < len(text) and not (text[index].isdigit() or text[index] == "."):
            index += 1
        unit = text[unit_start:index]
        if not number or unit not in units:
            raise InvalidWorkflowDocument(
                f"FlyteWorkflow field {where!r} holds {value!r}, which is not a Go duration such as '1h0m0s'."
            )
        seconds += float(number) * units[unit]
    return timedelta(seconds=-seconds if negative else seconds)
