"""A sandbox (`flyte start`) run as a real subprocess on free ports, for end-to-end tests.

The process is started exactly as a user starts it, waited for through its health endpoint, and
stopped with SIGTERM; a clean stop (exit code 0) is part of what the tests check.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.services.postgres import free_port
from tests.services.waiting import wait_for

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


@dataclass
class RunningSandbox:
    data_dir: Path
    grpc_port: int
    http_port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    config_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.config_path = self.data_dir.parent / "flyte-config.yaml"
        self.config_path.write_text(
            f"admin:\n  endpoint: dns:///127.0.0.1:{self.grpc_port}\n  insecure: true\n"
        )

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def healthy(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"the sandbox exited with {self.process.returncode}:\n{self.log()}")
        try:
            with urllib.request.urlopen(f"{self.http_url}/healthcheck", timeout=1) as resp:
                return bool(resp.status == 200)
        except OSError:
            return False

    def stop(self, timeout: float = 20.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired as expired:
                self.process.kill()
                self.process.wait()
                raise AssertionError(
                    f"the sandbox did not stop within {timeout}s of SIGTERM:\n{self.log()}"
                ) from expired
        return self.process.returncode


def start_sandbox(
    root: Path, *, extra_env: Mapping[str, str] | None = None, timeout: float = 60.0
) -> RunningSandbox:
    data_dir = root / "sandbox"
    log_path = root / "sandbox.log"
    grpc_port, http_port = free_port(), free_port()
    env = dict(os.environ)
    env.update(extra_env or {})
    cmd = [
        str(VENV_BIN / "flyte"),
        "start",
        "--data-dir",
        str(data_dir),
        "--grpc-port",
        str(grpc_port),
        "--http-port",
        str(http_port),
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
    sandbox = RunningSandbox(data_dir, grpc_port, http_port, process, log_path)
    try:
        wait_for(
            sandbox.healthy,
            timeout=timeout,
            interval=0.1,
            message=lambda: f"sandbox health:\n{sandbox.log()}",
        )
    except BaseException:
        sandbox.stop()
        raise
    return sandbox
