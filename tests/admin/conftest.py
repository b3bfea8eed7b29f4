"""Fixtures for admin tests: a real admin (SQLite file, local blob store, the store-backed executor
writing FlyteWorkflow documents into the same database) serving gRPC and HTTP on free loopback ports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc  # type: ignore[import-untyped]
import httpx
import pytest

from flyteadmin.executors import StoreWorkflowExecutor
from flyteadmin.main import AdminApp, build_admin
from flyteadmin.migrations import upgrade
from flyteadmin.repositories import Database
from flyteadmin.settings import AdminSettings
from flyteidl.service import admin_pb2_grpc, dataproxy_pb2_grpc
from flytestdlib.flyteworkflow import SqlWorkflowStore
from flytestdlib.storage import LocalBlobStore, StorageSettings


def admin_settings(tmp_path: Path, **overrides: object) -> AdminSettings:
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp_path / 'admin.db'}",
        "grpc_port": 0,
        "http_port": 0,
        "storage": StorageSettings(kind="local", root=tmp_path / "blobs"),
        "logs_dir": tmp_path / "logs",
        "signing_secret": "test-secret-0123456789",
    }
    values.update(overrides)
    return AdminSettings(**values)  # type: ignore[arg-type]


@dataclass
class RunningAdmin:
    app: AdminApp
    blobs: LocalBlobStore
    workflow_store: SqlWorkflowStore
    admin: admin_pb2_grpc.AdminServiceStub
    data_proxy: dataproxy_pb2_grpc.DataProxyServiceStub
    http: httpx.Client
    base_url: str


@pytest.fixture
def running_admin(tmp_path: Path) -> Iterator[RunningAdmin]:
    settings = admin_settings(tmp_path)
    upgrade(settings.database_url)
    database = Database(settings.database_url)
    workflow_store = SqlWorkflowStore(database.write_engine)
    blobs = LocalBlobStore(tmp_path / "blobs")
    app = build_admin(settings, executor=StoreWorkflowExecutor(workflow_store), blobs=blobs)
    app.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{app.grpc_port}")
    base_url = f"http://127.0.0.1:{app.http_port}"
    http = httpx.Client(base_url=base_url, timeout=10)
    try:
        yield RunningAdmin(
            app=app,
            blobs=blobs,
            workflow_store=workflow_store,
            admin=admin_pb2_grpc.AdminServiceStub(channel),  # type: ignore[no-untyped-call]
            data_proxy=dataproxy_pb2_grpc.DataProxyServiceStub(channel),  # type: ignore[no-untyped-call]
            http=http,
            base_url=base_url,
        )
    finally:
        http.close()
        channel.close()
        app.stop()
        database.dispose()
