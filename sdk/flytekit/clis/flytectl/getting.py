"""``flytectl get project|task|workflow|launchplan|execution``: list or show records.

With a name and ``--version`` one version is fetched; ``--latest`` is the newest version; a name
alone lists its versions; no name lists everything in the project/domain, newest first, paged by
``--filter.limit``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from flytekit.clis.flytectl._printing import Column, print_records
from flytekit.clis.flytectl._session import (
    Session,
    admin_session,
    filter_options,
    list_filter,
    output_option,
    project_domain_options,
)

if TYPE_CHECKING:
    from flytekit.remote import FlyteRemote

PROJECT_COLUMNS: list[Column] = [("Id", "id"), ("Name", "name"), ("Description", "description")]
TASK_COLUMNS: list[Column] = [
    ("Version", "id.version"),
    ("Name", "id.name"),
    ("Type", "closure.compiled_task.template.type"),
    ("Created At", "closure.created_at"),
]
WORKFLOW_COLUMNS: list[Column] = [
    ("Version", "id.version"),
    ("Name", "id.name"),
    ("Created At", "closure.created_at"),
]
LAUNCH_PLAN_COLUMNS: list[Column] = [
    ("Version", "id.version"),
    ("Name", "id.name"),
    ("State", "closure.state"),
    ("Schedule", "spec.entity_metadata.schedule.cron_expression"),
    ("Created At", "closure.created_at"),
]
EXECUTION_COLUMNS: list[Column] = [
    ("Name", "id.name"),
    ("Launch Plan Name", "spec.launch_plan.name"),
    ("Launch Plan Version", "spec.launch_plan.version"),
    ("Phase", "closure.phase"),
    ("Started", "closure.started_at"),
    ("Elapsed Time", "closure.duration"),
]


class AliasedGroup(click.Group):
    """Accepts flytectl's plural spellings (``projects``, ``tasks``, ...)."""

    aliases = {
        "projects": "project",
        "tasks": "task",
        "workflows": "workflow",
        "launchplans": "launchplan",
        "executions": "execution",
    }

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, self.aliases.get(cmd_name, cmd_name))


@click.group("get", cls=AliasedGroup)
def get() -> None:
    """Show projects, tasks, workflows, launch plans or executions."""


@get.command("project")
@click.argument("name", required=False)
@output_option
@filter_options
@click.pass_obj
def get_project(session: Session, name: str | None, output: str) -> None:
    """List projects, or show the one whose id is NAME."""
    with admin_session(session) as remote:
        selection = list_filter()
        projects, _ = remote.client.list_projects_paginated(
            limit=selection.limit, filters=selection.filters(), sort_by=None
        )
        if name:
            projects = [project for project in projects if project.id == name]
            if not projects:
                raise click.ClickException(f"Project {name!r} does not exist; list them with 'get project'.")
        print_records(projects, PROJECT_COLUMNS, output)


def _entity_command(kind: str, columns: list[Column]) -> click.Command:
    @click.argument("name", required=False)
    @project_domain_options
    @click.option("--version", default=None, help="Show this version of NAME.")
    @click.option("--latest", is_flag=True, help="Show only the newest version of NAME.")
    @click.option(
        "--execFile",
        "exec_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write an execution spec file for NAME (see `create execution --execFile`).",
    )
    @output_option
    @filter_options
    @click.pass_obj
    def command(
        session: Session,
        name: str | None,
        project: str,
        domain: str,
        version: str | None,
        latest: bool,
        exec_file: Path | None,
        output: str,
    ) -> None:
        if (version or latest or exec_file) and not name:
            raise click.UsageError(f"--version, --latest and --execFile need a {kind} NAME.")
        if version and latest:
            raise click.UsageError("Pass either --version or --latest, not both.")
        if exec_file is not None and kind == "workflow":
            raise click.UsageError("--execFile is for launch plans and tasks; workflows run through them.")
        with admin_session(session) as remote:
            records = _fetch_entities(remote, kind, project, domain, name, version, latest or bool(exec_file))
            if not records and name:
                raise click.ClickException(f"No {kind} named {name!r} in {project}/{domain}.")
            if exec_file is not None:
                _write_exec_file(records[0], exec_file)
                click.echo(f"Execution spec for {name} written to {exec_file}")
                return
            print_records(records, columns, output)

    command.__doc__ = f"List {kind}s, the versions of {kind} NAME, or one version (--version/--latest)."
    return click.command(kind)(command)


def _fetch_entities(
    remote: FlyteRemote,
    kind: str,
    project: str,
    domain: str,
    name: str | None,
    version: str | None,
    latest: bool,
) -> list[Any]:
    from flyteidl.admin import common_pb2
    from flyteidl.core import identifier_pb2

    client = remote.client
    kinds: dict[
        str, tuple[identifier_pb2.ResourceType, Callable[..., Any], Callable[..., tuple[list[Any], str]]]
    ] = {
        "task": (identifier_pb2.TASK, client.get_task, client.list_tasks_paginated),
        "workflow": (identifier_pb2.WORKFLOW, client.get_workflow, client.list_workflows_paginated),
        "launchplan": (
            identifier_pb2.LAUNCH_PLAN,
            client.get_launch_plan,
            client.list_launch_plans_paginated,
        ),
    }
    resource_type, get_one, list_many = kinds[kind]
    if version:
        ident = identifier_pb2.Identifier(
            resource_type=resource_type, project=project, domain=domain, name=name, version=version
        )
        return [get_one(ident)]
    selection = list_filter()
    named = common_pb2.NamedEntityIdentifier(project=project, domain=domain, name=name or "")
    limit = 1 if latest else selection.limit
    sort = common_pb2.Sort(key="created_at", direction=common_pb2.Sort.DESCENDING) if latest else None
    records, _ = list_many(named, limit=limit, filters=selection.filters(), sort_by=sort or selection.sort())
    return list(records)


def _write_exec_file(record: Any, path: Path) -> None:
    from flyteidl.admin import launch_plan_pb2
    from flytekit.clis.flytectl.execfiles import exec_file_text
    from flytekit.remote import FlyteLaunchPlan, FlyteTask

    entity: Any = (
        FlyteLaunchPlan.from_admin(record)
        if isinstance(record, launch_plan_pb2.LaunchPlan)
        else FlyteTask.from_admin(record)
    )
    path.write_text(exec_file_text(entity))


get.add_command(_entity_command("task", TASK_COLUMNS))
get.add_command(_entity_command("workflow", WORKFLOW_COLUMNS))
get.add_command(_entity_command("launchplan", LAUNCH_PLAN_COLUMNS))


@get.command("execution")
@click.argument("name", required=False)
@project_domain_options
@output_option
@filter_options
@click.pass_obj
def get_execution(session: Session, name: str | None, project: str, domain: str, output: str) -> None:
    """List executions (newest first), or show execution NAME."""
    from flyteidl.core import identifier_pb2

    with admin_session(session) as remote:
        if name:
            ident = identifier_pb2.WorkflowExecutionIdentifier(project=project, domain=domain, name=name)
            records = [remote.client.get_execution(ident)]
        else:
            selection = list_filter()
            records, _ = remote.client.list_executions_paginated(
                project,
                domain,
                limit=selection.limit,
                filters=selection.filters(),
                sort_by=selection.sort(),
            )
        print_records(records, EXECUTION_COLUMNS, output)
