"""Alembic migrations of the admin database, run programmatically at start-up.

``upgrade(url)`` brings the database at ``url`` to the newest revision (idempotent: an up-to-date
database is left alone). The revisions live in ``versions/``; ``env.py`` wires Alembic to them without
an ``alembic.ini``. Add a revision by writing a new module in ``versions/`` whose ``down_revision`` is
the current head.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

__all__ = ["current_revision", "head_revision", "upgrade"]

logger = logging.getLogger(__name__)


def _config(engine: Engine | None = None, url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    config.attributes["engine"] = engine
    config.attributes["url"] = url
    return config


def upgrade(engine_url: str | Engine) -> None:
    """Migrate the database (a SQLAlchemy URL or an engine) to the newest revision."""
    from flyteadmin.repositories.database import create_database_engine

    owned = isinstance(engine_url, str)
    engine = create_database_engine(engine_url) if isinstance(engine_url, str) else engine_url
    try:
        before = current_revision(engine)
        command.upgrade(_config(engine), "head")
        after = current_revision(engine)
        if before != after:
            logger.info("Migrated the admin database from revision %s to %s.", before or "(empty)", after)
    finally:
        if owned:
            engine.dispose()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this code."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head
