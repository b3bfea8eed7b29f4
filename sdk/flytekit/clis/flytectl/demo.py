"""``flytectl demo start|stop|status``: the local sandbox (``flyte start``) as a background process.

``start`` launches ``flyte start`` detached, with its output in ``<data dir>/demo.log`` and its pid
in ``<data dir>/demo.pid``, waits until admin answers ``/healthcheck`` and writes a flytectl config
pointing at it (``~/.flyte/config-sandbox.yaml``, also ``~/.flyte/config.yaml`` unless one exists),
so ``pyflyte run --remote`` and ``flytectl get ...`` work right away. ``status`` reports whether the
process lives and admin is healthy; ``stop`` sends SIGTERM and waits for the process to end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import click

DEFAULT_GRPC_PORT = 8089
DEFAULT_HTTP_PORT = 8088
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0


def default_data_dir() -> Path:
    return Path(os.environ.get("FLYTE_SANDBOX_DATA_DIR", Path.home() / ".flyte" / "sandbox"))


@dataclass(frozen=True)
class DemoPaths:
    data_dir: Path

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "demo.pid"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "demo.log"

    @property
    def ports_file(self) -> Path:
        return self.data_dir / "demo.ports"


def _running_pid(paths: DemoPaths) -> int | None:
    """The pid of a live sandbox started by ``demo start`` (stale pid files are removed)."""
    if not paths.pid_file.exists():
        return None
    try:
        pid = int(paths.pid_file.read_text().strip())
        _reap(pid)
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        paths.pid_file.unlink(missing_ok=True)
        return None
    except PermissionError:
        return None
    return pid


def _reap(pid: int) -> None:
    """Collect the exit status if the sandbox is our own child, so an ended one does not linger."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _ports(paths: DemoPaths) -> tuple[int, int]:
    if paths.ports_file.exists():
        grpc_port, http_port = paths.ports_file.read_text().split()
        return int(grpc_port), int(http_port)
    return DEFAULT_GRPC_PORT, DEFAULT_HTTP_PORT


def _healthy(http_port: int) -> bool:
    import httpx

    try:
        return httpx.get(f"http://127.0.0.1:{http_port}/healthcheck", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def _flyte_command() -> list[str]:
    """``flyte`` next to this interpreter (the same install), else the one on PATH."""
    sibling = Path(sys.executable).parent / "flyte"
    if sibling.exists():
        return [str(sibling)]
    found = shutil.which("flyte")
    if found is None:
        raise click.ClickException("The `flyte` command (flyte-py's sandbox) is not installed here.")
    return [found]


def sandbox_config_text(grpc_port: int, http_port: int) -> str:
    return (
        "admin:\n"
        f"  endpoint: dns:///127.0.0.1:{grpc_port}\n"
        "  insecure: true\n"
        "console:\n"
        f"  endpoint: http://127.0.0.1:{http_port}\n"
        "logger:\n"
        "  show-source: true\n"
        "  level: 0\n"
    )


def _write_config(grpc_port: int, http_port: int) -> Path:
    folder = Path.home() / ".flyte"
    folder.mkdir(parents=True, exist_ok=True)
    text = sandbox_config_text(grpc_port, http_port)
    sandbox_config = folder / "config-sandbox.yaml"
    sandbox_config.write_text(text)
    default_config = folder / "config.yaml"
    if not default_config.exists():
        default_config.write_text(text)
    return sandbox_config


data_dir_option = click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where the sandbox keeps its database, blobs and logs [default: ~/.flyte/sandbox].",
)


@click.group("demo")
def demo() -> None:
    """Start, stop and inspect the local sandbox (flyte start) in the background."""


@demo.command("start")
@data_dir_option
@click.option("--grpc-port", type=int, default=DEFAULT_GRPC_PORT, show_default=True, help="Admin gRPC port.")
@click.option("--http-port", type=int, default=DEFAULT_HTTP_PORT, show_default=True, help="Admin HTTP port.")
@click.option(
    "--timeout", type=float, default=START_TIMEOUT_S, show_default=True, help="Seconds to wait for readiness."
)
def start(data_dir: Path | None, grpc_port: int, http_port: int, timeout: float) -> None:
    """Start the sandbox in the background and point the flytectl config at it."""
    paths = DemoPaths((data_dir or default_data_dir()).resolve())
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    running = _running_pid(paths)
    if running is not None:
        raise click.ClickException(
            f"The sandbox is already running (pid {running}); stop it with `flytectl demo stop`."
        )
    command = [
        *_flyte_command(),
        "start",
        "--data-dir",
        str(paths.data_dir),
        "--grpc-port",
        str(grpc_port),
        "--http-port",
        str(http_port),
    ]
    with paths.log_file.open("ab") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    paths.pid_file.write_text(str(process.pid))
    paths.ports_file.write_text(f"{grpc_port} {http_port}")
    deadline = time.monotonic() + timeout
    while not _healthy(http_port):
        if process.poll() is not None:
            paths.pid_file.unlink(missing_ok=True)
            tail = paths.log_file.read_text(errors="replace")[-2000:]
            raise click.ClickException(f"The sandbox exited (code {process.returncode}):\n{tail}")
        if time.monotonic() > deadline:
            raise click.ClickException(
                f"The sandbox did not become healthy within {timeout:g}s; see {paths.log_file}."
            )
        time.sleep(0.2)
    config = _write_config(grpc_port, http_port)
    click.echo(f"Flyte sandbox started (pid {process.pid}).")
    click.echo(f"  admin gRPC: 127.0.0.1:{grpc_port}")
    click.echo(f"  console:    http://127.0.0.1:{http_port}/console")
    click.echo(f"  config:     {config}")
    click.echo(f"  logs:       {paths.log_file}")


@demo.command("status")
@data_dir_option
def status(data_dir: Path | None) -> None:
    """Whether the sandbox runs and admin answers."""
    paths = DemoPaths((data_dir or default_data_dir()).resolve())
    pid = _running_pid(paths)
    if pid is None:
        click.echo("Flyte sandbox is not running.")
        return
    grpc_port, http_port = _ports(paths)
    health = "healthy" if _healthy(http_port) else "not answering yet"
    click.echo(f"Flyte sandbox is running (pid {pid}, gRPC 127.0.0.1:{grpc_port}): {health}.")


@demo.command("stop")
@data_dir_option
def stop(data_dir: Path | None) -> None:
    """Stop the sandbox started by `flytectl demo start`."""
    paths = DemoPaths((data_dir or default_data_dir()).resolve())
    pid = _running_pid(paths)
    if pid is None:
        click.echo("Flyte sandbox is not running.")
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while _running_pid(paths) is not None:
        if time.monotonic() > deadline:
            raise click.ClickException(f"The sandbox (pid {pid}) did not stop within {STOP_TIMEOUT_S:g}s.")
        time.sleep(0.2)
    paths.pid_file.unlink(missing_ok=True)
    click.echo("Flyte sandbox stopped.")
