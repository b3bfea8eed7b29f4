"""``pyflyte run remote-task|remote-workflow|remote-launchplan NAME[:VERSION] --<input> ...``.

Runs an entity already registered in admin, without its code. The group lists the names in the
project/domain (``--limit`` of them); the command for one name fetches it (the given version, else
for launch plans the active version or the latest, for tasks and workflows the latest) and offers
one option per input, typed by the entity's declared interface, with the launch plan's defaults.
"""

from __future__ import annotations

from typing import Any

import click

from flytekit.errors import FlyteException

REMOTE_COMMANDS = ("remote-launchplan", "remote-task", "remote-workflow")


def _split(name: str) -> tuple[str, str | None]:
    entity, _, version = name.partition(":")
    return entity, version or None


def fetch_remote_entity(remote: Any, kind: str, name: str, project: str, domain: str) -> Any:
    entity_name, version = _split(name)
    if kind == "remote-task":
        return remote.fetch_task(project, domain, entity_name, version)
    if kind == "remote-workflow":
        return remote.fetch_workflow(project, domain, entity_name, version)
    if version is None:
        active = remote.fetch_active_launchplan(project, domain, entity_name)
        if active is not None:
            return active
    return remote.fetch_launch_plan(project, domain, entity_name, version)


def declared_inputs(entity: Any) -> dict[str, tuple[Any, bool, Any]]:
    """``name -> (python type, has default, default)`` from a registered entity's interface."""
    from flytekit.core.context_manager import FlyteContextManager
    from flytekit.core.type_engine import TypeEngine
    from flytekit.remote import FlyteLaunchPlan

    ctx = FlyteContextManager.current_context()
    result: dict[str, tuple[Any, bool, Any]] = {}
    for name, variable in entity.interface.inputs.variables.items():
        result[name] = (TypeEngine.guess_python_type(variable.type), False, None)
    if isinstance(entity, FlyteLaunchPlan):
        for name, parameter in entity.default_inputs.parameters.items():
            if name not in result:
                continue
            python_type = result[name][0]
            if parameter.HasField("default"):
                default = TypeEngine.to_python_value(ctx, parameter.default, python_type)
                result[name] = (python_type, True, default)
            elif not parameter.required:
                result[name] = (python_type, True, None)
    return result


class RemoteEntityGroup(click.Group):
    """The registered entities of one kind, each runnable as a subcommand ``NAME[:VERSION]``."""

    def __init__(self, kind: str) -> None:
        super().__init__(
            name=kind,
            help=f"Run a registered {kind.removeprefix('remote-')} by name (NAME or NAME:VERSION).",
        )
        self.kind = kind

    def list_commands(self, ctx: click.Context) -> list[str]:
        from flytekit.clis.commands.run import RunOptions, remote_from_options

        options = ctx.find_object(RunOptions)
        if options is None:
            return []
        from flyteidl.admin import common_pb2 as admin_common

        remote = remote_from_options(ctx, options)
        rpc = {
            "remote-task": remote.client.raw.list_task_ids_paginated,
            "remote-workflow": remote.client.raw.list_workflow_ids_paginated,
            "remote-launchplan": remote.client.raw.list_launch_plan_ids_paginated,
        }[self.kind]
        try:
            response = rpc(
                admin_common.NamedEntityIdentifierListRequest(
                    project=options.project, domain=options.domain, limit=options.limit
                )
            )
        except FlyteException as exc:
            # Help must still render when admin is unreachable; say why the list is empty.
            click.secho(f"Could not list registered entities: {exc}", fg="yellow", err=True)
            return []
        return sorted(entity.name for entity in response.entities)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from flytekit.clis.commands.run import (
            RunOptions,
            gather_inputs,
            input_params,
            launch_remote,
            remote_from_options,
        )

        options = ctx.find_object(RunOptions)
        if options is None:
            return None
        remote = remote_from_options(ctx, options)
        entity = fetch_remote_entity(remote, self.kind, cmd_name, options.project, options.domain)
        declared = declared_inputs(entity)

        @click.pass_context
        def invoke(ctx: click.Context, /, **kwargs: Any) -> None:
            inputs = gather_inputs(ctx, declared, kwargs)
            launch_remote(ctx, remote, entity, inputs, options, {n: s[0] for n, s in declared.items()})

        return click.Command(
            name=cmd_name,
            params=input_params(declared),
            callback=invoke,
            help=f"Execute the registered {self.kind.removeprefix('remote-')} {entity.name} "
            f"(version {entity.version}).",
        )


__all__ = ["REMOTE_COMMANDS", "RemoteEntityGroup", "declared_inputs", "fetch_remote_entity"]
