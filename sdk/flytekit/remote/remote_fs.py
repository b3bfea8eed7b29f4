"""``flyte://`` names of data uploaded in this session, and the storage paths they stand for.

An upload that hands out a ``flyte://`` name records it with ``FlytePathResolver.add_mapping``; code
that must pass real storage paths to the backend (``modify_literal_uris`` in
``flytekit.interaction.click_types``) resolves them with ``resolve_remote_path``.
"""

from __future__ import annotations

import threading
from typing import ClassVar


class FlytePathResolver:
    protocol = "flyte://"
    _flyte_path_to_remote_map: ClassVar[dict[str, str]] = {}
    _lock = threading.Lock()

    @classmethod
    def resolve_remote_path(cls, flyte_uri: str) -> str | None:
        """The storage path recorded for ``flyte_uri``, or None when this session never recorded it."""
        with cls._lock:
            return cls._flyte_path_to_remote_map.get(flyte_uri)

    @classmethod
    def add_mapping(cls, flyte_uri: str, remote_path: str) -> None:
        with cls._lock:
            cls._flyte_path_to_remote_map[flyte_uri] = remote_path
