"""Tasks: the ``TaskRepository`` interface and its SQLAlchemy implementation.

Tasks are immutable once registered: a row holds the ``admin.TaskClosure`` (compiled template and
registration time) and the digest that tells an identical re-registration from a changed one.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from flyteadmin.repositories import tables
from flyteadmin.repositories._rows import (
    RowReader,
    found_or_raise,
    versioned_identifier,
    versioned_key,
    where_key,
)
from flyteadmin.repositories._sql import decode, encode, insert_unique, list_named_ids, timestamp_or, utcnow
from flyteadmin.repositories.records import ListQuery, TaskRecord
from flyteidl.admin import common_pb2, task_pb2
from flyteidl.core import identifier_pb2

__all__ = ["SqlTaskRepository", "TaskRepository", "describe_identifier"]


class TaskRepository(Protocol):
    def create(self, record: TaskRecord) -> TaskRecord:
        """Store a new task version (returned with its ``db_id``); ``AlreadyExists`` if the id is taken."""
        ...

    def find(self, identifier: identifier_pb2.Identifier) -> TaskRecord | None: ...

    def get(self, identifier: identifier_pb2.Identifier) -> TaskRecord:
        """The task version; ``NotFound`` naming the identifier if there is none."""
        ...

    def find_by_db_id(self, db_id: int) -> TaskRecord | None: ...

    def list_page(self, query: ListQuery) -> list[TaskRecord]: ...

    def list_ids(self, query: ListQuery) -> list[common_pb2.NamedEntityIdentifier]:
        """Distinct (project, domain, name) of the tasks matching ``query``."""
        ...


def describe_identifier(identifier: identifier_pb2.Identifier) -> str:
    """``project:domain:name:version`` for messages."""
    return f"{identifier.project}:{identifier.domain}:{identifier.name}:{identifier.version}"


_T = tables.tasks


def _record(row: Row[tuple[object, ...]]) -> TaskRecord:
    mapping = row._mapping
    return TaskRecord(
        id=versioned_identifier(mapping, identifier_pb2.TASK),
        closure=decode(task_pb2.TaskClosure, mapping["closure"]),
        digest=mapping["digest"],
        short_description=mapping["short_description"] or "",
        db_id=mapping["id"],
    )


_ROWS = RowReader(_T, "task", _record)


class SqlTaskRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: TaskRecord) -> TaskRecord:
        now = utcnow()
        template = record.closure.compiled_task.template
        db_id = insert_unique(
            self._session,
            _T,
            {
                **versioned_key(record.id),
                "closure": encode(record.closure),
                "digest": record.digest,
                "type": template.type,
                "short_description": record.short_description,
                "created_at": timestamp_or(record.closure, "created_at", now),
                "updated_at": now,
            },
            f"Task {describe_identifier(record.id)} already exists; register a new version.",
        )
        return TaskRecord(record.id, record.closure, record.digest, record.short_description, db_id)

    def find(self, identifier: identifier_pb2.Identifier) -> TaskRecord | None:
        return _ROWS.first(self._session, *where_key(_T, versioned_key(identifier)))

    def get(self, identifier: identifier_pb2.Identifier) -> TaskRecord:
        return found_or_raise(
            self.find(identifier),
            f"missing entity of type TASK with identifier {describe_identifier(identifier)}; "
            "register the task first.",
        )

    def find_by_db_id(self, db_id: int) -> TaskRecord | None:
        return _ROWS.by_db_id(self._session, db_id)

    def list_page(self, query: ListQuery) -> list[TaskRecord]:
        return _ROWS.page(self._session, query)

    def list_ids(self, query: ListQuery) -> list[common_pb2.NamedEntityIdentifier]:
        return list_named_ids(self._session, _T, "task", query)
