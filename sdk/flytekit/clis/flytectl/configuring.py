"""``flytectl config init``: write ``~/.flyte/config.yaml`` (``$HOME`` honoured) for one admin.

The file is the flytectl YAML that ``Config.auto`` reads: ``admin.endpoint`` as ``dns:///HOST``,
``admin.insecure``, ``admin.authType``, plus the logger section flytectl writes.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.group("config")
def config() -> None:
    """Write the client configuration."""


def config_path() -> Path:
    return Path.home() / ".flyte" / "config.yaml"


def render_config(host: str, insecure: bool) -> str:
    import yaml

    for prefix in ("dns:///", "http://", "https://"):
        host = host.removeprefix(prefix)
    document = {
        "admin": {"endpoint": f"dns:///{host.rstrip('/')}", "insecure": insecure, "authType": "Pkce"},
        "logger": {"show-source": True, "level": 0},
    }
    return yaml.safe_dump(document, sort_keys=False)


@config.command("init")
@click.option("--host", required=True, help="Admin endpoint, e.g. flyte.example.com or localhost:30080.")
@click.option("--insecure", is_flag=True, help="Talk to admin without TLS.")
@click.option("--force", is_flag=True, help="Overwrite an existing config file without asking.")
def init(host: str, insecure: bool, force: bool) -> None:
    """Write ~/.flyte/config.yaml pointing at HOST."""
    path = config_path()
    if path.exists() and not force:
        click.confirm(f"{path} exists; overwrite it?", abort=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_config(host, insecure))
    click.echo(f"Init flytectl config file at [{path}]")
