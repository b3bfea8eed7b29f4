"""Options and small parsers shared by ``pyflyte`` subcommands (project, domain, images, env)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

DEFAULT_PROJECT = "flytesnacks"
DEFAULT_DOMAIN = "development"
PROJECT_ENV_VAR = "FLYTE_DEFAULT_PROJECT"
DOMAIN_ENV_VAR = "FLYTE_DEFAULT_DOMAIN"

_Decorated = TypeVar("_Decorated", bound=Callable[..., Any])


def default_project() -> str:
    """``$FLYTE_DEFAULT_PROJECT``, else the configured ``TaskConfig`` project (``[local] project``, YAML
    ``task.project``), else ``flytesnacks``."""
    from flytekit.configuration import TaskConfig

    return os.environ.get(PROJECT_ENV_VAR) or TaskConfig.auto().project or DEFAULT_PROJECT


def default_domain() -> str:
    from flytekit.configuration import TaskConfig

    return os.environ.get(DOMAIN_ENV_VAR) or TaskConfig.auto().domain or DEFAULT_DOMAIN


def parse_key_values(
    ctx: click.Context | None, param: click.Parameter | None, values: tuple[str, ...] | None
) -> dict[str, str]:
    """``K=V`` pairs (repeatable option) to a dict; a pair without ``=`` is a usage error."""
    result: dict[str, str] = {}
    for item in values or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            name = param.name if param is not None else "option"
            raise click.BadParameter(f"{item!r} is not of the form KEY=VALUE", ctx=ctx, param_hint=name)
        result[key] = value
    return result


def parse_images(
    ctx: click.Context | None, param: click.Parameter | None, values: tuple[str, ...] | None
) -> Any:
    """``--image`` values to an ``ImageConfig`` (``fqn:tag`` = default, ``name=fqn:tag`` = named)."""
    from flytekit.configuration import ImageConfig

    try:
        if not values:
            return ImageConfig.auto_default_image()
        config = ImageConfig.validate_image(ctx, param, values)
        if config.default_image is None:
            default = ImageConfig.auto_default_image().default_image
            config = ImageConfig.create_from(default, list(config.images))
        return config
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


project_option = click.option(
    "-p",
    "--project",
    default=default_project,
    show_default=DEFAULT_PROJECT,
    help=f"Project to register and run in (env {PROJECT_ENV_VAR}).",
)
domain_option = click.option(
    "-d",
    "--domain",
    default=default_domain,
    show_default=DEFAULT_DOMAIN,
    help=f"Domain to register and run in (env {DOMAIN_ENV_VAR}).",
)
image_option = click.option(
    "-i",
    "--image",
    "image_config",
    multiple=True,
    callback=parse_images,
    help="Image for the tasks: 'fqn:tag' for the default image, 'name=fqn:tag' for a named one; repeatable.",
)
env_option = click.option(
    "--env",
    "--envvars",
    "envs",
    multiple=True,
    callback=parse_key_values,
    help="Environment variable KEY=VALUE for the task containers; repeatable.",
)


def copy_option(default: str, help: str) -> Callable[[_Decorated], _Decorated]:
    """``--copy all|auto|none`` (read with ``CopyFileDetection.from_cli``); defaults differ per command."""
    return click.option(
        "--copy",
        type=click.Choice(["all", "auto", "none"], case_sensitive=False),
        default=default,
        show_default=True,
        help=help,
    )
