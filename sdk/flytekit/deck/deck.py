"""``Deck`` pages, the timeline deck, and writing a task's decks as one ``deck.html``.

A ``Deck`` adds itself to the running task's ``current_context().decks`` when created (unless
``auto_add_to_deck=False``). ``write_deck`` joins every deck of the task into one page with a tab
per deck; the page is this SDK's own. Where it goes matches flytekit: a fresh local folder (its
``file://`` path is logged), and for a task running in a container also
``<output metadata prefix>/deck.html``.
"""

from __future__ import annotations

import enum
import logging
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flytekit.core.context_manager import ExecutionParameters

logger = logging.getLogger(__name__)

DECK_FILE_NAME = "deck.html"


class DeckField(enum.StrEnum):
    """The built-in decks a task can produce (``@task(deck_fields=...)``)."""

    INPUT = "Input"
    OUTPUT = "Output"
    SOURCE_CODE = "Source Code"
    TIMELINE = "Timeline"
    DEPENDENCIES = "Dependencies"


def _escape(text: str) -> str:
    import html  # deferred: html.entities is a noticeable share of `import flytekit`

    return html.escape(text)


def _current_params() -> ExecutionParameters:
    from flytekit.core.context_manager import FlyteContextManager

    params = FlyteContextManager.current_context().user_space_params
    if params is None:
        raise RuntimeError("Decks can only be created while a task runs (there is no current execution).")
    return params


class Deck:
    """A named HTML page; ``append(html)`` adds a block below what is there."""

    def __init__(self, name: str, html: str | None = "", auto_add_to_deck: bool = True) -> None:
        self._name = name
        self._html = html or ""
        if auto_add_to_deck:
            _current_params().decks.append(self)

    def append(self, html: str) -> Deck:
        if not isinstance(html, str):
            raise TypeError(f"Deck.append takes an HTML string, got {type(html).__name__}")
        self._html = f"{self._html}\n{html}"
        return self

    @property
    def name(self) -> str:
        return self._name

    @property
    def html(self) -> str:
        return self._html

    @staticmethod
    def publish() -> None:
        """Write the current task's decks now (only when the task has decks enabled)."""
        params = _current_params()
        task_name = params.task_id.name if params.task_id is not None else "task"
        if not params.enable_deck:
            logger.warning(
                "Deck.publish() in task '%s' does nothing: the task was declared without enable_deck=True.",
                task_name,
            )
            return
        write_deck(task_name, params)


class TimeLineDeck(Deck):
    """Wall and process time of the steps of a task; rendered only when read, from all entries."""

    def __init__(self, name: str, html: str | None = "", auto_add_to_deck: bool = True) -> None:
        super().__init__(name, html, auto_add_to_deck)
        self.time_info: list[dict[str, Any]] = []

    def append_time_info(self, info: dict[str, Any]) -> None:
        if not isinstance(info, dict):
            raise TypeError(f"append_time_info takes a dict, got {type(info).__name__}")
        self.time_info.append(info)

    @property
    def html(self) -> str:
        if not self.time_info:
            return ""
        rows = "".join(
            f"<tr><td>{_escape(str(row['Name']))}</td><td>{row['WallTime']:.6f}</td>"
            f"<td>{row['ProcessTime']:.6f}</td></tr>"
            for row in self.time_info
        )
        return (
            '<table class="timeline"><thead><tr><th>Step</th><th>Wall time (s)</th>'
            f"<th>Process time (s)</th></tr></thead><tbody>{rows}</tbody></table>"
        )


_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 0; display: flex; }}
nav {{ min-width: 12em; background: #f3f3f6; padding: 1em; }}
nav a {{ display: block; padding: .3em 0; color: #333; text-decoration: none; }}
main {{ padding: 1em 2em; flex: 1; overflow: auto; }}
section {{ border-bottom: 1px solid #ddd; padding-bottom: 1em; }} section:target h2 {{ color: #5a2ca0; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: .25em .5em; }}
</style></head>
<body><nav>{nav}</nav><main>{body}</main></body></html>
"""


def render_page(title: str, decks: list[Deck]) -> str:
    """One HTML page with a link and a section per deck (later decks of the same name win)."""
    pages: dict[str, str] = {}
    for deck in decks:
        pages[deck.name] = deck.html
    nav = "".join(f'<a href="#deck-{i}">{_escape(name)}</a>' for i, name in enumerate(pages))
    body = "".join(
        f'<section id="deck-{i}"><h2>{_escape(name)}</h2>{content}</section>'
        for i, (name, content) in enumerate(pages.items())
    )
    return _PAGE.format(title=_escape(title), nav=nav, body=body)


def write_deck(task_name: str, params: ExecutionParameters) -> str:
    """Write ``deck.html`` for the task's decks; returns the local path.

    In a container run (``TASK_EXECUTION``) the file is also uploaded to the output metadata prefix.
    """
    from flytekit.core.context_manager import ExecutionState, FlyteContextManager

    ctx = FlyteContextManager.current_context()
    local_path = os.path.join(ctx.file_access.get_random_local_directory(), DECK_FILE_NAME)
    with open(local_path, "w", encoding="utf-8") as handle:
        handle.write(render_page(task_name, list(params.decks)))
    logger.info("%s task creates flyte deck html to file://%s", task_name, local_path)
    state = ctx.execution_state
    prefix = params.output_metadata_prefix
    if state is not None and state.mode == ExecutionState.Mode.TASK_EXECUTION and prefix:
        ctx.file_access.put_data(local_path, ctx.file_access.join(prefix, DECK_FILE_NAME))
    return local_path
