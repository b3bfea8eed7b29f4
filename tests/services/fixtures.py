"""Pytest fixtures for the real services; registered for all tests by ``tests/conftest.py``.

Servers are started once per session, on first use (``postgres_server``, ``s3_server``); each test
gets its own database or bucket on them, dropped afterwards. The Kubernetes API fake is cheap and
stateful, so every test gets a fresh one (``kubernetes_api``). Names avoid KMock's own pytest
plugin fixtures (``kmock``, ``kmock_options``), which stay available for async HTTP-level tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.services.kubernetes import FakeKubernetesApi, client_configuration
from tests.services.postgres import (
    LocalPostgres,
    PostgresDatabase,
    PostgresServer,
    create_database,
    drop_database,
)
from tests.services.s3 import MotoS3Service, S3Bucket, S3Server, create_bucket, empty_and_delete_bucket

if TYPE_CHECKING:
    import kubernetes.client


def unique_name(prefix: str, separator: str = "-") -> str:
    """A name no other test uses: ``prefix`` plus 12 random hex digits."""
    return f"{prefix}{separator}{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server on 127.0.0.1 for the whole run; superuser ``postgres``, no password."""
    postgres = LocalPostgres()
    try:
        yield postgres.start()
    finally:
        postgres.stop()


@pytest.fixture
def postgres_database(postgres_server: PostgresServer) -> Iterator[PostgresDatabase]:
    """A fresh, empty database for this test (``.dsn``, ``.sqlalchemy_url``), dropped afterwards."""
    database = create_database(postgres_server, unique_name("test", separator="_"))
    try:
        yield database
    finally:
        drop_database(postgres_server, database.name)


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """An S3-compatible server (moto) on 127.0.0.1 for the whole run."""
    service = MotoS3Service()
    try:
        yield service.start()
    finally:
        service.stop()


@pytest.fixture
def s3_bucket(s3_server: S3Server) -> Iterator[S3Bucket]:
    """A fresh bucket for this test and a boto3 client; emptied and deleted afterwards."""
    client = s3_server.client()
    name = unique_name("test")
    create_bucket(client, name)
    try:
        yield S3Bucket(name=name, client=client)
    finally:
        empty_and_delete_bucket(client, name)
        client.close()


@pytest.fixture
def kubernetes_api() -> Iterator[FakeKubernetesApi]:
    """A running fake Kubernetes API (KMock) with empty state and the FlyteWorkflow CRD declared."""
    fake = FakeKubernetesApi()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def kubernetes_client_configuration(
    kubernetes_api: FakeKubernetesApi,
) -> kubernetes.client.Configuration:
    """A configuration of the official client pointing at ``kubernetes_api``."""
    return client_configuration(kubernetes_api.url)


@pytest.fixture
def kubernetes_api_client(
    kubernetes_client_configuration: kubernetes.client.Configuration,
) -> Iterator[kubernetes.client.ApiClient]:
    """An ApiClient of the official client bound to ``kubernetes_api``; closed afterwards."""
    import kubernetes.client

    api_client = kubernetes.client.ApiClient(kubernetes_client_configuration)
    try:
        yield api_client
    finally:
        api_client.close()  # type: ignore[no-untyped-call]
