"""``pyflyte run [OPTIONS] <file.py | module> <entity> --<input> <value> ...``

Three levels of click commands: ``run`` (options for the run itself), one group per file or module
(its subcommands are the tasks, workflows and launch plans defined there, by attribute name) and
one command per entity whose options are the entity's inputs (``params``). Locally the entity is
called in this process and its result printed; with ``--remote`` its code is fast-registered with
what it reaches, an execution is started and its console URL printed (``--wait`` waits and prints
the outputs).
"""

from __future__ import annotations

import inspect
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import click

from flytekit.clis.commands.options import (
    copy_option,
    domain_option,
    env_option,
    image_option,
    parse_key_values,
    project_option,
)
from flytekit.clis.commands.progress import spinner
from flytekit.clis.pyflyte import current_context
from flytekit.interaction.click_types import input_option
from flytekit.tools.fast_registration import CopyFileDetection, FastPackageOptions
from flytekit.tools.module_loader import import_module, load_module_from_file


@dataclass
class RunOptions:
    """The ``pyflyte run`` options, read by the per-entity commands."""

    project: str
    domain: str
    remote: bool
    image_config: Any
    copy: CopyFileDetection
    destination_dir: str
    service_account: str | None
    wait: bool
    poll_interval: float | None
    overwrite_cache: bool
    envs: dict[str, str]
    tags: list[str]
    labels: dict[str, str]
    annotations: dict[str, str]
    name: str | None
    raw_output_data_prefix: str | None
    max_parallelism: int | None
    version: str | None
    dump_snippet: bool = False
    interruptible: bool | None = None
    limit: int = 50
    remote_instance: Any = None


@dataclass
class ExecutionOptions:
    """Per-execution settings handed to ``FlyteRemote.execute`` (read there by attribute)."""

    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    raw_output_data_config: str | None = None
    max_parallelism: int | None = None
    security_context: Any = None


def _load(target: str) -> ModuleType:
    """A ``.py`` file (imported under its package-relative name) or a dotted module name."""
    if target.endswith(".py") or Path(target).is_file():
        return load_module_from_file(target)
    return import_module(target)


def runnable_entities(module: ModuleType) -> dict[str, Any]:
    """Tasks, workflows and launch plans bound to names in ``module``, by attribute name."""
    from flytekit.core.base_task import PythonTask
    from flytekit.core.launch_plan import LaunchPlan
    from flytekit.core.workflow import WorkflowBase

    found: dict[str, Any] = {}
    for attribute, value in vars(module).items():
        if attribute.startswith("_"):
            continue
        if isinstance(value, PythonTask | WorkflowBase | LaunchPlan):
            found[attribute] = value
    return found


def python_inputs(entity: Any) -> dict[str, tuple[Any, bool, Any]]:
    """``name -> (python type, has default, default)`` of an entity's inputs."""
    from flytekit.core.launch_plan import LaunchPlan

    interface = entity.python_interface
    with_defaults: dict[str, tuple[Any, Any]] = interface.inputs_with_defaults
    result = {}
    for name, (python_type, default) in with_defaults.items():
        has_default = interface.has_default(name)
        result[name] = (python_type, has_default, default)
    if isinstance(entity, LaunchPlan):
        for name in entity.fixed_input_names():
            result.pop(name, None)
        for name, value in entity.saved_inputs.items():
            if name in result:
                result[name] = (result[name][0], True, value)
    return result


def input_params(declared: dict[str, tuple[Any, bool, Any]]) -> list[click.Parameter]:
    """One option per input plus ``--inputs-file``; required inputs are checked after merging the file."""
    params: list[click.Parameter] = []
    for name, (python_type, has_default, default) in declared.items():
        option = input_option(name, python_type, has_default, default, help_text=name)
        # Required-ness is enforced in gather_inputs: a value may come from --inputs-file instead.
        option.required = False
        params.append(option)
    params.append(
        click.Option(
            ["--inputs-file", "__inputs_file"],
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="YAML or JSON file with input values; options on the command line win.",
        )
    )
    return params


