"""``flytectl``: the control-plane CLI (``flytekit.clis.flytectl:main``).

The root group and ``version`` live here; each verb is its own module (``getting``, ``creating``,
``updating``, ``deleting``, ``configuring``, ``registering``, ``demo``) built on ``FlyteRemote`` and its admin client, with the
shared options and the admin session in ``_session`` and output rendering in ``_printing``. The
config file is the flytectl YAML read by ``Config.auto`` (``--config``, else ``$FLYTECTL_CONFIG``,
else ``~/.flyte/config.yaml``). grpc and rich load inside commands, never at import.
"""

from __future__ import annotations

import click

from flytekit.clis.flytectl._session import Session, admin_session
from flytekit.clis.flytectl.configuring import config
from flytekit.clis.flytectl.creating import create
from flytekit.clis.flytectl.deleting import delete
from flytekit.clis.flytectl.demo import demo
from flytekit.clis.flytectl.getting import get
from flytekit.clis.flytectl.registering import register
from flytekit.clis.flytectl.updating import update

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-c", "--config", "config_file", default=None, help="Path to the flytectl config file.")
@click.pass_context
def main(ctx: click.Context, config_file: str | None) -> None:
    """Manage entities and executions on a Flyte backend."""
    ctx.obj = Session(config_file=config_file)


@main.command("version")
@click.pass_obj
def version(session: Session) -> None:
    """Print this client's version and, when reachable, the backend's."""
    from flytekit._version import __version__

    click.echo(f"flytectl (flyte-py) version: {__version__}")
    with admin_session(session) as remote:
        endpoint = remote.config.platform.endpoint
        click.echo(f"Admin version: {remote.client.get_control_plane_version()} at {endpoint}")


for _command in (get, create, update, delete, config, register, demo):
    main.add_command(_command)


if __name__ == "__main__":
    main()
