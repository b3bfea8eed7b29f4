"""``flytectl``: the control-plane CLI (``flytekit.clis.flytectl:main``).

For now the root group and ``version``; the config file is the flytectl YAML read by
``Config.auto`` (``--config``, else ``$FLYTECTL_CONFIG``, else ``~/.flyte/config.yaml``).
"""

from __future__ import annotations

import click

from flytekit.errors import FlyteException


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-c", "--config", "config_file", default=None, help="Path to the flytectl config file.")
@click.pass_context
def main(ctx: click.Context, config_file: str | None) -> None:
    """Manage entities and executions on a Flyte backend."""
    ctx.obj = config_file


@main.command("version")
@click.pass_context
def version(ctx: click.Context) -> None:
    """Print this client's version and, when reachable, the backend's."""
    from flytekit._version import __version__
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    click.echo(f"flytectl (flyte-py) version: {__version__}")
    config = Config.auto(ctx.obj)
    remote = FlyteRemote(config)
    try:
        click.echo(
            f"Admin version: {remote.client.get_control_plane_version()} at {config.platform.endpoint}"
        )
    except FlyteException as exc:
        raise click.ClickException(f"Admin at {config.platform.endpoint} is not reachable: {exc}") from exc
    finally:
        remote.close()


if __name__ == "__main__":
    main()
