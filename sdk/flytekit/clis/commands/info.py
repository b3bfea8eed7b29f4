"""``pyflyte info``: the SDK version, the configured admin endpoint and admin's version."""

from __future__ import annotations

import click

from flytekit.clis.pyflyte import current_context
from flytekit.errors import FlyteException


@click.command("info")
@click.pass_context
def info(ctx: click.Context) -> None:
    """Print the flytekit version, the admin endpoint and the backend version."""
    from flytekit._version import __version__
    from flytekit.remote import FlyteRemote

    config = current_context(ctx).config()
    click.echo(f"Flytekit Version: {__version__}")
    click.echo(f"Endpoint: {config.platform.endpoint}")
    remote = FlyteRemote(config)
    try:
        backend = remote.client.get_control_plane_version()
    except FlyteException as exc:
        backend = f"unreachable ({type(exc).__name__})"
    finally:
        remote.close()
    click.echo(f"Flyte Backend Version: {backend}")
