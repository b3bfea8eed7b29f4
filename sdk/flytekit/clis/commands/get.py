"""``pyflyte get launchplan [NAME [VERSION]]``: list launch plans, or print one as JSON.

Without a name: every launch plan version of the project/domain (``--active-only`` for the active
ones), most recently updated first, as a table of name, version, state and schedule. With a name:
that launch plan's versions. With a name and a version: the full record as JSON.
"""

from __future__ import annotations

from typing import Any

import click

from flytekit.clis.commands.options import domain_option, project_option
from flytekit.clis.commands.remoting import remote_for


def schedule_text(launch_plan: Any) -> str:
    """The schedule of a launch plan as a table shows it (cron, rate, or ``None``)."""
    from flyteidl.admin import schedule_pb2

    schedule = launch_plan.spec.entity_metadata.schedule
    kind = schedule.WhichOneof("ScheduleExpression")
    if kind == "cron_schedule":
        return str(schedule.cron_schedule.schedule)
    if kind == "cron_expression":
        return str(schedule.cron_expression)
    if kind == "rate":
        unit = schedule_pb2.FixedRateUnit.Name(schedule.rate.unit)
        return f"{schedule.rate.value} {unit}"
    return "None"


@click.group("get")
def get() -> None:
    """Get a single or multiple remote objects."""


@get.command("launchplan")
@click.option("--active-only", "--scheduled", is_flag=True, help="Only return active launch plans.")
@project_option
@domain_option
@click.option("-l", "--limit", type=int, default=1000, show_default=True, help="Most launch plans listed.")
@click.argument("launchplan-name", required=False)
@click.argument("version", required=False)
@click.pass_context
def launchplan(
    ctx: click.Context,
    active_only: bool,
    project: str,
    domain: str,
    limit: int,
    launchplan_name: str | None,
    version: str | None,
) -> None:
    """List launch plans, or show one version as JSON."""
    from google.protobuf.json_format import MessageToJson
    from rich.console import Console
    from rich.table import Table

    from flyteidl.admin import common_pb2 as admin_common
    from flyteidl.admin import launch_plan_pb2
    from flyteidl.core import identifier_pb2

    newest_first = admin_common.Sort(key="updated_at", direction=admin_common.Sort.DESCENDING)
    title = f"LaunchPlans for {project}/{domain}"
    with remote_for(ctx, project, domain) as remote:
        if launchplan_name and version:
            record = remote.client.get_launch_plan(
                identifier_pb2.Identifier(
                    resource_type=identifier_pb2.LAUNCH_PLAN,
                    project=project,
                    domain=domain,
                    name=launchplan_name,
                    version=version,
                )
            )
            click.echo(MessageToJson(record))
            return
        if launchplan_name:
            named = admin_common.NamedEntityIdentifier(project=project, domain=domain, name=launchplan_name)
            records, _ = remote.client.list_launch_plans_paginated(named, limit=limit, sort_by=newest_first)
        elif active_only:
            title += " (active only)"
            records, _ = remote.client.list_active_launch_plans_paginated(
                project, domain, limit=limit, sort_by=newest_first
            )
        else:
            named = admin_common.NamedEntityIdentifier(project=project, domain=domain)
            records, _ = remote.client.list_launch_plans_paginated(named, limit=limit, sort_by=newest_first)
    table = Table(title=title)
    for column in ("Name", "Version", "State", "Schedule"):
        table.add_column(column, justify="right", overflow="fold")
    for record in records:
        state = launch_plan_pb2.LaunchPlanState.Name(record.closure.state)
        table.add_row(record.id.name, record.id.version, state, schedule_text(record))
    Console(width=200).print(table)
