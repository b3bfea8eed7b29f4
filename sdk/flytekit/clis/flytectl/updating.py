"""``flytectl update launchplan NAME --version V --activate|--deactivate`` and ``update project``.

Admin keeps at most one active version per launch plan name: activating a version deactivates the
others (and (un)schedules it when it has a schedule).
"""

from __future__ import annotations

import click

from flytekit.clis.flytectl._session import Session, admin_session, project_domain_options


@click.group("update")
def update() -> None:
    """Update launch plans and projects."""


@update.command("launchplan")
@click.argument("name")
@project_domain_options
@click.option("--version", required=True, help="Version of the launch plan to update.")
@click.option("--activate", is_flag=True, help="Make this version the active one.")
@click.option(
    "--deactivate", "--archive", "deactivate", is_flag=True, help="Deactivate (archive) this version."
)
@click.pass_obj
def update_launch_plan(
    session: Session, name: str, project: str, domain: str, version: str, activate: bool, deactivate: bool
) -> None:
    """Activate or deactivate one version of launch plan NAME."""
    from flyteidl.admin import launch_plan_pb2
    from flyteidl.core import identifier_pb2

    if activate == deactivate:
        raise click.UsageError("Pass exactly one of --activate or --deactivate.")
    ident = identifier_pb2.Identifier(
        resource_type=identifier_pb2.LAUNCH_PLAN, project=project, domain=domain, name=name, version=version
    )
    state = launch_plan_pb2.ACTIVE if activate else launch_plan_pb2.INACTIVE
    with admin_session(session) as remote:
        remote.client.update_launch_plan(ident, state)
    label = "activated" if activate else "deactivated"
    click.echo(f"updated launchplan {name} version {version}: {label}.")


@update.command("project")
@click.option("-p", "--project", "project_id", required=True, help="Id of the project to update.")
@click.option("--name", default=None, help="New display name.")
@click.option("--description", default=None, help="New description.")
@click.option("--archive", is_flag=True, help="Archive the project (hidden from listings).")
@click.option("--activate", is_flag=True, help="Make an archived project active again.")
@click.pass_obj
def update_project(
    session: Session,
    project_id: str,
    name: str | None,
    description: str | None,
    archive: bool,
    activate: bool,
) -> None:
    """Rename, describe, archive or re-activate a project."""
    from flyteidl.admin import project_pb2

    if archive and activate:
        raise click.UsageError("Pass at most one of --archive or --activate.")
    with admin_session(session) as remote:
        current = remote.client.raw.get_project(project_pb2.ProjectGetRequest(id=project_id))
        project = project_pb2.Project()
        project.CopyFrom(current)
        del project.domains[:]
        if name is not None:
            project.name = name
        if description is not None:
            project.description = description
        if archive:
            project.state = project_pb2.Project.ARCHIVED
        elif activate:
            project.state = project_pb2.Project.ACTIVE
        remote.client.raw.update_project(project)
    state = project_pb2.Project.ProjectState.Name(project.state)
    click.echo(f"Project {project_id} updated: name {project.name!r}, state {state}.")
