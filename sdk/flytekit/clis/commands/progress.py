"""Progress display for long CLI steps (uploading, registering, waiting), shown on terminals only.

Piped or captured output stays clean: off a terminal the spinner is disabled and nothing is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def spinner(description: str) -> Iterator[Any]:
    """A transient spinner with elapsed time while the block runs; yields the rich ``Progress``."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        progress.add_task(description, total=None)
        yield progress


@contextmanager
def steps(description: str, total: int) -> Iterator[Any]:
    """A transient bar over ``total`` steps (advance with ``progress.advance(task_id)``)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        progress.add_task(description, total=total)
        yield progress
