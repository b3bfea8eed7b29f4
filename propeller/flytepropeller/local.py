"""``LocalPropeller``: the local driver that runs workflows from a ``WorkflowStore`` in rounds.

A background thread polls the store for active workflows every ``poll_interval`` and hands each
to a worker. Handling one workflow is Flyte's "Handle" (flyte-propeller.md §2.2): up to
``max_streak_length`` rounds in a row, each on a fresh copy of the stored document, written back
with optimistic concurrency only if the status changed; a round that raises is discarded and only
``failedAttempts``/``message`` are written. On a terminal phase the object gets the
``termination-status``/``completed-time`` labels and loses its finalizer. ``run_once`` does one
poll synchronously (tests, and a driver-less embedding).
"""

from __future__ import annotations

import copy
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from flyteidl.core import execution_pb2
from flytepropeller.cluster import Cluster
from flytepropeller.controlplane import AdminClient
from flytepropeller.errors import EventIncompatibleCluster, ExecutionNotFound
from flytepropeller.events import EventSink
from flytepropeller.executor import WorkflowExecutor
from flytepropeller.plugins import ContainerPlugin, PluginRegistry
from flytepropeller.plugins.container import TASK_TYPES
from flytepropeller.settings import PropellerSettings
from flytestdlib.errors import Conflict, NotFound
from flytestdlib.flyteworkflow import (
    LABEL_COMPLETED_TIME,
    LABEL_TERMINATED,
    LABEL_TERMINATION_STATUS,
    FlyteWorkflow,
    WorkflowPhase,
    WorkflowStore,
)
from flytestdlib.storage import BlobStore

logger = logging.getLogger(__name__)


def default_plugins(cluster: Cluster) -> PluginRegistry:
    """The built-in plugins: the container plugin, also the default for unknown task types."""
    registry = PluginRegistry()
    registry.register(ContainerPlugin(cluster), TASK_TYPES, default=True)
    return registry


class LocalPropeller:
    """Runs every active workflow of ``store`` until it is terminal."""

    def __init__(
        self,
        store: WorkflowStore,
        blobs: BlobStore,
        cluster: Cluster,
        events: EventSink,
        settings: PropellerSettings,
        *,
        plugins: PluginRegistry | None = None,
        admin: AdminClient | None = None,
    ) -> None:
        self._store = store
        self._settings = settings
        self._executor = WorkflowExecutor(blobs, plugins or default_plugins(cluster), events, settings, admin)
        self._pool: ThreadPoolExecutor | None = None
        self._in_flight: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start polling in a background thread."""
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="propeller-poller", daemon=True)
        self._thread.start()
        logger.info("local propeller started (poll every %ss)", self._settings.poll_interval)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop polling and wait for rounds in progress to finish."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
        logger.info("local propeller stopped")

    def run_once(self) -> None:
        """Handle every active workflow once (with its streak) and wait for all of them."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=self._settings.workers, thread_name_prefix="propeller-worker"
                )
            pool = self._pool
        futures = []
        for document in self._store.list_active():
            key = (str(document["metadata"].get("namespace", "")), str(document["metadata"]["name"]))
            with self._lock:
                if key in self._in_flight:
                    continue
                self._in_flight.add(key)
            futures.append(pool.submit(self._handle_and_release, key))
        for future in futures:
            future.result()

    def handle(self, namespace: str, name: str) -> None:
        """One Handle of one workflow: up to ``max_streak_length`` rounds while each write changes it."""
        document = self._store.find(namespace, name)
        streak = max(1, self._settings.max_streak_length)
        for _ in range(streak):
            if document is None:
                return
            written, document = self._round(document)
            if not written or document is None or FlyteWorkflow(document).is_terminal:
                return

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
            except Exception:
                logger.exception("propeller poll failed")
            self._stopping.wait(self._settings.poll_interval)

    def _handle_and_release(self, key: tuple[str, str]) -> None:
        try:
            self.handle(*key)
        except Exception:
            logger.exception("handling workflow %s/%s failed", *key)
        finally:
            with self._lock:
                self._in_flight.discard(key)

    def _round(self, stored: dict[str, Any]) -> tuple[bool, dict[str, Any] | None]:
        """Run one round on a copy of ``stored``; returns (written?, the stored document after)."""
        wf = FlyteWorkflow(copy.deepcopy(stored))
        if wf.is_terminal and not wf.has_finalizer():
            return False, stored
        failed = False
        try:
            self._executor.handle(wf)
        except Exception as error:  # a failed round is retried; never let it kill the loop
            wf = FlyteWorkflow(copy.deepcopy(stored))
            if (
                isinstance(error, ExecutionNotFound | EventIncompatibleCluster)
                and wf.status.phase is not WorkflowPhase.READY
            ):
                # Admin no longer lets this propeller run the execution: stop it (§2.2 step e).
                code = (
                    "ExecutionNotFound"
                    if isinstance(error, ExecutionNotFound)
                    else "EventIncompatibleClusterError"
                )
                logger.warning("workflow %s/%s: %s; failing it", wf.namespace, wf.name, error)
                wf.status.phase = WorkflowPhase.FAILING
                wf.status.error = execution_pb2.ExecutionError(
                    code=code, message=str(error), kind=execution_pb2.ExecutionError.SYSTEM
                )
                wf.status.message = str(error)
            else:
                failed = True
                logger.warning("round of %s/%s failed: %s", wf.namespace, wf.name, error, exc_info=True)
                wf.status.failed_attempts = wf.status.failed_attempts + 1
                wf.status.message = f"{type(error).__name__}: {error}"
        if not failed and not wf.is_terminal and wf.document["status"] == stored.get("status"):
            return False, stored
        if wf.is_terminal:
            labels = wf.metadata.setdefault("labels", {})
            labels[LABEL_TERMINATION_STATUS] = LABEL_TERMINATED
            labels[LABEL_COMPLETED_TIME] = datetime.now(UTC).strftime("%Y-%m-%d.%H")
            wf.remove_finalizer()
        elif not wf.deletion_requested:
            wf.add_finalizer()
        try:
            updated = self._store.update(wf.document)
        except Conflict:
            logger.info(
                "workflow %s/%s changed while its round ran; retrying on the next poll", wf.namespace, wf.name
            )
            return False, None
        except NotFound:
            return False, None
        if wf.deletion_requested and wf.is_terminal:
            return True, None
        return not failed, updated
