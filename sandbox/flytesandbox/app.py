"""The sandbox: admin and propeller (local backend) wired together in one process.

This is the composition root, the only module that imports several components: admin gets a
``StoreWorkflowExecutor`` over the shared workflow table; propeller reads that table, runs task
"pods" as local subprocesses and reports events to admin over gRPC on loopback — the same path
events take on a cluster.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import grpc  # type: ignore[import-untyped]

from flyteadmin.executors.store import StoreWorkflowExecutor
from flyteadmin.main import AdminApp, build_admin
from flyteadmin.repositories.database import Database
from flyteadmin.settings import AdminSettings
from flytepropeller.cluster.local import LocalCluster
from flytepropeller.controlplane import GrpcAdminClient, admin_channel
from flytepropeller.events import GrpcEventSink
from flytepropeller.local import LocalPropeller
from flytepropeller.settings import PropellerSettings
from flytesandbox.settings import SandboxSettings
from flytestdlib.flyteworkflow import SqlWorkflowStore
from flytestdlib.logs import configure_logging
from flytestdlib.storage import BlobStore, StorageSettings, store_for

logger = logging.getLogger(__name__)

# The log links propeller reports for local pods; admin serves the files behind them.
_LOG_PATH = "/api/v1/logs/{{ .namespace }}/{{ .podName }}"


def storage_settings(settings: SandboxSettings) -> StorageSettings:
    if settings.s3_bucket:
        return StorageSettings(
            kind="s3",
            bucket=settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url or None,
            region=settings.s3_region or None,
            access_key_id=settings.s3_access_key_id or None,
            secret_access_key=settings.s3_secret_access_key or None,
        )
    return StorageSettings(kind="local", root=settings.blobs_dir)


def task_environment(settings: SandboxSettings) -> dict[str, str]:
    """Variables every task process gets so that flytekit reaches the sandbox's blob store."""
    if not settings.s3_bucket:
        return {}
    env = {
        "FLYTE_AWS_ENDPOINT": settings.s3_endpoint_url,
        "FLYTE_AWS_ACCESS_KEY_ID": settings.s3_access_key_id,
        "FLYTE_AWS_SECRET_ACCESS_KEY": settings.s3_secret_access_key,
        "AWS_DEFAULT_REGION": settings.s3_region,
    }
    return {key: value for key, value in env.items() if value}


def task_path(settings: SandboxSettings) -> list[str]:
    """Folders first on PATH for tasks: the configured ones, else this interpreter's own bin."""
    if settings.task_path:
        return [str(p.resolve()) for p in settings.task_path]
    return [str(Path(sys.executable).parent)]


class Sandbox:
    """Everything `flyte start` runs; ``start`` returns once both servers answer."""

    def __init__(self, settings: SandboxSettings) -> None:
        self.settings = settings
        self._admin: AdminApp | None = None
        self._propeller: LocalPropeller | None = None
        self._events: GrpcEventSink | None = None
        self._admin_channel: grpc.Channel | None = None
        self._store_db: Database | None = None

    @property
    def admin(self) -> AdminApp:
        if self._admin is None:
            raise RuntimeError("the sandbox is not started")
        return self._admin

    def start(self) -> None:
        """Start every component; on failure, stop what was started and re-raise."""
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> None:
        s = self.settings
        configure_logging(s.log_level)
        data_dir = s.data_dir.resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        storage = storage_settings(s)
        blobs: BlobStore = store_for(storage)
        database_url = s.resolved_database_url

        # The workflow table lives in the admin database; its writer engine queues on SQLite's lock.
        self._store_db = Database(database_url)
        store = SqlWorkflowStore(self._store_db.write_engine)
        admin_settings = AdminSettings(
            database_url=database_url,
            host=s.host,
            grpc_port=s.grpc_port,
            http_port=s.http_port,
            storage=storage,
            logs_dir=data_dir / "logs",
            raw_output_prefix=blobs.join("raw"),
            log_level=s.log_level,
        )
        executor = StoreWorkflowExecutor(store, namespace_template=admin_settings.namespace_template)
        self._admin = build_admin(admin_settings, executor=executor, blobs=blobs)
        self._admin.start()

        admin_host = "127.0.0.1" if s.host in ("0.0.0.0", "::", "") else s.host
        cluster = LocalCluster(
            data_dir,
            task_path_prefix=task_path(s),
            logs_url_template=self._admin.public_url + _LOG_PATH,
        )
        # One channel to admin carries propeller's events and its control-plane calls.
        target = f"{admin_host}:{self._admin.grpc_port}"
        self._admin_channel = admin_channel(target)
        self._events = GrpcEventSink(target, channel=self._admin_channel)
        self._propeller = LocalPropeller(
            store,
            blobs,
            cluster,
            self._events,
            PropellerSettings(raw_output_prefix=blobs.join("raw"), default_env_vars=task_environment(s)),
            admin=GrpcAdminClient(self._admin_channel),
        )
        self._propeller.start()
        logger.info("Sandbox started (pid %d, data in %s).", os.getpid(), data_dir)

    def stop(self) -> None:
        if self._propeller is not None:
            self._propeller.stop()
            self._propeller = None
        if self._events is not None:
            self._events.close()
            self._events = None
        if self._admin_channel is not None:
            self._admin_channel.close()
            self._admin_channel = None
        if self._admin is not None:
            self._admin.stop()
            self._admin = None
        if self._store_db is not None:
            self._store_db.dispose()
            self._store_db = None

    def banner(self) -> str:
        admin = self.admin
        host = "localhost" if self.settings.host in ("127.0.0.1", "0.0.0.0", "::", "") else self.settings.host
        return "\n".join(
            [
                "Flyte sandbox is ready.",
                f"  admin gRPC:  {host}:{admin.grpc_port}   (pyflyte / flytectl endpoint: dns:///{host}:{admin.grpc_port}, insecure)",
                f"  admin HTTP:  {admin.public_url}   (REST under /api/v1, health at /healthcheck)",
                f"  data dir:    {self.settings.data_dir.resolve()}",
                "  config for pyflyte / FlyteRemote:",
                "    admin:",
                f"      endpoint: dns:///{host}:{admin.grpc_port}",
                "      insecure: true",
                "Press Ctrl-C (or send SIGTERM) to stop.",
            ]
        )