def gather_inputs(
    ctx: click.Context, declared: dict[str, tuple[Any, bool, Any]], given: dict[str, Any]
) -> dict[str, Any]:
    """The inputs of one run: command-line values over ``--inputs-file`` values over defaults."""
    from flytekit.interaction.coercion import load_structured_text, unwrap_optional

    inputs_file = given.pop("__inputs_file", None)
    from_file: dict[str, Any] = {}
    if inputs_file:
        loaded = (
            load_structured_text(Path(inputs_file).read_text()) if Path(inputs_file).stat().st_size else {}
        )
        if not isinstance(loaded, dict):
            raise click.BadParameter(
                f"{inputs_file} must hold a mapping of input names to values.", param_hint="'--inputs-file'"
            )
        unknown = sorted(set(loaded) - set(declared))
        if unknown:
            raise click.BadParameter(
                f"{inputs_file} names unknown input(s) {', '.join(unknown)}; known: {', '.join(declared)}.",
                param_hint="'--inputs-file'",
            )
        from_file = loaded
    params = {param.name: param for param in ctx.command.params if param.name}
    inputs: dict[str, Any] = {}
    for name, (python_type, has_default, _) in declared.items():
        source = ctx.get_parameter_source(name)
        on_command_line = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
        if name in from_file and not on_command_line:
            inputs[name] = params[name].type_cast_value(ctx, from_file[name])
        elif given.get(name) is not None:
            inputs[name] = given[name]
        elif not has_default and not unwrap_optional(python_type)[1]:
            raise click.MissingParameter(ctx=ctx, param=params[name])
    return inputs


def _without_artifact_queries(inputs: dict[str, Any], remote: bool) -> dict[str, Any]:
    """Inputs left at an artifact-query default are dropped for a remote run (the backend resolves
    them, as flytekit says); a local run cannot resolve them, so they must be given."""
    from flytekit.interaction.click_types import is_artifact_query

    kept = {}
    for name, value in inputs.items():
        if not is_artifact_query(value):
            kept[name] = value
        elif remote:
            click.secho(
                f"Input '{name}' not passed, supported backends will query for {value.get_str(**inputs)}",
                bold=True,
            )
        else:
            raise click.UsageError(
                f"Default for '{name}' is a query, which must be specified when running locally."
            )
    return kept


def print_outputs(result: Any) -> None:
    """Show a local result the way flytekit does (one value, or the named tuple of several)."""
    if result is not None:
        click.echo(result)


def _run_local(entity: Any, inputs: dict[str, Any]) -> None:
    click.secho("Running Execution on local.", fg="blue")
    result = entity(**inputs)
    if inspect.iscoroutine(result):  # an @eager or async task
        from flytekit.core.async_calling import run_coroutine_sync

        result = run_coroutine_sync(result)
    print_outputs(result)


def _run_remote(ctx: click.Context, entity: Any, inputs: dict[str, Any], options: RunOptions) -> None:

    click.secho("Running Execution on Remote.", fg="blue")
    remote = remote_from_options(ctx, options)
    with spinner("Uploading code and registering..."):
        target = _register_for_run(remote, entity, options)
    launch_remote(ctx, remote, target, inputs, options, {n: s[0] for n, s in python_inputs(entity).items()})


def _register_for_run(remote: Any, entity: Any, options: RunOptions) -> Any:
    from flytekit.remote.registering import default_settings, register_local

    if options.copy is CopyFileDetection.NO_COPY:
        settings = default_settings(options.project, options.domain, options.image_config)
        ident = register_local(remote, entity, settings, options.version, default_launch_plan=True)
        target: Any = _fetch_registered(remote, ident)
    else:
        target = remote.register_script(
            entity,
            image_config=options.image_config,
            version=options.version,
            project=options.project,
            domain=options.domain,
            destination_dir=options.destination_dir,
            copy_all=options.copy is CopyFileDetection.ALL,
            envs=options.envs or None,
            fast_package_options=FastPackageOptions(copy_style=options.copy),
        )
    return target


def launch_remote(
    ctx: click.Context,
    remote: Any,
    target: Any,
    inputs: dict[str, Any],
    options: RunOptions,
    type_hints: dict[str, Any] | None = None,
) -> None:
    """Start an execution of a registered entity, print its URL, and with ``--wait`` its outputs."""
    execution = remote.execute(
        target,
        inputs=inputs,
        project=options.project,
        domain=options.domain,
        execution_name=options.name,
        type_hints=type_hints,
        overwrite_cache=options.overwrite_cache or None,
        interruptible=options.interruptible,
        envs=options.envs or None,
        tags=options.tags or None,
        options=_execution_options(options),
    )
    click.echo()
    click.secho(
        f"[✔] Go to {remote.generate_console_url(execution)} to see execution in the console.", fg="green"
    )
    if options.wait:
        with spinner(f"Waiting for execution {execution.id.name} to complete..."):
            execution = remote.wait(execution, poll_interval=options.poll_interval)
        _report(execution)
    if options.dump_snippet:
        click.echo(remote_snippet(execution.id.project, execution.id.domain, execution.id.name))


