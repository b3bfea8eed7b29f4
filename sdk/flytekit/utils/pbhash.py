"""Stable hashes of protobuf messages: sha256 of the message's JSON form with sorted keys and no
spaces, so equal messages hash equally whatever their map order or serialization."""

from __future__ import annotations

import base64
import hashlib
import json

from google.protobuf import json_format
from google.protobuf.message import Message


def compute_hash(pb: Message) -> bytes:
    """The 32-byte sha256 of ``pb``'s canonical JSON; ValueError when it has no JSON form."""
    try:
        text = json.dumps(json_format.MessageToDict(pb), sort_keys=True, separators=(",", ":"))
    except Exception as exc:
        raise ValueError(f"Failed to marshal Protobuf object {pb} to JSON with error: {exc}") from exc
    return hashlib.sha256(text.encode("utf-8")).digest()


def compute_hash_string(pb: Message) -> str:
    """``compute_hash`` in base64."""
    return base64.b64encode(compute_hash(pb)).decode("utf-8")
