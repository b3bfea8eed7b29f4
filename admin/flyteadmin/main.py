"""The admin composition root: settings -> database, blob store, services -> gRPC and HTTP servers.

``build_admin(settings, executor=...)`` migrates the database, seeds the default project and returns
an unstarted ``AdminApp``; ``app.start()`` binds gRPC and HTTP (port 0 picks free ports, see
``grpc_port``/``http_port``), ``app.stop()`` shuts both down. ``main()`` is ``python -m flyteadmin``:
a standalone admin whose executions go to the ``flyteworkflows`` table of its own database.
"""

from __future__ import annotations

import argparse
import logging
import secrets
import signal
import socket
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, YamlConfigSettingsSource

from flyteadmin.api.grpc.server import build_grpc_server
from flyteadmin.api.handlers import admin_handlers, data_proxy_handlers, signal_handlers
from flyteadmin.api.metrics import AdminMetrics
from flyteadmin.api.rest.app import create_http_app
from flyteadmin.executors import StoreWorkflowExecutor, WorkflowExecutor
from flyteadmin.migrations import upgrade
from flyteadmin.repositories import Database
from flyteadmin.services import (
    AdminServices,
    DataProxyService,
    ExecutionService,
    FlyteUrlService,
    LaunchPlanService,
    NodeEventService,
    NodeExecutionService,
    ProjectService,
    SignalService,
    TaskEventService,
    TaskExecutionService,
    TaskLogService,
    TaskService,
    WorkflowEventService,
    WorkflowService,
)
from flyteadmin.services.data import DataAccess
from flyteadmin.services.signing import UrlSigner
from flyteadmin.settings import AdminSettings
from flytestdlib.flyteworkflow import SqlWorkflowStore
from flytestdlib.logs import configure_logging
from flytestdlib.storage import BlobStore, store_for

__all__ = ["AdminApp", "build_admin", "load_settings", "main"]

logger = logging.getLogger(__name__)

_START_TIMEOUT_S = 30.0


def _version() -> str:
    try:
        return metadata.version("flyte-py")
    except metadata.PackageNotFoundError:
        return "0.0.0"


class AdminApp:
    """A built admin: its servers (unstarted until ``start``), services and database."""

    def __init__(
        self,
        settings: AdminSettings,
        database: Database,
        services: AdminServices,
        grpc_server: Any,
        http_app: FastAPI,
    ) -> None:
        self.settings = settings
        self.database = database
        self.services = services
        self.grpc_server = grpc_server
        self.http_app = http_app
        self._grpc_port: int | None = None
        self._http_port: int | None = None
        self._http_server: uvicorn.Server | None = None
        self._http_thread: threading.Thread | None = None

    @property
    def grpc_port(self) -> int:
        if self._grpc_port is None:
            raise RuntimeError("the admin gRPC server is not started; call start() first")
        return self._grpc_port

    @property
    def http_port(self) -> int:
        if self._http_port is None:
            raise RuntimeError("the admin HTTP server is not started; call start() first")
        return self._http_port

    @property
    def public_url(self) -> str:
        """The base URL clients reach the HTTP server at."""
        if self.settings.public_url:
            return self.settings.public_url
        host = self.settings.host
        if host in ("0.0.0.0", "::", ""):
            host = "127.0.0.1"
        return f"http://{host}:{self.http_port}"

    def start(self) -> None:
        host = self.settings.host
        port = self.grpc_server.add_insecure_port(f"{host}:{self.settings.grpc_port}")
        if port == 0:
            raise RuntimeError(f"cannot bind the admin gRPC server to {host}:{self.settings.grpc_port}")
        self.grpc_server.start()
        self._grpc_port = port
        listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, self.settings.http_port))
        self._http_port = listener.getsockname()[1]
        config = uvicorn.Config(self.http_app, log_config=None, access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [listener]}, name="admin-http", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.grpc_server.stop(None)
                raise RuntimeError(f"the admin HTTP server did not start on {host}:{self._http_port}")
            time.sleep(0.01)
        self._http_server, self._http_thread = server, thread
        logger.info(
            "Admin serving gRPC on %s:%d and HTTP on %s:%d.", host, self._grpc_port, host, self._http_port
        )

    def stop(self) -> None:
        if self._http_server is not None and self._http_thread is not None:
            self._http_server.should_exit = True
            self._http_thread.join(timeout=10)
            self._http_server = self._http_thread = None
        if self._grpc_port is not None:
            self.grpc_server.stop(grace=1).wait()
        self.database.dispose()
        logger.info("Admin stopped.")


