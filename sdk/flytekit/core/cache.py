"""``Cache``: how a task's results are memoized (``@task(cache=Cache(...))``).

``version`` names the cache generation; without one, the ``policies`` (objects with
``get_version(salt, VersionParameters) -> str``) each contribute a string and the sha256 of their
concatenation is the version. Open-source flytekit ships no default policy, so a ``Cache`` without
a version and without policies is refused. ``serialize`` makes identical concurrent executions
wait for one another; ``ignored_inputs`` are left out of the cache key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


@dataclass
class VersionParameters:
    """What a cache policy may hash: the task function and where it runs."""

    func: Callable[..., Any]
    container_image: Any = None
    pod_template: Any = None
    pod_template_name: str | None = None


@runtime_checkable
class CachePolicy(Protocol):
    def get_version(self, salt: str, params: VersionParameters) -> str: ...


def default_cache_policies() -> list[CachePolicy]:
    """Policies used when a ``Cache`` names none (none in the open-source distribution)."""
    return []


@dataclass
class Cache:
    """See the module docstring."""

    version: str | None = None
    serialize: bool = False
    ignored_inputs: tuple[str, ...] | str = ()
    salt: str = ""
    policies: list[CachePolicy] | CachePolicy | None = None

    def __post_init__(self) -> None:
        self._ignored_inputs: tuple[str, ...] = (
            (self.ignored_inputs,) if isinstance(self.ignored_inputs, str) else tuple(self.ignored_inputs)
        )
        if self.policies is None:
            self._policies = default_cache_policies()
        elif isinstance(self.policies, CachePolicy):
            self._policies = [self.policies]
        elif isinstance(self.policies, list) and all(isinstance(p, CachePolicy) for p in self.policies):
            self._policies = list(self.policies)
        else:
            raise ValueError(
                f"Cache policies must be CachePolicy objects (with get_version(salt, params)), got {self.policies!r}"
            )
        if self.version is None and not self._policies:
            raise ValueError("If version is not defined then at least one cache policy needs to be set")

    def get_ignored_inputs(self) -> tuple[str, ...]:
        return self._ignored_inputs

    def get_version(self, params: VersionParameters) -> str:
        """The explicit version, or the sha256 of what every policy contributes."""
        if self.version is not None:
            return self.version
        parts = []
        for policy in self._policies:
            try:
                parts.append(policy.get_version(self.salt, params))
            except Exception as exc:
                raise ValueError(
                    f"Failed to generate version for cache policy {policy}. Please consider setting the version in "
                    "the Cache definition, e.g. Cache(version='v1.2.3')"
                ) from exc
        return hashlib.sha256("".join(parts).encode()).hexdigest()