def remote_snippet(project: str, domain: str, name: str) -> str:
    """Python code that fetches this execution with FlyteRemote (``--dump-snippet``)."""
    return (
        "\nfrom flytekit.configuration import Config\n"
        "from flytekit.remote import FlyteRemote\n\n"
        f"remote = FlyteRemote(Config.auto(), default_project={project!r}, default_domain={domain!r})\n"
        f"execution = remote.fetch_execution(name={name!r})\n"
        "remote.sync(execution, sync_nodes=True)  # node executions, inputs and outputs\n"
        "print(execution.outputs)  # once it succeeded\n"
    )


def _report(execution: Any) -> None:
    execution_name = execution.id.name
    if not execution.is_successful:
        error = execution.error
        detail = f": {error.code}: {error.message}" if error is not None else ""
        raise click.ClickException(f"Execution {execution_name} ended {execution.phase_name}{detail}")
    click.echo()
    click.secho(f"Execution {execution_name} has succeeded.", fg="green")
    outputs = execution.outputs
    if len(outputs):
        click.echo("Outputs:")
    for name in outputs:
        click.echo(f"  {name}: {outputs.get(name)!r}")


def _fetch_registered(remote: Any, ident: Any) -> Any:
    from flyteidl.core import identifier_pb2

    if ident.resource_type == identifier_pb2.TASK:
        return remote.fetch_task(ident.project, ident.domain, ident.name, ident.version)
    if ident.resource_type == identifier_pb2.WORKFLOW:
        return remote.fetch_workflow(ident.project, ident.domain, ident.name, ident.version)
    return remote.fetch_launch_plan(ident.project, ident.domain, ident.name, ident.version)


def _execution_options(options: RunOptions) -> ExecutionOptions:
    security_context = None
    if options.service_account:
        from flyteidl.core import security_pb2

        security_context = security_pb2.SecurityContext(
            run_as=security_pb2.Identity(k8s_service_account=options.service_account)
        )
    return ExecutionOptions(
        labels=options.labels,
        annotations=options.annotations,
        raw_output_data_config=options.raw_output_data_prefix,
        max_parallelism=options.max_parallelism,
        security_context=security_context,
    )


def _entity_command(module: ModuleType, attribute: str, entity: Any) -> click.Command:
    declared = python_inputs(entity)
    params = input_params(declared)

    @click.pass_context
    def invoke(ctx: click.Context, /, **kwargs: Any) -> None:
        options = ctx.find_object(RunOptions)
        if options is None:
            raise click.UsageError("Entity commands run under `pyflyte run`.")
        inputs = _without_artifact_queries(gather_inputs(ctx, declared, kwargs), remote=options.remote)
        if options.remote:
            _run_remote(ctx, entity, inputs, options)
        else:
            # Like flytekit: --env values and --overwrite-cache reach the local run through os.environ.
            os.environ.update(options.envs)
            if options.overwrite_cache:
                os.environ["FLYTE_LOCAL_CACHE_OVERWRITE"] = "true"
            _run_local(entity, inputs)

    kind = type(entity).__name__
    return click.Command(
        name=attribute,
        params=params,
        callback=invoke,
        help=f"{kind} ({getattr(entity, 'name', attribute)})",
    )


