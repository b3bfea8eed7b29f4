"""``pyflyte backfill [-p P] [-d D] [--from-date D] [--to-date D] [--backfill-window W] LP [VERSION]``.

Generates a workflow that launches the scheduled launch plan LP once per schedule tick between the
two dates (``FlyteRemote.launch_backfill``), registers it and starts it. ``--dry-run`` prints the
generated workflow instead; ``--do-not-execute`` registers without starting it. The window is
given by both dates, or by one date and ``--backfill-window``.
"""

from __future__ import annotations

import datetime

import click

from flytekit.clis.commands.options import domain_option, project_option
from flytekit.clis.commands.progress import spinner
from flytekit.clis.commands.remoting import remote_for
from flytekit.interaction.click_types import DateTimeType, DurationParamType


def resolve_window(
    from_date: datetime.datetime | None,
    to_date: datetime.datetime | None,
    window: datetime.timedelta | None,
) -> tuple[datetime.datetime, datetime.datetime]:
    """The (start, end) of the backfill from two of the three options."""
    if from_date and to_date and window:
        raise click.BadParameter("Give two of --from-date, --to-date and --backfill-window, not all three.")
    if from_date and to_date:
        return from_date, to_date
    if not (from_date or to_date):
        raise click.BadParameter(
            "A backfill needs --from-date and --to-date, or one of them with --backfill-window."
        )
    if window is None:
        raise click.BadParameter("With only one of --from-date/--to-date, --backfill-window is required.")
    if from_date:
        return from_date, from_date + window
    assert to_date is not None
    return to_date - window, to_date


@click.command("backfill")
@project_option
@domain_option
@click.option("-v", "--version", default=None, help="Version of the generated workflow (default: derived).")
@click.option("-n", "--execution-name", default=None, help="Name of the backfill execution.")
@click.option("--dry-run", is_flag=True, help="Print the generated workflow; register and run nothing.")
@click.option(
    "--execute/--do-not-execute",
    default=True,
    show_default=True,
    help="Start the backfill after registering it.",
)
@click.option(
    "--parallel/--serial",
    default=False,
    show_default=True,
    help="Run the backfilled executions all at once, or one after the other.",
)
@click.option(
    "--from-date",
    type=DateTimeType(),
    default=None,
    help="Start of the window, exclusive (now, today, 2024-01-31, now - 5d, ...).",
)
@click.option("--to-date", type=DateTimeType(), default=None, help="End of the window.")
@click.option(
    "--backfill-window",
    type=DurationParamType(),
    default=None,
    help="Length of the window, with one of --from-date/--to-date (e.g. 5d, 10 days, 1:24).",
)
@click.option(
    "--fail-fast/--no-fail-fast",
    default=True,
    show_default=True,
    help="Stop at the first failed execution, or let the others finish.",
)
@click.option("--overwrite-cache", is_flag=True, default=False, help="Recompute cached results.")
@click.argument("launchplan")
@click.argument("launchplan-version", required=False, default=None)
@click.pass_context
def backfill(
    ctx: click.Context,
    project: str,
    domain: str,
    version: str | None,
    execution_name: str | None,
    dry_run: bool,
    execute: bool,
    parallel: bool,
    from_date: datetime.datetime | None,
    to_date: datetime.datetime | None,
    backfill_window: datetime.timedelta | None,
    fail_fast: bool,
    overwrite_cache: bool,
    launchplan: str,
    launchplan_version: str | None,
) -> None:
    """Backfill the scheduled launch plan LAUNCHPLAN over a window of its schedule ticks."""
    from flytekit.core.workflow import WorkflowFailurePolicy
    from flytekit.remote import FlyteWorkflow
    from flytekit.remote.backfills import backfill_plan, describe

    start, end = resolve_window(from_date, to_date, backfill_window)
    policy = (
        WorkflowFailurePolicy.FAIL_IMMEDIATELY
        if fail_fast
        else WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE
    )
    with remote_for(ctx, project, domain) as remote, spinner("Generating the backfill..."):
        result = remote.launch_backfill(
            project=project,
            domain=domain,
            from_date=start,
            to_date=end,
            launchplan=launchplan,
            launchplan_version=launchplan_version,
            execution_name=execution_name,
            version=version,
            dry_run=dry_run,
            execute=execute,
            parallel=parallel,
            failure_policy=policy,
            overwrite_cache=overwrite_cache or None,
        )
        if dry_run:
            fetched = remote.fetch_launch_plan(project, domain, launchplan, launchplan_version)
            plan = backfill_plan(fetched, start, end)
        url = None if dry_run else remote.generate_console_url(result)
    if dry_run:
        click.echo(describe(plan, result, parallel))
        return
    if isinstance(result, FlyteWorkflow):
        click.secho(f"Workflow registered at {url}", fg="green")
        return
    click.secho(f"Execution launched {url} to see execution in the console.", fg="green")
