"""Fill ``{placeholders}`` in a nested structure of dicts, lists and strings (agent configs).

``{a.b.c}`` is looked up in ``update_dict`` by dotted path; a string that is exactly one
placeholder becomes the value itself (any type), otherwise the value is formatted into the
string. ``{idempotence_token}`` (or ``{inputs.idempotence_token}``) takes the given token; for the
``sagemaker`` service a filled-in string is cut to 63 characters by shortening the token.
"""

from __future__ import annotations

import re
from typing import Any

_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_SAGEMAKER_MAX = 63


def get_nested_value(d: dict[str, Any], keys: list[str]) -> Any:
    """``d[k1][k2]...``; a missing key raises ValueError naming it."""
    for key in keys:
        if key not in d:
            raise ValueError(f"Could not find the key {key} in {d}.")
        d = d[key]
    return d


def replace_placeholder(service: str, original_dict: str, placeholder: str, replacement: str) -> str:
    """``original_dict`` with ``{placeholder}`` replaced (see the module docstring for sagemaker)."""
    marker = f"{{{placeholder}}}"
    filled = original_dict.replace(marker, replacement)
    if (
        service == "sagemaker"
        and placeholder in ("inputs.idempotence_token", "idempotence_token")
        and len(filled) > _SAGEMAKER_MAX
    ):
        room = _SAGEMAKER_MAX - len(original_dict.replace(marker, ""))
        return original_dict.replace(marker, replacement[:room])
    return filled


def format_dict(
    service: str, original_dict: Any, update_dict: dict[str, Any], idempotence_token: str | None = None
) -> Any:
    """Fill the placeholders of ``original_dict`` (dicts are updated in place) from ``update_dict``."""
    if original_dict is None:
        return None
    if isinstance(original_dict, str) and "{" in original_dict and "}" in original_dict:
        for match in _PLACEHOLDER.findall(original_dict):
            if "." in match:
                value = get_nested_value(update_dict, match.split("."))
                if original_dict == f"{{{match}}}":
                    return value
                original_dict = replace_placeholder(service, original_dict, match, str(value))
            elif match == "idempotence_token" and idempotence_token:
                original_dict = replace_placeholder(service, original_dict, match, idempotence_token)
        return original_dict
    if isinstance(original_dict, list):
        return [format_dict(service, item, update_dict, idempotence_token) for item in original_dict]
    if isinstance(original_dict, dict):
        for key, value in original_dict.items():
            original_dict[key] = format_dict(service, value, update_dict, idempotence_token)
    return original_dict