def build_admin(
    settings: AdminSettings, *, executor: WorkflowExecutor, blobs: BlobStore | None = None
) -> AdminApp:
    """Migrate the database, seed the default projects and wire every service and both servers."""
    upgrade(settings.database_url)
    database = Database(settings.database_url)
    store = blobs if blobs is not None else store_for(settings.storage)
    secret = settings.signing_secret.get_secret_value().encode() or secrets.token_bytes(32)
    data = DataAccess(
        store, max_read_bytes=settings.max_data_read_bytes, max_inline_bytes=settings.max_inline_data_bytes
    )
    uow = database.unit_of_work
    workflows = WorkflowService(uow, store, settings)
    launch_plans = LaunchPlanService(uow, settings)
    app_ref: list[AdminApp] = []
    node_executions = NodeExecutionService(uow, data)
    task_executions = TaskExecutionService(uow, data)
    data_proxy_service = DataProxyService(
        uow, store, settings, UrlSigner(secret), lambda: app_ref[0].public_url
    )
    services = AdminServices(
        projects=ProjectService(uow, settings),
        tasks=TaskService(uow, settings),
        workflows=workflows,
        launch_plans=launch_plans,
        executions=ExecutionService(uow, settings, data, executor, workflows, launch_plans),
        node_executions=node_executions,
        task_executions=task_executions,
        workflow_events=WorkflowEventService(uow, data),
        node_events=NodeEventService(uow, data),
        task_events=TaskEventService(uow, data),
        data_proxy=data_proxy_service,
        flyte_urls=FlyteUrlService(uow, node_executions, task_executions, data_proxy_service),
        task_logs=TaskLogService(settings.logs_dir),
        signals=SignalService(uow),
        version=_version(),
    )
    services.projects.seed(settings.seed_projects)
    metrics = AdminMetrics()
    admin = metrics.instrument(admin_handlers(services))
    data_proxy = metrics.instrument(data_proxy_handlers(services))
    signal = metrics.instrument(signal_handlers(services))
    app = AdminApp(
        settings,
        database,
        services,
        build_grpc_server(admin, data_proxy, signal),
        create_http_app(services, admin, data_proxy, metrics, signal),
    )
    app_ref.append(app)
    return app


def load_settings(config_file: Path | None = None) -> AdminSettings:
    """Settings from ``FLYTEADMIN_*`` environment variables over an optional YAML file over defaults."""
    if config_file is None:
        return AdminSettings()
    if not config_file.is_file():
        raise SystemExit(f"The admin config file {config_file} does not exist.")

    class _WithFile(AdminSettings):
        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            return (
                init_settings,
                env_settings,
                YamlConfigSettingsSource(settings_cls, yaml_file=config_file),
            )

    return AdminSettings.model_validate(_WithFile().model_dump())


def main() -> None:
    """``python -m flyteadmin [--config admin.yaml]``: run a standalone admin until interrupted."""
    parser = argparse.ArgumentParser(prog="flyteadmin", description="Run the Flyte admin control plane.")
    parser.add_argument("--config", type=Path, default=None, help="YAML file with AdminSettings fields")
    arguments = parser.parse_args()
    settings = load_settings(arguments.config)
    configure_logging(settings.log_level, json=settings.log_format == "json")
    upgrade(settings.database_url)
    workflow_store = SqlWorkflowStore(Database(settings.database_url).write_engine)
    app = build_admin(
        settings,
        executor=StoreWorkflowExecutor(workflow_store, namespace_template=settings.namespace_template),
    )
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda received, _frame: stopping.set())
    app.start()
    try:
        stopping.wait()
        logger.info("Stopping on request.")
    finally:
        app.stop()
