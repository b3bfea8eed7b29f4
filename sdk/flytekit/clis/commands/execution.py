"""``pyflyte execution [-p P] [-d D] --execution-id ID recover|relaunch``.

``relaunch`` starts a new execution with the same launch plan, inputs and options; ``recover``
does the same but reuses the outputs of the nodes that succeeded in the original, so a failed run
continues where it stopped. Both print the new execution's console URL.
"""

from __future__ import annotations

from dataclasses import dataclass

import click

from flytekit.clis.commands.options import domain_option, project_option
from flytekit.clis.commands.remoting import remote_for


@dataclass(frozen=True)
class ExecutionTarget:
    project: str
    domain: str
    execution_id: str


@click.group("execution")
@project_option
@domain_option
@click.option("--execution-id", required=True, help="Name of the execution to relaunch or recover.")
@click.pass_context
def execution(ctx: click.Context, project: str, domain: str, execution_id: str) -> None:
    """Relaunch or recover an execution."""
    ctx.obj = ExecutionTarget(project=project, domain=domain, execution_id=execution_id)


def _target(ctx: click.Context) -> ExecutionTarget:
    target = ctx.find_object(ExecutionTarget)
    if target is None:
        raise click.UsageError("These commands run under `pyflyte execution --execution-id ID`.")
    return target


def _start(ctx: click.Context, recover: bool, name: str | None) -> None:
    from flyteidl.core import identifier_pb2

    target = _target(ctx)
    original = identifier_pb2.WorkflowExecutionIdentifier(
        project=target.project, domain=target.domain, name=target.execution_id
    )
    with remote_for(ctx, target.project, target.domain) as remote:
        launch = remote.client.recover_execution if recover else remote.client.relaunch_execution
        started = launch(original, name)
        url = remote.generate_console_url(started)
    verb = "Recovered" if recover else "Relaunched"
    click.secho(f"{verb} execution {target.execution_id} as {started.name}: {url}", fg="green")


@execution.command("recover")
@click.option("--name", default=None, help="Name of the new execution (default: generated).")
@click.pass_context
def recover(ctx: click.Context, name: str | None) -> None:
    """Re-run a failed execution, reusing the outputs of the nodes that already succeeded."""
    _start(ctx, recover=True, name=name)


@execution.command("relaunch")
@click.option("--name", default=None, help="Name of the new execution (default: generated).")
@click.pass_context
def relaunch(ctx: click.Context, name: str | None) -> None:
    """Run an execution again from the start with the same inputs."""
    _start(ctx, recover=False, name=name)
