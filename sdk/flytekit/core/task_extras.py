"""Task settings that every Python task shares but that are not its body: docs and deck switches.

``merge_documentation`` gives the task's description: the function docstring wins over ``docs=``
field by field (summary, long text), as flytekit does, and a task with neither has no description.
``resolve_deck_settings`` turns ``enable_deck`` / deprecated ``disable_deck`` / ``deck_fields`` into
(enabled, fields); decks are off by default and fields only count when decks are on. Neither the
deck package nor ``flytekit.models`` is imported to declare a task without decks.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from flytekit.core.docstring import Docstring

if TYPE_CHECKING:
    from flytekit.deck.deck import DeckField
    from flytekit.models.documentation import Documentation

# The values of flytekit.deck.DeckField (a str enum): SOURCE_CODE, DEPENDENCIES, TIMELINE, INPUT, OUTPUT.
DEFAULT_DECK_FIELDS: tuple[str, ...] = ("Source Code", "Dependencies", "Timeline", "Input", "Output")


def merge_documentation(docs: Any, docstring: Docstring | None) -> Documentation | None:
    from flytekit.models.documentation import Description, Documentation

    if isinstance(docs, Docstring):
        docstring, docs = docs, None
    if docs is not None and not isinstance(docs, Documentation):
        raise TypeError(f"docs must be a flytekit.Documentation, got {docs!r}")
    if docstring is None:
        return docs
    if docs is None:
        return Documentation(
            short_description=docstring.short_description,
            long_description=Description(value=docstring.long_description),
        )
    if docstring.short_description:
        docs.short_description = docstring.short_description
    if docstring.long_description:
        docs.long_description = Description(value=docstring.long_description)
    return docs


def resolve_deck_settings(
    task_name: str, enable_deck: bool | None, disable_deck: bool | None, deck_fields: tuple[Any, ...] | None
) -> tuple[bool, list[DeckField]]:
    if enable_deck is not None and disable_deck is not None:
        raise ValueError("only one of [disable_deck, enable_deck] can be set")
    if disable_deck is not None:
        warnings.warn(
            "disable_deck was deprecated in 1.10.0, please use enable_deck instead",
            FutureWarning,
            stacklevel=3,
        )
    # Off unless asked for: enable_deck=True, or the deprecated disable_deck=False.
    enabled = bool(enable_deck) if enable_deck is not None else disable_deck is False
    if deck_fields is None or not enabled:
        return enabled, []
    from flytekit.deck.deck import DeckField

    valid = set(DeckField)
    fields = []
    for f in deck_fields:
        if f not in valid:
            raise ValueError(
                f"Element {f} from deck_fields param is not a valid deck field. Please use one of {valid}"
            )
        fields.append(DeckField(f))
    return enabled, fields
