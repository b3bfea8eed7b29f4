"""``flytectl create project``: register a project with admin."""

from __future__ import annotations

import click

from flytekit.clis.flytectl._session import Session, admin_session


@click.group("create")
def create() -> None:
    """Create projects."""


@create.command("project")
@click.option("--id", "project_id", required=True, help="Unique id of the project.")
@click.option("--name", default=None, help="Display name (defaults to the id).")
@click.option("--description", default="", help="Description of the project.")
@click.pass_obj
def create_project(session: Session, project_id: str, name: str | None, description: str) -> None:
    """Create a project; its domains are admin's configured domains."""
    from flyteidl.admin import project_pb2

    with admin_session(session) as remote:
        remote.client.register_project(
            project_pb2.Project(id=project_id, name=name or project_id, description=description)
        )
    click.echo(f"project {project_id} created successfully.")
