"""The built-in decks of a task with ``enable_deck=True`` (its ``deck_fields``), then ``deck.html``.

Input and output decks show each value (DataFrames through ``TopFrameRenderer``, Markdown-free
values escaped), the source-code deck the task function, the dependencies deck the installed
distributions, the timeline deck the wall and process time of the task body.
"""

from __future__ import annotations

import html
import inspect
import time
from typing import TYPE_CHECKING, Any

from flytekit.deck.deck import Deck, DeckField, write_deck

if TYPE_CHECKING:
    from flytekit.core.base_task import PythonTask
    from flytekit.core.context_manager import ExecutionParameters


def _value_html(value: Any) -> str:
    if type(value).__module__.startswith("pandas") and type(value).__name__ == "DataFrame":
        from flytekit.deck.renderer import TopFrameRenderer

        return TopFrameRenderer().to_html(value)
    return f"<pre>{html.escape(repr(value))}</pre>"


def _named_values(names: list[str], values: Any) -> dict[str, Any]:
    if not names:
        return {}
    if len(names) == 1:
        return {names[0]: values}
    return dict(zip(names, values, strict=False))


def write_task_decks(
    task: PythonTask,
    params: ExecutionParameters,
    native_inputs: dict[str, Any],
    native_outputs: Any,
    started: tuple[float, float],
) -> str:
    """Add the task's built-in decks to ``params.decks`` and write ``deck.html``; returns its local path."""
    from flytekit.deck.renderer import PythonDependencyRenderer, SourceCodeRenderer

    fields = task.deck_fields
    if DeckField.TIMELINE in fields:
        params.timeline_deck.append_time_info(
            {
                "Name": "Task execution",
                "WallTime": time.time() - started[0],
                "ProcessTime": time.process_time() - started[1],
            }
        )
        if params.timeline_deck not in params.decks:
            params.decks.append(params.timeline_deck)
    if DeckField.SOURCE_CODE in fields:
        fn = getattr(task, "task_function", None)
        if fn is not None:
            try:
                source = inspect.getsource(fn)
            except (OSError, TypeError):
                source = ""
            if source:
                Deck(DeckField.SOURCE_CODE.value, SourceCodeRenderer().to_html(source))
    if DeckField.DEPENDENCIES in fields:
        Deck(DeckField.DEPENDENCIES.value, PythonDependencyRenderer().to_html())
    if DeckField.INPUT in fields:
        deck = Deck(DeckField.INPUT.value)
        for name, value in native_inputs.items():
            deck.append(f"<h4>{html.escape(name)}</h4>{_value_html(value)}")
    if DeckField.OUTPUT in fields:
        deck = Deck(DeckField.OUTPUT.value)
        for name, value in _named_values(list(task.python_interface.outputs), native_outputs).items():
            deck.append(f"<h4>{html.escape(name)}</h4>{_value_html(value)}")
    return write_deck(task.name.split(".")[-1], params)