class EntityGroup(click.Group):
    """The entities of one file or module, each a subcommand named by its attribute."""

    def __init__(self, target: str, **kwargs: Any) -> None:
        super().__init__(name=target, help=f"Entities defined in {target}.", **kwargs)
        self._target = target
        self._module: ModuleType | None = None

    def _module_loaded(self) -> ModuleType:
        if self._module is None:
            self._module = _load(self._target)
        return self._module

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(runnable_entities(self._module_loaded()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = self._module_loaded()
        entities = runnable_entities(module)
        if cmd_name not in entities:
            known = ", ".join(sorted(entities)) or "none"
            raise click.UsageError(
                f"{self._target} defines no task, workflow or launch plan named {cmd_name!r}; found: {known}."
            )
        return _entity_command(module, cmd_name, entities[cmd_name])


class RunGroup(click.Group):
    """``pyflyte run``: the next word is a file or module, turned into an :class:`EntityGroup`, or
    ``remote-task``/``remote-workflow``/``remote-launchplan`` for registered entities."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from flytekit.clis.commands.run_remote_entities import REMOTE_COMMANDS

        return [*REMOTE_COMMANDS, *sorted(str(path) for path in Path.cwd().glob("*.py"))]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from flytekit.clis.commands.run_remote_entities import REMOTE_COMMANDS, RemoteEntityGroup

        if cmd_name in REMOTE_COMMANDS:
            return RemoteEntityGroup(cmd_name)
        return EntityGroup(cmd_name)


def remote_from_options(ctx: click.Context, options: RunOptions) -> Any:
    """One ``FlyteRemote`` per ``pyflyte run`` invocation (shared by listing, fetching and launching)."""
    from flytekit.remote import FlyteRemote

    if options.remote_instance is None:
        options.remote_instance = FlyteRemote(
            current_context(ctx).config(), default_project=options.project, default_domain=options.domain
        )
    return options.remote_instance


def _positive_float(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and value <= 0:
        raise click.BadParameter("must be greater than zero", ctx=ctx, param=param)
    return value


@click.group("run", cls=RunGroup)
@project_option
@domain_option
@click.option("-r", "--remote", is_flag=True, help="Register and run on the configured Flyte backend.")
@image_option
@copy_option(
    default="auto",
    help="Which files to ship for a remote run: loaded modules (auto), all files, or none.",
)
@click.option("--copy-all", is_flag=True, help="Deprecated: use --copy all.")
@click.option("--destination-dir", default=".", show_default=True, help="Where tasks unpack the code.")
@click.option("--service-account", default=None, help="Kubernetes service account for the execution.")
@click.option(
    "--wait", "--wait-execution", "wait", is_flag=True, help="Wait for the remote execution to finish."
)
@click.option(
    "--poll-interval", type=float, default=None, callback=_positive_float, help="Seconds between polls."
)
@click.option("--overwrite-cache", is_flag=True, help="Recompute cached results.")
@env_option
@click.option("--tags", "--tag", "tags", multiple=True, help="Tag for the execution; repeatable.")
@click.option(
    "--labels", "--label", "labels", multiple=True, callback=parse_key_values, help="Label key=value."
)
@click.option(
    "--annotations",
    "--annotation",
    "annotations",
    multiple=True,
    callback=parse_key_values,
    help="Annotation k=v.",
)
@click.option("--name", default=None, help="Name of the execution (default: generated by admin).")
@click.option(
    "--raw-output-data-prefix", "--raw-data-prefix", default=None, help="Where offloaded data goes."
)
@click.option("--max-parallelism", type=int, default=None, help="Most nodes running at once.")
@click.option("--version", default=None, help="Version to register with (default: derived from the code).")
@click.option(
    "--dump-snippet", is_flag=True, help="Print Python code that fetches the execution with FlyteRemote."
)
@click.option(
    "--interruptible",
    type=click.BOOL,
    default=None,
    help="Force the execution's tasks interruptible (true) or not (false).",
)
@click.option(
    "--limit", type=int, default=50, show_default=True, help="Entities listed by remote-* subcommands."
)
@click.pass_context
def run(
    ctx: click.Context,
    project: str,
    domain: str,
    remote: bool,
    image_config: Any,
    copy: str,
    copy_all: bool,
    destination_dir: str,
    service_account: str | None,
    wait: bool,
    poll_interval: float | None,
    overwrite_cache: bool,
    envs: dict[str, str],
    tags: tuple[str, ...],
    labels: dict[str, str],
    annotations: dict[str, str],
    name: str | None,
    raw_output_data_prefix: str | None,
    max_parallelism: int | None,
    version: str | None,
    dump_snippet: bool,
    interruptible: bool | None,
    limit: int,
) -> None:
    """Run a task, workflow or launch plan from a file or module, locally or (--remote) on Flyte."""
    ctx.obj = RunOptions(
        project=project,
        domain=domain,
        remote=remote,
        image_config=image_config,
        copy=CopyFileDetection.ALL if copy_all else CopyFileDetection.from_cli(copy),
        destination_dir=destination_dir,
        service_account=service_account,
        wait=wait,
        poll_interval=poll_interval,
        overwrite_cache=overwrite_cache,
        envs=envs,
        tags=list(tags),
        labels=labels,
        annotations=annotations,
        name=name,
        raw_output_data_prefix=raw_output_data_prefix,
        max_parallelism=max_parallelism,
        version=version,
        dump_snippet=dump_snippet,
        interruptible=interruptible,
        limit=limit,
    )
