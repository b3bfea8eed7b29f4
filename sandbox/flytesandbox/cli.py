"""`flyte`: the command that runs the whole platform on one machine.

`flyte start` builds the sandbox settings from its flags (and `FLYTE_SANDBOX_*` variables), starts
every component in this process, prints where to reach them, and stops cleanly on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="flyte-py", prog_name="flyte")
def main() -> None:
    """flyte-py: the Flyte platform on one machine."""


@main.command()
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where the database, blobs and task logs live [default: ~/.flyte/sandbox].",
)
@click.option("--grpc-port", type=int, default=None, help="Admin gRPC port [default: 8089].")
@click.option(
    "--http-port", type=int, default=None, help="Admin HTTP port: REST, console, uploads [default: 8088]."
)
@click.option("--host", default=None, help="Address to listen on [default: 127.0.0.1].")
@click.option(
    "--task-path",
    "task_path",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Folder put first on PATH for task processes (e.g. another venv's bin); repeatable.",
)
@click.option("--log-level", default=None, help="Log level of the sandbox [default: INFO].")
def start(
    data_dir: Path | None,
    grpc_port: int | None,
    http_port: int | None,
    host: str | None,
    task_path: tuple[Path, ...],
    log_level: str | None,
) -> None:
    """Start admin, propeller and the rest in this process, until Ctrl-C or SIGTERM."""
    from flytesandbox.app import Sandbox
    from flytesandbox.settings import SandboxSettings

    overrides: dict[str, object] = {}
    for key, value in (
        ("data_dir", data_dir),
        ("grpc_port", grpc_port),
        ("http_port", http_port),
        ("host", host),
        ("log_level", log_level),
    ):
        if value is not None:
            overrides[key] = value
    if task_path:
        overrides["task_path"] = list(task_path)
    settings = SandboxSettings(**overrides)  # type: ignore[arg-type]

    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)

    sandbox = Sandbox(settings)
    try:
        sandbox.start()
    except (OSError, RuntimeError) as error:
        # Binding a port is what fails in practice; anything else propagates with its traceback.
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise click.ClickException(
            f"Could not start the sandbox on {settings.host} (gRPC port {settings.grpc_port}, HTTP port "
            f"{settings.http_port}): {reason}. Stop whatever uses those ports or pass --grpc-port/--http-port."
        ) from error
    try:
        click.echo(sandbox.banner())
        stop.wait()
        click.echo("Stopping the sandbox...")
    finally:
        sandbox.stop()
    click.echo("Sandbox stopped.")
