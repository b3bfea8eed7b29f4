"""``pyflyte local-cache clear``: empty the local task cache (see ``flytekit.core.local_cache``)."""

from __future__ import annotations

import click

from flytekit.clis.pyflyte import current_context


@click.group("local-cache")
def local_cache() -> None:
    """Inspect or empty the cache of locally run cached tasks."""


@local_cache.command("clear")
@click.pass_context
def clear(ctx: click.Context) -> None:
    """Remove every cached task output from the local cache folder."""
    from flytekit.configuration import LocalConfig
    from flytekit.core.local_cache import CacheStore

    store = CacheStore(LocalConfig.auto(current_context(ctx).config_file).cache_dir)
    removed = store.clear()
    click.secho(f"Cleared the local cache at {store.directory} ({removed} entries).", fg="green")
