"""Deterministic names derived from execution ids: label values, the shard key, short unique ids.

These rules are shared by admin (which labels the FlyteWorkflow object) and propeller (which names
pods, child executions and raw-output folders after them), so both compute them from one place.
"""

from __future__ import annotations

import base64
import re

SHARD_KEYSPACE_SIZE = 32

_FNV32_OFFSET = 0x811C9DC5
_FNV32_PRIME = 0x01000193
_FNV64_OFFSET = 0xCBF29CE484222325
_FNV64_PRIME = 0x100000001B3
_STD_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_FLYTE_BASE32 = "abcdefghijklmnopqrstuvwxyz123456"
_LABEL_VALUE_MAX = 63


def fnv32a(data: str | bytes) -> int:
    """The 32-bit FNV-1a hash of ``data`` (UTF-8 for strings)."""
    return _fnv1a(data, _FNV32_OFFSET, _FNV32_PRIME, 0xFFFFFFFF)


def fnv64a(data: str | bytes) -> int:
    """The 64-bit FNV-1a hash of ``data`` (UTF-8 for strings)."""
    return _fnv1a(data, _FNV64_OFFSET, _FNV64_PRIME, 0xFFFFFFFFFFFFFFFF)


def _fnv1a(data: str | bytes, offset: int, prime: int, mask: int) -> int:
    raw = data.encode() if isinstance(data, str) else data
    value = offset
    for byte in raw:
        value = ((value ^ byte) * prime) & mask
    return value


def fixed_length_unique_id(value: str, max_length: int, *, wide_hash: bool = False) -> str:
    """``value`` itself if it fits in ``max_length``, else ``f`` + unpadded base32 of its FNV-1a hash.

    The base32 alphabet is ``a-z1-6`` (so results are valid DNS labels); the 32-bit hash is used
    unless ``wide_hash`` asks for the 64-bit one (child execution names of definition version 1).
    """
    if len(value) <= max_length:
        return value
    digest = fnv64a(value).to_bytes(8, "big") if wide_hash else fnv32a(value).to_bytes(4, "big")
    encoded = base64.b32encode(digest).decode().rstrip("=")
    return "f" + encoded.translate(str.maketrans(_STD_BASE32, _FLYTE_BASE32))


def shard_key(execution_name: str) -> str:
    """The ``shard-key`` label: ``fnv32a(execution name) % 32`` as a decimal string."""
    return str(fnv32a(execution_name) % SHARD_KEYSPACE_SIZE)


def sanitize_label_value(value: str) -> str:
    """Lower-case, replace characters outside ``[-a-z0-9]`` by ``-``, cut to 63, trim dashes."""
    cleaned = re.sub(r"[^-a-z0-9]", "-", value.lower())[:_LABEL_VALUE_MAX]
    return cleaned.strip("-")


def workflow_name_label(workflow_spec_id: str) -> str:
    """The ``workflow-name`` label: the last ``:`` token of ``project:domain:name``, sanitized."""
    return sanitize_label_value(workflow_spec_id.split(":")[-1])
