"""The local task cache: outputs of cached tasks run locally, kept across runs on this machine.

A task with caching on (``cache=True, cache_version=...`` or ``cache=Cache(...)``) looks here
before running locally and stores its outputs afterwards, unless ``LocalConfig.cache_enabled`` is
off (``FLYTE_LOCAL_CACHE_ENABLED=false`` / ``[local] cache_enabled``); with ``cache_overwrite``
(``FLYTE_LOCAL_CACHE_OVERWRITE``, ``pyflyte run --overwrite-cache``) it always runs and replaces
the entry.

Key: ``<task name>-<cache version>-<digest of the inputs>``, where the inputs are the input
``LiteralMap`` without the task's ignored inputs, with every literal that carries a ``hash``
(``HashMethod``) replaced by just that hash, serialized deterministically. Value: the output
``LiteralMap`` bytes. Storage is one SQLite file in ``LocalConfig.cache_dir`` (default
``~/.flyte/local-cache``; ``FLYTE_LOCAL_CACHE_DIR`` / ``[local] cache_dir`` move it), so
concurrent local runs can share it safely. ``CacheStore`` is one folder's store;
``LocalTaskCache`` is flytekit's class-level interface to the configured one.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")

DB_NAME = "cache.sqlite3"

logger = logging.getLogger(__name__)


def _hash_placement(literal: literals_pb2.Literal) -> literals_pb2.Literal:
    """``literal`` with every (nested) literal that has a hash reduced to that hash."""
    if literal.hash:
        return literals_pb2.Literal(hash=literal.hash)
    if literal.HasField("collection"):
        return literals_pb2.Literal(
            collection=literals_pb2.LiteralCollection(
                literals=[_hash_placement(item) for item in literal.collection.literals]
            )
        )
    if literal.HasField("map"):
        return literals_pb2.Literal(
            map=literals_pb2.LiteralMap(
                literals={k: _hash_placement(v) for k, v in literal.map.literals.items()}
            )
        )
    return literal


def cache_key(
    task_name: str,
    cache_version: str,
    inputs: literals_pb2.LiteralMap,
    ignored_inputs: Iterable[str] = (),
) -> str:
    """The cache key of one call; see the module docstring."""
    ignored = set(ignored_inputs)
    kept = literals_pb2.LiteralMap(
        literals={k: _hash_placement(v) for k, v in inputs.literals.items() if k not in ignored}
    )
    digest = hashlib.sha256(kept.SerializeToString(deterministic=True)).hexdigest()
    return f"{task_name}-{cache_version}-{digest}"


class CacheStore:
    """The store of cached outputs in one folder; see the module docstring."""

    def __init__(self, directory: str) -> None:
        self._directory = os.path.expanduser(directory)

    @property
    def directory(self) -> str:
        return self._directory

    @classmethod
    def from_config(cls) -> CacheStore:
        """The store in the configured folder (``LocalConfig.cache_dir``)."""
        from flytekit.configuration import LocalConfig

        return cls(LocalConfig.auto().cache_dir)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        os.makedirs(self._directory, exist_ok=True)
        connection = sqlite3.connect(os.path.join(self._directory, DB_NAME), timeout=30)
        try:
            with connection:
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
                )
                yield connection
        finally:
            connection.close()

    def get(
        self,
        task_name: str,
        cache_version: str,
        inputs: literals_pb2.LiteralMap,
        ignored_inputs: Iterable[str] = (),
    ) -> literals_pb2.LiteralMap | None:
        """The stored outputs of this call, or None on a miss."""
        key = cache_key(task_name, cache_version, inputs, ignored_inputs)
        with self._connect() as connection:
            row = connection.execute("SELECT value FROM outputs WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        outputs = literals_pb2.LiteralMap()
        outputs.ParseFromString(row[0])
        return outputs

    def set(
        self,
        task_name: str,
        cache_version: str,
        inputs: literals_pb2.LiteralMap,
        ignored_inputs: Iterable[str],
        outputs: literals_pb2.LiteralMap,
    ) -> None:
        """Store (or replace) the outputs of this call."""
        key = cache_key(task_name, cache_version, inputs, ignored_inputs)
        with self._connect() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO outputs (key, value) VALUES (?, ?)",
                (key, outputs.SerializeToString(deterministic=True)),
            )

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        with self._connect() as connection:
            count: int = connection.execute("SELECT COUNT(*) FROM outputs").fetchone()[0]
            connection.execute("DELETE FROM outputs")
        return count

    def __len__(self) -> int:
        with self._connect() as connection:
            count: int = connection.execute("SELECT COUNT(*) FROM outputs").fetchone()[0]
        return count


def run_with_local_cache(
    task_name: str,
    cache: bool,
    cache_version: str,
    ignored_inputs: Iterable[str],
    inputs: literals_pb2.LiteralMap,
    run: Callable[[], literals_pb2.LiteralMap],
) -> literals_pb2.LiteralMap:
    """``run()``'s outputs, taken from or stored in the local cache when the task is cached and the
    cache is on (see the module docstring)."""
    if not cache:
        return run()
    from flytekit.configuration import LocalConfig

    config = LocalConfig.auto()
    if not config.cache_enabled:
        return run()
    store = CacheStore(config.cache_dir)
    if config.cache_overwrite:
        logger.info("Local cache overwrite: running task %s now", task_name)
    else:
        hit = store.get(task_name, cache_version, inputs, ignored_inputs)
        if hit is not None:
            logger.info("Local cache hit for task %s (cache version %s)", task_name, cache_version)
            return hit
        logger.info("Local cache miss for task %s (cache version %s)", task_name, cache_version)
    outputs = run()
    store.set(task_name, cache_version, inputs, ignored_inputs, outputs)
    return outputs


class LocalTaskCache:
    """flytekit's interface to the local cache: class-level calls on the configured folder."""

    @staticmethod
    def initialize() -> None:
        CacheStore.from_config()

    @staticmethod
    def clear() -> None:
        CacheStore.from_config().clear()

    @staticmethod
    def get(
        task_name: str,
        cache_version: str,
        input_literal_map: literals_pb2.LiteralMap,
        cache_ignore_input_vars: Iterable[str] = (),
    ) -> literals_pb2.LiteralMap | None:
        return CacheStore.from_config().get(
            task_name, cache_version, input_literal_map, cache_ignore_input_vars
        )

    @staticmethod
    def set(
        task_name: str,
        cache_version: str,
        input_literal_map: literals_pb2.LiteralMap,
        cache_ignore_input_vars: Iterable[str],
        value: literals_pb2.LiteralMap,
    ) -> None:
        CacheStore.from_config().set(
            task_name, cache_version, input_literal_map, cache_ignore_input_vars, value
        )
