"""Reading one typed value from the terminal (the local run of ``wait_for_input`` gates)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2
    from flytekit.core.context_manager import FlyteContext


def parse_stdin_to_literal(
    ctx: FlyteContext, t: Any, message: str | None, lt: Any = None
) -> literals_pb2.Literal:
    """Prompt with ``message`` until the answer parses as ``t`` (the click type of ``pyflyte run`` inputs),
    and return it as a literal of ``lt`` (default: ``t``'s literal type)."""
    from flytekit.core.context_manager import FlyteContextManager
    from flytekit.core.type_engine import TypeEngine
    from flytekit.interaction.click_types import FlyteLiteralConverter

    literal_type = lt if lt is not None else TypeEngine.to_literal_type(t)
    converter = FlyteLiteralConverter(ctx, literal_type=literal_type, python_type=t, is_remote=False)
    answer = click.prompt(message or "", type=converter.click_type)
    try:
        return TypeEngine.to_literal(FlyteContextManager.current_context(), answer, t, converter.literal_type)
    except Exception as exc:
        raise click.ClickException(f"Failed to parse input: {exc}") from exc
