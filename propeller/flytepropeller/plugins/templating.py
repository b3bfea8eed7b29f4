"""Rendering of container command lines: ``{{.input}}``, ``{{.outputPrefix}}`` and friends.

Every command and argument of a task container is rendered before the pod is built
(flyte-propeller.md §3.5 step 2). Variables are matched case-insensitively, with a ``.`` or ``$``
prefix and optional spaces inside the braces; ``{{.inputs.<name>}}`` renders an input literal as
text. Unknown variables are left as they are. An empty previous-checkpoint prefix renders as
``""`` so the argument still exists on the command line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flyteidl.core import literals_pb2
from flytestdlib.flyteworkflow import format_go_duration

_VARIABLE = re.compile(r"\{\{\s*[.$]\s*([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\s*\}\}", re.IGNORECASE)
_IDENTIFIER_UNSAFE = re.compile(r"[^a-zA-Z0-9_]")


class TemplateError(ValueError):
    """An argument references something that cannot be rendered (e.g. an unknown input)."""


@dataclass(frozen=True)
class TemplateValues:
    """The values the well-known variables render to."""

    input: str
    input_prefix: str
    output_prefix: str
    raw_output_data_prefix: str
    checkpoint_output_prefix: str
    prev_checkpoint_prefix: str
    per_retry_unique_key: str
    namespace: str
    task_template_path: Callable[[], str]
    inputs: Callable[[], literals_pb2.LiteralMap]


def render(arguments: Sequence[str], values: TemplateValues) -> list[str]:
    """Render each argument; raises ``TemplateError`` for an ``{{.inputs.x}}`` that does not exist."""
    cache: dict[str, literals_pb2.LiteralMap] = {}

    def inputs() -> literals_pb2.LiteralMap:
        if "inputs" not in cache:
            cache["inputs"] = values.inputs()
        return cache["inputs"]

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        key = name.lower()
        simple = {
            "input": values.input,
            "inputprefix": values.input_prefix,
            "outputprefix": values.output_prefix,
            "rawoutputdataprefix": values.raw_output_data_prefix,
            "checkpointoutputprefix": values.checkpoint_output_prefix,
            "prevcheckpointprefix": values.prev_checkpoint_prefix or '""',
            "perretryuniquekey": _IDENTIFIER_UNSAFE.sub("_", values.per_retry_unique_key),
            "namespace": values.namespace,
        }
        if key in simple:
            return simple[key]
        if key == "tasktemplatepath":
            return values.task_template_path()
        if key.startswith("inputs."):
            var = name.split(".", 1)[1]
            literals = inputs().literals
            matches = [k for k in literals if k.lower() == var.lower()]
            if not matches:
                raise TemplateError(
                    f"Container argument {match.group(0)!r} names input {var!r}, but the task inputs are "
                    f"{sorted(literals)}; fix the argument or the task interface."
                )
            return literal_text(literals[matches[0]])
        return match.group(0)

    return [_VARIABLE.sub(replace, argument) for argument in arguments]


def literal_text(literal: literals_pb2.Literal) -> str:
    """A literal as command-line text: primitives as values, blobs/schemas as URIs, lists as ``[a,b]``."""
    kind = literal.WhichOneof("value")
    if kind == "collection":
        return "[" + ",".join(literal_text(item) for item in literal.collection.literals) + "]"
    if kind == "map":
        inner = ",".join(
            f"{key}:{literal_text(value)}" for key, value in sorted(literal.map.literals.items())
        )
        return "{" + inner + "}"
    if kind != "scalar":
        return ""
    scalar = literal.scalar
    scalar_kind = scalar.WhichOneof("value")
    if scalar_kind == "primitive":
        primitive = scalar.primitive
        which = primitive.WhichOneof("value")
        if which == "integer":
            return str(primitive.integer)
        if which == "float_value":
            return repr(primitive.float_value)
        if which == "string_value":
            return primitive.string_value
        if which == "boolean":
            return "true" if primitive.boolean else "false"
        if which == "datetime":
            return primitive.datetime.ToJsonString()
        if which == "duration":
            return format_go_duration(primitive.duration.ToTimedelta())
        return ""
    if scalar_kind == "blob":
        return scalar.blob.uri
    if scalar_kind == "schema":
        return scalar.schema.uri
    if scalar_kind == "structured_dataset":
        return scalar.structured_dataset.uri
    if scalar_kind == "none_type":
        return ""
    if scalar_kind == "union":
        return literal_text(scalar.union.value)
    return ""
