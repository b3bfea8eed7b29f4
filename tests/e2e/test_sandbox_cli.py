"""`flyte start` as a user meets it: a clear message, not a traceback, when a port is taken."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from tests.e2e.sandboxes import VENV_BIN
from tests.services.postgres import free_port

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("taken", ["grpc", "http"])
def test_port_in_use_gives_a_clear_error(tmp_path: Path, taken: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
        # Like another gRPC server would: a port shared via SO_REUSEPORT must still count as taken.
        blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        busy = blocker.getsockname()[1]
        ports = {"grpc": free_port(), "http": free_port()}
        ports[taken] = busy
        result = subprocess.run(
            [
                str(VENV_BIN / "flyte"),
                "start",
                "--data-dir",
                str(tmp_path / "data"),
                "--grpc-port",
                str(ports["grpc"]),
                "--http-port",
                str(ports["http"]),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert "Could not start the sandbox" in result.stderr, result.stderr
    assert "--grpc-port/--http-port" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
