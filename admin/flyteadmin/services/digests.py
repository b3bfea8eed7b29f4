"""Digests and structural diffs of registered entities.

Registration is idempotent per version: re-registering the same content is ALREADY_EXISTS (clients
treat it as success), different content under the same version is INVALID_ARGUMENT with a diff that
points at what changed. The digest is a SHA-256 of the deterministic protobuf serialization.
"""

from __future__ import annotations

import hashlib
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message

__all__ = ["digest", "structural_diff"]

_MAX_DIFF_LINES = 20


def digest(message: Message) -> str:
    return hashlib.sha256(message.SerializeToString(deterministic=True)).hexdigest()


def _walk(path: str, old: Any, new: Any, lines: list[str]) -> None:
    if len(lines) >= _MAX_DIFF_LINES or old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            _walk(f"{path}/{key}", old.get(key), new.get(key), lines)
        return
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (left, right) in enumerate(zip(old, new, strict=True)):
            _walk(f"{path}/{index}", left, right, lines)
        return
    lines.append(f"\t\t- {path or '/'}: {_short(old)} -> {_short(new)}")


def _short(value: Any) -> str:
    text = "(absent)" if value is None else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def structural_diff(old: Message, new: Message) -> str:
    """The JSON paths at which ``new`` differs from ``old``, one per line (at most 20)."""
    lines: list[str] = []
    _walk(
        "",
        json_format.MessageToDict(old, preserving_proto_field_name=True),
        json_format.MessageToDict(new, preserving_proto_field_name=True),
        lines,
    )
    return "\n".join(lines)
