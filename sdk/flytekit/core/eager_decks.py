"""The "Eager Executions" deck of an eager task run on a backend: one entry per launched call.

flytekit 1.16 adds this deck once the eager body finishes (or stops on a failed call): a "Nodes"
heading, then for every call the kind of entity (Eager Workflow, Async Task, Task, Workflow), its
name, the launched execution linked to its console page, and the call's inputs and outputs (or
error) in collapsible blocks.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

DECK_NAME = "Eager Executions"


@dataclass
class EagerCall:
    """One call the eager body made: what ran, with which inputs, where, and how it ended."""

    entity: Any
    inputs: dict[str, Any]
    execution_name: str = ""
    console_url: str = ""
    outputs: Any = None
    error: str | None = None


def entity_kind(entity: Any) -> str:
    from flytekit.core.base_task import PythonTask
    from flytekit.core.eager_task import EagerAsyncPythonFunctionTask
    from flytekit.core.python_function_task import AsyncPythonFunctionTask
    from flytekit.core.workflow import WorkflowBase

    if isinstance(entity, EagerAsyncPythonFunctionTask):
        return "Eager Workflow"
    if isinstance(entity, AsyncPythonFunctionTask):
        return "Async Task"
    if isinstance(entity, PythonTask):
        return "Task"
    if isinstance(entity, WorkflowBase):
        return "Workflow"
    return str(type(entity))


def _block(title: str, value: Any) -> str:
    return (
        f"<details><summary>{title}</summary>"
        f'<pre style="font-family: monospace; background: #f0f0f0; padding: 10px 15px">'
        f"{html.escape(str(value))}</pre></details>"
    )


def render_calls(calls: list[EagerCall]) -> str:
    """The deck's HTML for ``calls`` (a heading alone when the body launched nothing)."""
    parts = ["<h2>Nodes</h2><hr>"]
    for call in calls:
        ended = call.error if call.error is not None else call.outputs
        parts.append(
            f"<h3>{entity_kind(call.entity)}: {html.escape(call.entity.name)}</h3>"
            f'<p><strong>Execution:</strong> <a target="_blank" href="{html.escape(call.console_url)}">'
            f"{html.escape(call.execution_name)}</a></p>"
            + _block("Inputs", call.inputs)
            + _block("Outputs", "" if ended is None else ended)
        )
    return "\n".join(parts)
