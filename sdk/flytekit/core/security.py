"""The ``SecurityContext`` of a task from its ``secret_requests``.

Each request must be a ``flytekit.Secret`` (``flytekit.models.security``); anything else is refused
with flytekit's AssertionError, naming the offending value.
"""

from __future__ import annotations

import importlib
from typing import Any


def _secret_class() -> type | None:
    try:
        module = importlib.import_module("flytekit.models.security")
    except ImportError:
        return None
    cls = getattr(module, "Secret", None)
    return cls if isinstance(cls, type) else None


def _is_secret(value: Any) -> bool:
    cls = _secret_class()
    if cls is not None:
        return isinstance(value, cls)
    # Without the models module only a Secret-shaped object (group/key + to_flyte_idl) is accepted.
    return hasattr(value, "to_flyte_idl") and hasattr(value, "group") and hasattr(value, "key")


def security_context_from_secrets(owner: str, secret_requests: list[Any] | None) -> Any:
    """None without secrets; else a ``flytekit.models.security.SecurityContext`` listing them in order."""
    if not secret_requests:
        return None
    for secret in secret_requests:
        if not _is_secret(secret):
            raise AssertionError(
                f"Secret {secret} should be of type flytekit.Secret, received {type(secret)}"
            )
    from flytekit.models.security import SecurityContext

    return SecurityContext(secrets=list(secret_requests))
