"""Task executions (attempts): the ``TaskExecutionRepository`` interface and its SQLAlchemy
implementation.

One row per (task id, node execution, retry attempt); ``phase_version`` orders events within one
phase. Filter columns are derived from the closure on every write.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from flyteadmin.repositories import tables
from flyteadmin.repositories._rows import (
    RowReader,
    execution_identifier,
    execution_key,
    found_or_raise,
    versioned_identifier,
    versioned_key,
    where_key,
)
from flyteadmin.repositories._sql import (
    decode,
    duration_ns,
    encode,
    insert_unique,
    timestamp_or,
    timestamp_or_none,
    utcnow,
)
from flyteadmin.repositories.records import ListQuery, TaskExecutionRecord
from flyteidl.admin import task_execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2

__all__ = ["SqlTaskExecutionRepository", "TaskExecutionRepository", "describe_task_execution"]


class TaskExecutionRepository(Protocol):
    def create(self, record: TaskExecutionRecord) -> TaskExecutionRecord:
        """Store a new attempt; ``AlreadyExists`` if that attempt exists."""
        ...

    def find(
        self, identifier: identifier_pb2.TaskExecutionIdentifier, *, for_update: bool = False
    ) -> TaskExecutionRecord | None: ...

    def get(
        self, identifier: identifier_pb2.TaskExecutionIdentifier, *, for_update: bool = False
    ) -> TaskExecutionRecord: ...

    def update(self, record: TaskExecutionRecord) -> None: ...

    def list_page(self, query: ListQuery) -> list[TaskExecutionRecord]: ...


def describe_task_execution(identifier: identifier_pb2.TaskExecutionIdentifier) -> str:
    node = identifier.node_execution_id
    execution = node.execution_id
    task = identifier.task_id
    return (
        f"{execution.project}/{execution.domain}/{execution.name}/{node.node_id} "
        f"task {task.project}:{task.domain}:{task.name}:{task.version} attempt {identifier.retry_attempt}"
    )


_TE = tables.task_executions
_PHASES = core_execution_pb2.TaskExecution.Phase


def _columns(record: TaskExecutionRecord) -> dict[str, Any]:
    closure = record.closure
    now = utcnow()
    return {
        "phase": _PHASES.Name(closure.phase),
        "phase_version": record.phase_version,
        "input_uri": record.input_uri,
        "closure": encode(closure),
        "started_at": timestamp_or_none(closure, "started_at"),
        "task_execution_created_at": timestamp_or(closure, "created_at", now),
        "task_execution_updated_at": timestamp_or(closure, "updated_at", now),
        "duration": duration_ns(closure.duration),
    }


def _record(row: Row[tuple[object, ...]]) -> TaskExecutionRecord:
    mapping = row._mapping
    return TaskExecutionRecord(
        id=identifier_pb2.TaskExecutionIdentifier(
            task_id=versioned_identifier(mapping, identifier_pb2.TASK),
            node_execution_id=identifier_pb2.NodeExecutionIdentifier(
                node_id=mapping["node_id"], execution_id=execution_identifier(mapping)
            ),
            retry_attempt=mapping["retry_attempt"],
        ),
        closure=decode(task_execution_pb2.TaskExecutionClosure, mapping["closure"]),
        phase_version=mapping["phase_version"],
        input_uri=mapping["input_uri"],
        db_id=mapping["id"],
    )


def _key(identifier: identifier_pb2.TaskExecutionIdentifier) -> dict[str, Any]:
    node = identifier.node_execution_id
    return {
        **versioned_key(identifier.task_id),
        **execution_key(node.execution_id),
        "node_id": node.node_id,
        "retry_attempt": identifier.retry_attempt,
    }


_ROWS = RowReader(_TE, "task_execution", _record)


class SqlTaskExecutionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: TaskExecutionRecord) -> TaskExecutionRecord:
        now = utcnow()
        db_id = insert_unique(
            self._session,
            _TE,
            {**_key(record.id), **_columns(record), "created_at": now, "updated_at": now},
            f"Task execution {describe_task_execution(record.id)} already exists.",
        )
        found = _ROWS.by_db_id(self._session, db_id)
        assert found is not None
        return found

    def find(
        self, identifier: identifier_pb2.TaskExecutionIdentifier, *, for_update: bool = False
    ) -> TaskExecutionRecord | None:
        return _ROWS.first(self._session, *where_key(_TE, _key(identifier)), for_update=for_update)

    def get(
        self, identifier: identifier_pb2.TaskExecutionIdentifier, *, for_update: bool = False
    ) -> TaskExecutionRecord:
        return found_or_raise(
            self.find(identifier, for_update=for_update),
            f"missing entity of type task execution with identifier {describe_task_execution(identifier)}.",
        )

    def update(self, record: TaskExecutionRecord) -> None:
        assert record.db_id is not None, "update needs a record read from the repository"
        self._session.execute(
            update(_TE).where(_TE.c.id == record.db_id).values(**_columns(record), updated_at=utcnow())
        )

    def list_page(self, query: ListQuery) -> list[TaskExecutionRecord]:
        return _ROWS.page(self._session, query)
