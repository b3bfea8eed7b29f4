"""Decks: HTML report pages a task builds while it runs (``Deck``), and renderers that make the HTML.

A task with ``enable_deck=True`` writes all its decks as one ``deck.html``: under its output
prefix when it runs in a container, and in a fresh local folder (path logged) when run locally.
"""

from flytekit.deck.deck import Deck, DeckField, TimeLineDeck
from flytekit.deck.renderer import (
    ArrowRenderer,
    MarkdownRenderer,
    PythonDependencyRenderer,
    SourceCodeRenderer,
    TopFrameRenderer,
)

__all__ = [
    "ArrowRenderer",
    "Deck",
    "DeckField",
    "MarkdownRenderer",
    "PythonDependencyRenderer",
    "SourceCodeRenderer",
    "TimeLineDeck",
    "TopFrameRenderer",
]
