"""The ``pyflyte`` root group: global options, lazy subcommands, error display."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from flytekit.clis.pyflyte import PyflyteContext, current_context, main


def test_help_lists_subcommands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("run", "register", "package", "info"):
        assert name in result.output


def test_global_options_reach_subcommands() -> None:
    seen: list[PyflyteContext] = []

    @main.command("probe-context")
    @click.pass_context
    def probe(ctx: click.Context) -> None:
        seen.append(current_context(ctx))

    try:
        result = CliRunner().invoke(main, ["-c", "my.yaml", "-k", "a,b", "-k", "c", "probe-context"])
    finally:
        main.commands.pop("probe-context")
    assert result.exit_code == 0, result.output
    assert seen == [PyflyteContext(config_file="my.yaml", pkgs=["a", "b", "c"], verbose=0)]


def test_unknown_subcommand_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["nope"])
    assert result.exit_code == 2
    assert "No such command 'nope'" in result.output


def test_importing_flytekit_and_its_cli_loads_no_grpc_httpx_or_boto3() -> None:
    probe = (
        "import sys, flytekit, flytekit.remote, flytekit.clients.friendly, flytekit.clis.pyflyte;"
        "print(sorted(m for m in ('grpc', 'httpx', 'boto3') if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
