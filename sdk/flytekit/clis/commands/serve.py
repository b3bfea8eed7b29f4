"""``pyflyte serve connector|agent``: run the connector gRPC services for the engine to call."""

from __future__ import annotations

import asyncio
import importlib
import os
import sys

import click

from flytekit.errors import FlyteUserException


def _serve(
    port: int, prometheus_port: int, worker: int, timeout: int | None, modules: tuple[str, ...]
) -> None:
    # Connectors register themselves when their modules are imported; the sensor engine is built in.
    importlib.import_module("flytekit.sensor")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # --modules may name modules of the current project
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise FlyteUserException(f"Cannot import connector module {module!r}: {exc}") from exc
    from flytekit.extend.backend.base_connector import ConnectorRegistry
    from flytekit.extend.backend.connector_service import serve

    if prometheus_port:
        import prometheus_client

        prometheus_client.start_http_server(prometheus_port)
    names = ", ".join(sorted(f"{c.name} ({c.task_category})" for c in ConnectorRegistry.list_connectors()))
    click.echo(f"Serving connectors on port {port}: {names}")

    async def main() -> None:
        if timeout is None:
            await serve(port, worker)
            return
        try:
            await asyncio.wait_for(serve(port, worker), timeout)
        except TimeoutError:
            click.echo(f"Stopped after {timeout} s (--timeout).")

    asyncio.run(main())


def _options(f: click.decorators.FC) -> click.decorators.FC:
    f = click.option(
        "--modules", multiple=True, help="Modules that define connectors, imported before serving."
    )(f)
    f = click.option(
        "--timeout", type=int, default=None, help="Stop serving after this many seconds (for tests)."
    )(f)
    f = click.option(
        "--worker", type=int, default=10, show_default=True, help="Worker threads of the gRPC server."
    )(f)
    f = click.option(
        "--prometheus_port",
        type=int,
        default=9090,
        show_default=True,
        help="Port of the Prometheus metrics (0: off).",
    )(f)
    f = click.option(
        "--port", type=int, default=8000, show_default=True, help="gRPC port of the connector service."
    )(f)
    return f


@click.group("serve")
def serve() -> None:
    """Serve connectors (task types run outside pods) over gRPC."""


@serve.command("connector")
@_options
def connector(
    port: int, prometheus_port: int, worker: int, timeout: int | None, modules: tuple[str, ...]
) -> None:
    """Start a gRPC server for the connector service."""
    _serve(port, prometheus_port, worker, timeout, modules)


@serve.command("agent")
@_options
def agent(
    port: int, prometheus_port: int, worker: int, timeout: int | None, modules: tuple[str, ...]
) -> None:
    """Start a gRPC server for the connector service (the older name of `serve connector`)."""
    _serve(port, prometheus_port, worker, timeout, modules)
