"""The ``FlyteRemote`` a pyflyte command talks to, built from the global ``-c/--config``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from flytekit.clis.pyflyte import current_context

if TYPE_CHECKING:
    from flytekit.remote import FlyteRemote


@contextmanager
def remote_for(ctx: click.Context, project: str | None, domain: str | None) -> Iterator[FlyteRemote]:
    """A remote with the given defaults, closed (its channel released) when the block ends."""
    from flytekit.remote import FlyteRemote

    remote = FlyteRemote(current_context(ctx).config(), default_project=project, default_domain=domain)
    try:
        yield remote
    finally:
        remote.close()
