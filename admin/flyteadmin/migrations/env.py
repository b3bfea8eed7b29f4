"""Alembic environment: runs the revisions in ``versions/`` on the engine handed over by
``flyteadmin.migrations.upgrade`` (no alembic.ini, no logging configuration here)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from flyteadmin.repositories.tables import metadata


def _run() -> None:
    engine = context.config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("run the admin migrations through flyteadmin.migrations.upgrade(url)")
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


_run()
