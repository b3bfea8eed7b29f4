"""``flytectl create project|execution``.

``create execution`` starts a launch plan or task: from an execution spec file (``--execFile``, as
``get launchplan|task --execFile`` writes it), or named with ``--launchplan``/``--task`` (inputs
from ``--inputs`` YAML/JSON, defaults otherwise). ``--relaunch``/``--recover NAME`` re-run an
existing execution instead. Inputs are converted by the entity's declared types.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from flytekit.clis.flytectl._session import Session, admin_session


@click.group("create")
def create() -> None:
    """Create projects and executions."""


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


def _typed_inputs(entity: Any, raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Inputs converted to the entity's declared Python types, and those types (as type hints)."""
    from flytekit.core.type_engine import TypeEngine
    from flytekit.interaction.coercion import CoercionError, coerce

    declared = entity.interface.inputs.variables
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        raise click.BadParameter(
            f"{entity.name} has no input(s) {', '.join(unknown)}; its inputs are {', '.join(sorted(declared))}.",
            param_hint="inputs",
        )
    hints = {name: TypeEngine.guess_python_type(declared[name].type) for name in raw}
    try:
        values = {name: coerce(value, hints[name], f"input {name!r}") for name, value in raw.items()}
    except CoercionError as exc:
        raise click.BadParameter(str(exc), param_hint="inputs") from exc
    return values, hints


@create.command("execution")
@click.option("-p", "--project", required=True, help="Project of the launch plan or task.")
@click.option("-d", "--domain", required=True, help="Domain of the launch plan or task.")
@click.option(
    "--execFile",
    "exec_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Execution spec file (see `flytectl get launchplan --execFile`).",
)
@click.option("--launchplan", default=None, help="Launch plan to run (instead of --execFile).")
@click.option("--task", default=None, help="Task to run (instead of --execFile).")
@click.option("--version", default=None, help="Version of the launch plan or task (default: latest).")
@click.option("--inputs", "inputs_text", default=None, help="Inputs as YAML/JSON text or a .yaml/.json file.")
@click.option("--relaunch", default=None, help="Re-run this execution with the same inputs.")
@click.option("--recover", default=None, help="Recover this failed execution.")
@click.option("--targetProject", "target_project", default="", help="Project to run in (default -p).")
@click.option("--targetDomain", "target_domain", default="", help="Domain to run in (default -d).")
@click.option("--kubeServiceAcct", "service_account", default="", help="Service account of the execution.")
@click.option("--overwriteCache", "overwrite_cache", is_flag=True, help="Recompute cached results.")
@click.option("--envs", multiple=True, help="Environment variable KEY=VALUE for the tasks; repeatable.")
@click.option(
    "--execName", "execution_name", default=None, help="Name of the execution (default: generated)."
)
@click.option("--dryRun", "dry_run", is_flag=True, help="Resolve and convert everything; start nothing.")
@click.pass_obj
def create_execution(
    session: Session,
    project: str,
    domain: str,
    exec_file: Path | None,
    launchplan: str | None,
    task: str | None,
    version: str | None,
    inputs_text: str | None,
    relaunch: str | None,
    recover: str | None,
    target_project: str,
    target_domain: str,
    service_account: str,
    overwrite_cache: bool,
    envs: tuple[str, ...],
    execution_name: str | None,
    dry_run: bool,
) -> None:
    """Start an execution of a launch plan or task, or relaunch/recover one."""
    from flytekit.clis.commands.options import parse_key_values
    from flytekit.clis.flytectl.execfiles import ExecutionConfig, read_exec_file
    from flytekit.interaction.coercion import load_structured_text

    chosen = [bool(exec_file), bool(launchplan or task), bool(relaunch), bool(recover)]
    if sum(chosen) != 1 or (launchplan and task):
        raise click.UsageError(
            "Say what to run with exactly one of --execFile, --launchplan, --task, --relaunch or --recover."
        )
    env_values = parse_key_values(None, None, envs)
    with admin_session(session) as remote:
        if relaunch or recover:
            _rerun(remote, project, domain, relaunch, recover, execution_name, dry_run)
            return
        if exec_file is not None:
            config = read_exec_file(exec_file)
        else:
            raw = load_structured_text(inputs_text) if inputs_text else {}
            if not isinstance(raw, dict):
                raise click.BadParameter("--inputs must be a mapping of input names to values.")
            config = ExecutionConfig(
                workflow=launchplan or "", task=task or "", version=version or "", inputs=raw
            )
        run_project = target_project or config.target_project or project
        run_domain = target_domain or config.target_domain or domain
        if config.task:
            entity: Any = remote.fetch_task(project, domain, config.task, config.version or None)
        else:
            entity = remote.fetch_launch_plan(project, domain, config.workflow, config.version or None)
        values, hints = _typed_inputs(entity, config.inputs)
        if dry_run:
            click.echo(f"Dry run: would execute {entity.name} version {entity.version} with {values!r}")
            return
        options = _options(service_account or config.kube_service_account)
        execution = remote.execute(
            entity,
            inputs=values,
            project=run_project,
            domain=run_domain,
            execution_name=execution_name,
            type_hints=hints,
            options=options,
            overwrite_cache=overwrite_cache or None,
            envs={**config.envs, **env_values} or None,
        )
        click.echo(f"execution identifier project:{run_project} domain:{run_domain} name:{execution.id.name}")


def _options(service_account: str) -> Any:
    if not service_account:
        return None
    from flyteidl.core import security_pb2
    from flytekit.clis.commands.run import ExecutionOptions

    return ExecutionOptions(
        security_context=security_pb2.SecurityContext(
            run_as=security_pb2.Identity(k8s_service_account=service_account)
        )
    )


def _rerun(
    remote: Any,
    project: str,
    domain: str,
    relaunch: str | None,
    recover: str | None,
    execution_name: str | None,
    dry_run: bool,
) -> None:
    from flyteidl.core import identifier_pb2

    original = identifier_pb2.WorkflowExecutionIdentifier(
        project=project, domain=domain, name=relaunch or recover or ""
    )
    remote.client.get_execution(original)
    if dry_run:
        click.echo(f"Dry run: would {'relaunch' if relaunch else 'recover'} execution {original.name}")
        return
    launch = remote.client.relaunch_execution if relaunch else remote.client.recover_execution
    started = launch(original, execution_name)
    click.echo(f"execution identifier project:{started.project} domain:{started.domain} name:{started.name}")
