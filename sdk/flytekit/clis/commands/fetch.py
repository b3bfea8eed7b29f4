"""``pyflyte fetch [-r] FLYTE_URI [DOWNLOAD_TO]``: show (and download) the data a ``flyte://`` URI names.

The URI (``flyte://v1/<project>/<domain>/<execution>/<node>[/<attempt>]/<i|o|d>[/<name>]``, as the
console copies it) is resolved by admin's DataProxy ``GetData``. The values are printed in a panel;
with DOWNLOAD_TO the files, folders and dataframes among them are downloaded there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from flytekit.clis.commands.remoting import remote_for


def printable(data: Any) -> Any:
    from flyteidl.core import literals_pb2
    from flytekit.interaction.string_literals import literal_map_string_repr, literal_string_repr
    from flytekit.remote import LiteralsResolver

    if isinstance(data, literals_pb2.Literal):
        return literal_string_repr(data)
    if isinstance(data, LiteralsResolver):
        return literal_map_string_repr(data.literals)
    if isinstance(data, bytes):
        return data.decode("utf-8", errors="replace")
    return data


@click.command("fetch")
@click.option(
    "-r",
    "--recursive",
    is_flag=True,
    help="Download every value of a map of inputs/outputs (folders are always downloaded whole).",
)
@click.argument("flyte-data-uri", metavar="FLYTE-DATA-URI (format flyte://...)")
@click.argument("download-to", required=False, default=None, type=click.Path())
@click.pass_context
def fetch(ctx: click.Context, recursive: bool, flyte_data_uri: str, download_to: str | None) -> None:
    """Retrieve the inputs/outputs of an execution or of one of its nodes.

    Copy the URI from the console, or build it: flyte://v1/<project>/<domain>/<execution>/<node>/<i|o>.
    """
    from rich.console import Console
    from rich.panel import Panel
    from rich.pretty import Pretty

    if not flyte_data_uri.startswith("flyte://"):
        raise click.BadParameter(
            f"{flyte_data_uri!r} is not a flyte:// URI; copy one from the console.",
            param_hint="FLYTE-DATA-URI",
        )
    click.secho(f"Fetching data from {flyte_data_uri}...", dim=True)
    with remote_for(ctx, None, None) as remote:
        data = remote.get(flyte_data_uri)
        Console(width=120).print(Panel(Pretty(printable(data))))
        if not download_to:
            return
        if isinstance(data, bytes):
            Path(download_to).write_bytes(data)
            click.echo(f"Downloaded {download_to}")
        else:
            written = remote.download(data, download_to, recursive=recursive)
            for path in written:
                click.echo(f"Downloaded {path}")
