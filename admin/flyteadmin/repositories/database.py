"""The database connection and the unit of work services run their transactions in.

``Database(url)`` owns the SQLAlchemy engine. ``database.unit_of_work(write=...)`` opens one
transaction and exposes every repository bound to it; leaving the ``with`` block commits, an
exception rolls back. On SQLite (one writer at a time) a write transaction starts with
``BEGIN IMMEDIATE`` so concurrent read-modify-write calls queue on the lock instead of failing on
upgrade; reads start deferred. SQLite files get WAL journaling and enforced foreign keys.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from flyteadmin.repositories.executions import ExecutionRepository, SqlExecutionRepository
from flyteadmin.repositories.launch_plans import LaunchPlanRepository, SqlLaunchPlanRepository
from flyteadmin.repositories.named_entities import NamedEntityRepository, SqlNamedEntityRepository
from flyteadmin.repositories.node_executions import NodeExecutionRepository, SqlNodeExecutionRepository
from flyteadmin.repositories.projects import ProjectRepository, SqlProjectRepository
from flyteadmin.repositories.signals import SignalRepository, SqlSignalRepository
from flyteadmin.repositories.task_executions import SqlTaskExecutionRepository, TaskExecutionRepository
from flyteadmin.repositories.tasks import SqlTaskRepository, TaskRepository
from flyteadmin.repositories.workflows import SqlWorkflowRepository, WorkflowRepository

__all__ = ["Database", "SqlUnitOfWork", "UnitOfWork", "UnitOfWorkFactory", "create_database_engine"]

logger = logging.getLogger(__name__)

_SQLITE_BUSY_TIMEOUT_S = 30.0


class UnitOfWork(Protocol):
    """One transaction and the repositories bound to it."""

    projects: ProjectRepository
    tasks: TaskRepository
    workflows: WorkflowRepository
    launch_plans: LaunchPlanRepository
    named_entities: NamedEntityRepository
    executions: ExecutionRepository
    node_executions: NodeExecutionRepository
    task_executions: TaskExecutionRepository
    signals: SignalRepository

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> UnitOfWork: ...


class SqlUnitOfWork(UnitOfWork):
    """A ``UnitOfWork`` over one SQLAlchemy session (the repositories exist once it is entered)."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None

    def __enter__(self) -> SqlUnitOfWork:
        session = self._session_factory()
        session.begin()
        self._session = session
        self.projects = SqlProjectRepository(session)
        self.tasks = SqlTaskRepository(session)
        self.workflows = SqlWorkflowRepository(session)
        self.launch_plans = SqlLaunchPlanRepository(session)
        self.named_entities = SqlNamedEntityRepository(session)
        self.executions = SqlExecutionRepository(session)
        self.node_executions = SqlNodeExecutionRepository(session)
        self.task_executions = SqlTaskExecutionRepository(session)
        self.signals = SqlSignalRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self._session
        assert session is not None, "the unit of work was not entered"
        self._session = None
        try:
            if exc_type is None:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()


def _prepare_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below emit BEGIN instead of the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(_SQLITE_BUSY_TIMEOUT_S * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def create_database_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created when missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": _SQLITE_BUSY_TIMEOUT_S}
        )
        _prepare_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """The admin database: engine plus unit-of-work factory.

    ``write_engine`` is the engine to hand to other writers of the same database (e.g. the
    ``SqlWorkflowStore``): on SQLite its transactions take the write lock up front.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_database_engine(url)
        self._readers = sessionmaker(bind=self.engine, autobegin=False, expire_on_commit=False)
        writer_engine = self.engine
        if self.engine.dialect.name == "sqlite":
            writer_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self.write_engine: Engine = writer_engine
        self._writers = sessionmaker(bind=writer_engine, autobegin=False, expire_on_commit=False)

    def unit_of_work(self, *, write: bool = False) -> SqlUnitOfWork:
        """A transaction; pass ``write=True`` when it will modify rows."""
        return SqlUnitOfWork(self._writers if write else self._readers)

    def dispose(self) -> None:
        self.engine.dispose()
