"""``pyflyte launchplan [-p P] [-d D] --activate|--deactivate NAME [VERSION]``.

Activating a version makes it the one admin schedules (and deactivates the others of that name);
deactivating stops its schedule. Without VERSION the latest registered version is used.
"""

from __future__ import annotations

import click

from flytekit.clis.commands.options import domain_option, project_option
from flytekit.clis.commands.progress import spinner
from flytekit.clis.commands.remoting import remote_for


@click.command("launchplan")
@project_option
@domain_option
@click.option(
    "--activate/--deactivate", required=True, default=None, help="Activate or deactivate the launch plan."
)
@click.argument("launchplan")
@click.argument("launchplan-version", required=False, default=None)
@click.pass_context
def launchplan(
    ctx: click.Context,
    project: str,
    domain: str,
    activate: bool,
    launchplan: str,
    launchplan_version: str | None,
) -> None:
    """Activate or deactivate a launch plan (the latest version unless LAUNCHPLAN_VERSION is given).

    Activating a version deactivates the previously active one.
    """
    source = ctx.get_parameter_source("activate")
    if source is None or source.name == "DEFAULT":
        raise click.UsageError("Missing option '--activate' / '--deactivate'.")
    with (
        remote_for(ctx, project, domain) as remote,
        spinner("Activating..." if activate else "Deactivating..."),
    ):
        fetched = remote.fetch_launch_plan(project, domain, launchplan, launchplan_version)
        if activate:
            remote.activate_launchplan(fetched.id)
        else:
            remote.deactivate_launchplan(fetched.id)
    state = "ACTIVE" if activate else "INACTIVE"
    click.secho(f"Launchplan was set to {state}: {fetched.name}:{fetched.version}", fg="green")
