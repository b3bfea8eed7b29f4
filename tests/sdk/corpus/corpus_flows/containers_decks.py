"""Deck-enabled tasks (custom decks, renderers, the default deck) and docs= documentation."""

from __future__ import annotations

from collections.abc import Callable

from flytekit import Deck, Description, Documentation, SourceCode, current_context, task, workflow
from flytekit.deck import DeckField
from flytekit.deck.renderer import MarkdownRenderer


@task(enable_deck=True)
def report(n: int) -> int:
    """Make a small report deck.

    The long description of the report task.
    """
    Deck("summary", MarkdownRenderer().to_html(f"# Total\n\n{n} items"))
    current_context().default_deck.append("<p>default deck</p>")
    return n * 10


@task(enable_deck=True, deck_fields=(DeckField.INPUT, DeckField.OUTPUT))
def io_only(n: int) -> str:
    return f"n={n}"


@task(
    docs=Documentation(
        short_description="Documented by docs=",
        long_description=Description(value="A longer text.", icon_link="https://example.com/i.png"),
        source_code=SourceCode(link="https://github.com/flyteorg/flytesnacks"),
    )
)
def documented(n: int) -> int:
    return n + 1


@task(enable_deck=False)
def no_deck(n: int) -> bool:
    return current_context().enable_deck


@workflow
def deck_wf(n: int = 2) -> str:
    return io_only(n=documented(n=report(n=n)))


CASES: dict[str, Callable[[], object]] = {
    "deck_wf": lambda: deck_wf(n=3),
    "deck_flags": lambda: [report.enable_deck, io_only.enable_deck, no_deck.enable_deck, no_deck(n=1)],
    "deck_fields": lambda: [f.value for f in report.deck_fields] + [f.value for f in io_only.deck_fields],
}
