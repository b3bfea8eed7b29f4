"""Fixtures of the end-to-end tests: one sandbox subprocess per module, gRPC stubs against it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc  # type: ignore[import-untyped]
import pytest

from flyteidl.service import admin_pb2_grpc
from tests.e2e.sandboxes import RunningSandbox, start_sandbox


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("sandbox"))
    yield running
    code = running.stop()
    assert code == 0, f"flyte start exited with {code} on SIGTERM:\n{running.log()}"


@pytest.fixture(scope="module")
def admin(sandbox: RunningSandbox) -> Iterator[admin_pb2_grpc.AdminServiceStub]:
    with grpc.insecure_channel(sandbox.grpc_target) as channel:
        yield admin_pb2_grpc.AdminServiceStub(channel)  # type: ignore[no-untyped-call]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "examples"
