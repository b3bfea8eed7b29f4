"""Task secrets: what a task requests (its ``SecurityContext``) and how it reads them when running.

``security_context_from_secrets`` turns a task's ``secret_requests`` into the
``flytekit.models.security.SecurityContext`` serialized with it; each request must be a
``flytekit.Secret``, anything else is refused with flytekit's AssertionError naming the value.

``SecretsManager`` is how a running task reads them (``current_context().secrets``).

Lookup order for ``get(group, key, group_version)``:

1. the environment variable ``<prefix><GROUP>_<GROUP_VERSION>_<KEY>`` (upper-cased, absent parts
   skipped; prefix ``_FSEC_`` by default, ``[secrets] env_prefix``); during a local run the
   un-prefixed name is tried as well, so ``export GROUP_KEY=...`` works on a laptop;
2. the file ``<default_dir>/<group>/<group_version>/<file_prefix><key>`` (lower-cased; default
   folder ``/etc/secrets``, ``[secrets] default_dir`` / ``file_prefix``).

A secret found nowhere raises ValueError naming both places and the ``secret_requests`` fix.
``secrets.<group>.<key>`` is the attribute form of the same lookup.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flytekit.configuration import SecretsConfig


class SecretsManager:
    """See the module docstring."""

    class _GroupSecrets:
        """``secrets.<group>``: looks up ``<key>`` attributes in that group."""

        def __init__(self, group: str, manager: SecretsManager) -> None:
            self._group = group
            self._manager = manager

        def __getattr__(self, item: str) -> str:
            if item.startswith("__"):
                raise AttributeError(item)
            value: str = self._manager.get(self._group, item)
            return value

    def __init__(self, secrets_cfg: SecretsConfig | None = None) -> None:
        if secrets_cfg is None:
            from flytekit.configuration import SecretsConfig

            secrets_cfg = SecretsConfig.auto()
        self._base_dir = secrets_cfg.default_dir.strip()
        self._file_prefix = secrets_cfg.file_prefix.strip()
        self._env_prefix = secrets_cfg.env_prefix.strip()

    def __getattr__(self, item: str) -> Any:
        if item.startswith("_"):
            raise AttributeError(item)
        return self._GroupSecrets(item, self)

    def get(
        self,
        group: str | None = None,
        key: str | None = None,
        group_version: str | None = None,
        encode_mode: str = "r",
    ) -> Any:
        """The secret's value (``str``; ``bytes`` from a file read with ``encode_mode="rb"``)."""
        prefixes = [self._env_prefix]
        if _is_local_run():
            prefixes.append("")
        env_var = ""
        for prefix in prefixes:
            env_var = self._env_var_name(group, key, group_version, prefix)
            value = os.environ.get(env_var)
            if value is not None:
                return value.strip()
        path = self.get_secrets_file(group, key, group_version)
        if os.path.exists(path):
            with open(path, encode_mode) as f:
                return f.read().strip()
        raise ValueError(
            f"Please make sure to add secret_requests=[Secret(group={group}, key={key})] in @task. Unable to find "
            f"secret for key {key} in group {group} in Env Var:{env_var} and FilePath: {path}"
        )

    def get_secrets_env_var(
        self, group: str | None = None, key: str | None = None, group_version: str | None = None
    ) -> str:
        """The (prefixed) environment variable the platform sets for this secret."""
        return self._env_var_name(group, key, group_version, self._env_prefix)

    @staticmethod
    def _env_var_name(group: str | None, key: str | None, group_version: str | None, prefix: str) -> str:
        parts = [p.upper() for p in (group, group_version, key) if p]
        return prefix + "_".join(parts)

    def get_secrets_file(
        self, group: str | None = None, key: str | None = None, group_version: str | None = None
    ) -> str:
        """The file the platform mounts this secret at."""
        parts = [p.lower() for p in (group, group_version, key) if p]
        if not parts:
            raise ValueError("A secret needs at least a group or a key.")
        parts[-1] = self._file_prefix + parts[-1]
        return os.path.join(self._base_dir, *parts)


def security_context_from_secrets(owner: str, secret_requests: list[Any] | None) -> Any:
    """None without secrets; else a ``SecurityContext`` listing them in order (``owner`` names the task)."""
    if not secret_requests:
        return None
    from flytekit.models.security import Secret, SecurityContext

    for secret in secret_requests:
        if not isinstance(secret, Secret):
            raise AssertionError(
                f"Secret {secret} should be of type flytekit.Secret, received {type(secret)} (task '{owner}')"
            )
    return SecurityContext(secrets=list(secret_requests))


def _is_local_run() -> bool:
    from flytekit.core.context_manager import FlyteContextManager

    state = FlyteContextManager.current_context().execution_state
    return state is None or state.is_local_execution()
