"""The admin process: settings loading, servers on free ports, and what is (not) registered."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import grpc  # type: ignore[import-untyped]
import httpx
import pytest

from flyteadmin.main import load_settings
from flyteidl.service import auth_pb2, auth_pb2_grpc
from tests.admin.conftest import RunningAdmin
from tests.services.waiting import wait_for


def test_auth_metadata_is_unimplemented_while_auth_is_off(running_admin: RunningAdmin) -> None:
    # flytekit asks for these only when a call fails with UNAUTHENTICATED, and tolerates UNIMPLEMENTED.
    channel = grpc.insecure_channel(f"127.0.0.1:{running_admin.app.grpc_port}")
    stub = auth_pb2_grpc.AuthMetadataServiceStub(channel)  # type: ignore[no-untyped-call]
    with pytest.raises(grpc.RpcError) as failure:
        stub.GetPublicClientConfig(auth_pb2.PublicClientAuthConfigRequest())
    assert failure.value.code() == grpc.StatusCode.UNIMPLEMENTED
    channel.close()


def test_ports_are_bound_and_public_url_follows_them(running_admin: RunningAdmin) -> None:
    app = running_admin.app
    assert app.grpc_port > 0 and app.http_port > 0 and app.grpc_port != app.http_port
    assert app.public_url == f"http://127.0.0.1:{app.http_port}"


def test_settings_from_yaml_with_environment_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "admin.yaml"
    config.write_text(
        "database_url: sqlite:////tmp/x.db\n"
        "grpc_port: 9000\n"
        "storage:\n  kind: local\n  root: /data/blobs\n"
        "domains:\n  - {id: dev, name: Dev}\n"
    )
    monkeypatch.setenv("FLYTEADMIN_GRPC_PORT", "9100")
    monkeypatch.setenv("FLYTEADMIN_STORAGE__ROOT", "/other/blobs")
    settings = load_settings(config)
    assert settings.grpc_port == 9100
    assert settings.database_url == "sqlite:////tmp/x.db"
    assert settings.storage.root == Path("/other/blobs")
    assert settings.domain_ids == ["dev"]
    assert settings.namespace("p", "dev") == "p-dev"
    with pytest.raises(ValueError, match="namespace_template"):
        load_settings(config).model_validate({"namespace_template": "{cluster}"})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_standalone_admin_process_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    http_port, grpc_port = _free_port(), _free_port()
    environment = {
        **os.environ,
        "FLYTEADMIN_DATABASE_URL": f"sqlite:///{tmp_path / 'admin.db'}",
        "FLYTEADMIN_HTTP_PORT": str(http_port),
        "FLYTEADMIN_GRPC_PORT": str(grpc_port),
        "FLYTEADMIN_STORAGE__ROOT": str(tmp_path / "blobs"),
        "FLYTEADMIN_LOGS_DIR": str(tmp_path / "logs"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "flyteadmin"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(
            lambda: httpx.get(f"http://127.0.0.1:{http_port}/api/v1/projects").status_code == 200,
            timeout=20,
            ignore=(httpx.TransportError,),
            message="the standalone admin to answer on its HTTP port",
        )
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = process.stdout.read().decode() if process.stdout else ""
    assert "Admin serving gRPC" in output and "Admin stopped" in output
