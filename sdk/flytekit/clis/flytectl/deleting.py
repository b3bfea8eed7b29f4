"""``flytectl delete execution NAME...``: terminate running executions (records stay in admin)."""

from __future__ import annotations

import click

from flytekit.clis.flytectl._session import Session, admin_session, project_domain_options


@click.group("delete")
def delete() -> None:
    """Terminate executions."""


@delete.command("execution")
@click.argument("names", nargs=-1, required=True)
@project_domain_options
@click.option("--cause", default="terminated from flytectl", show_default=True, help="Abort cause.")
@click.pass_obj
def delete_execution(session: Session, names: tuple[str, ...], project: str, domain: str, cause: str) -> None:
    """Terminate each execution NAME."""
    from flyteidl.core import identifier_pb2

    with admin_session(session) as remote:
        for name in names:
            ident = identifier_pb2.WorkflowExecutionIdentifier(project=project, domain=domain, name=name)
            remote.client.terminate_execution(ident, cause)
            click.echo(f"Terminated execution {name}.")
