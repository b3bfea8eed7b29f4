"""``pyflyte``: the command line of the SDK (``flytekit.clis.pyflyte:main``).

Global options (``-c/--config``, ``-k/--pkgs``, ``-v/--verbose``) are parsed once into a
:class:`PyflyteContext` that subcommands find on ``ctx.obj``. Subcommands live in
``flytekit.clis.commands`` and are imported only when used, so ``pyflyte --help`` stays fast. SDK
errors are shown as one-line messages; ``-v 1`` or more shows the traceback as well.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from typing import Any

import click

from flytekit.errors import FlyteException

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "run": ("flytekit.clis.commands.run", "run"),
    "register": ("flytekit.clis.commands.register", "register"),
    "package": ("flytekit.clis.commands.package", "package"),
    "info": ("flytekit.clis.commands.info", "info"),
    "local-cache": ("flytekit.clis.commands.local_cache", "local_cache"),
    "serialize": ("flytekit.clis.commands.serialize", "serialize"),
    "init": ("flytekit.clis.commands.init", "init"),
    "launchplan": ("flytekit.clis.commands.launchplan", "launchplan"),
    "fetch": ("flytekit.clis.commands.fetch", "fetch"),
    "get": ("flytekit.clis.commands.get", "get"),
    "execution": ("flytekit.clis.commands.execution", "execution"),
    "backfill": ("flytekit.clis.commands.backfill", "backfill"),
    "serve": ("flytekit.clis.commands.serve", "serve"),
}


@dataclass
class PyflyteContext:
    """What the global options said: config file, packages to operate on, verbosity."""

    config_file: str | None = None
    pkgs: list[str] = field(default_factory=list)
    verbose: int = 0

    def config(self) -> Any:
        """``Config.auto`` for the chosen config file (or the default search order)."""
        from flytekit.configuration import Config

        return Config.auto(self.config_file)


def current_context(ctx: click.Context) -> PyflyteContext:
    """The :class:`PyflyteContext` of this invocation (a default one when invoked without ``main``)."""
    obj = ctx.find_object(PyflyteContext)
    return obj if obj is not None else PyflyteContext()


class PyflyteGroup(click.Group):
    """Root group: loads subcommands lazily and turns SDK errors into readable messages."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*SUBCOMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}.{attribute} is not a click command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FlyteException as exc:
            if current_context(ctx).verbose > 0:
                raise
            raise click.ClickException(f"{type(exc).__name__}: {exc}") from exc


def _split_pkgs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    return [pkg.strip() for value in values for pkg in value.split(",") if pkg.strip()]


@click.group(cls=PyflyteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-v", "--verbose", type=int, default=0, show_default=True, help="Show more messages and tracebacks."
)
@click.option(
    "-k",
    "--pkgs",
    multiple=True,
    callback=_split_pkgs,
    help="Dotted Python packages to operate on; repeat the option or separate with commas.",
)
@click.option("-c", "--config", "config_file", default=None, help="Path to the config file to use.")
@click.pass_context
def main(ctx: click.Context, verbose: int, pkgs: list[str], config_file: str | None) -> None:
    """Entrypoint for all the user commands."""
    if verbose > 0:
        logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO)
    ctx.obj = PyflyteContext(config_file=config_file, pkgs=pkgs, verbose=verbose)


if __name__ == "__main__":
    main()
