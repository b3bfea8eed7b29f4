"""Rendering admin records as flytectl does: a table of chosen columns, or the protos as protojson
(the REST API's snake_case field names, unpopulated fields included) in JSON or YAML.

Table cells are read from the protojson by dotted path, so a column shows exactly what the JSON
shows (``closure.phase`` -> ``SUCCEEDED``, ``closure.duration`` -> ``"3.2s"``). One record prints
as an object, several as a list.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from google.protobuf.message import Message

Column = tuple[str, str]
"""A table column: header and the dotted protojson path of its cell."""


def to_protojson(message: Message) -> dict[str, Any]:
    from google.protobuf import json_format

    return json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def cell(rendered: dict[str, Any], path: str) -> str:
    value: Any = rendered
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return ""
        value = value[key]
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return str(value)


def print_records(records: Sequence[Message], columns: Sequence[Column], output: str) -> None:
    rendered = [to_protojson(record) for record in records]
    fmt = output.lower()
    if fmt == "table":
        click.echo(render_table(rendered, columns), nl=False)
        return
    document: Any = rendered[0] if len(rendered) == 1 else rendered
    if fmt == "json":
        click.echo(json.dumps(document, indent=2))
    else:
        import yaml

        click.echo(yaml.safe_dump(document, sort_keys=False), nl=False)


def render_table(rendered: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.ASCII, show_lines=False)
    for header, _ in columns:
        table.add_column(header, no_wrap=True, overflow="ignore")
    for record in rendered:
        table.add_row(*(cell(record, path) for _, path in columns))
    buffer = io.StringIO()
    # Wide and colourless so rows are never wrapped or styled, whatever the terminal.
    Console(file=buffer, width=1000, no_color=True, highlight=False, force_terminal=False).print(table)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    return "\n".join(lines) + "\n"
