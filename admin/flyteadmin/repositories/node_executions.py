"""Node executions: the ``NodeExecutionRepository`` interface and its SQLAlchemy implementation.

One row per (workflow execution, node id); sub-nodes of branches, subworkflows and dynamic tasks
point at their parent row (``parent_id``) or at the task execution that spawned them
(``parent_task_execution_id``). Filter columns are derived from the closure on every write.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from flyteadmin.errors import NotFound
from flyteadmin.repositories import tables
from flyteadmin.repositories._sql import (
    decode,
    duration_ns,
    encode,
    insert_unique,
    timestamp_or,
    timestamp_or_none,
    utcnow,
)
from flyteadmin.repositories.filtering import apply_query
from flyteadmin.repositories.records import ListQuery, NodeExecutionRecord
from flyteidl.admin import node_execution_pb2
from flyteidl.core import catalog_pb2, identifier_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2

__all__ = ["NodeExecutionRepository", "SqlNodeExecutionRepository", "describe_node_execution"]


class NodeExecutionRepository(Protocol):
    def create(self, record: NodeExecutionRecord) -> NodeExecutionRecord:
        """Store a new node execution; ``AlreadyExists`` if that node of that execution exists."""
        ...

    def find(
        self, identifier: identifier_pb2.NodeExecutionIdentifier, *, for_update: bool = False
    ) -> NodeExecutionRecord | None: ...

    def get(
        self, identifier: identifier_pb2.NodeExecutionIdentifier, *, for_update: bool = False
    ) -> NodeExecutionRecord: ...

    def update(self, record: NodeExecutionRecord) -> None: ...

    def list_page(self, query: ListQuery) -> list[NodeExecutionRecord]: ...


def describe_node_execution(identifier: identifier_pb2.NodeExecutionIdentifier) -> str:
    execution = identifier.execution_id
    return f"{execution.project}/{execution.domain}/{execution.name}/{identifier.node_id}"


_NE = tables.node_executions
_PHASES = core_execution_pb2.NodeExecution.Phase
_ERROR_KINDS = core_execution_pb2.ExecutionError.ErrorKind


def _columns(record: NodeExecutionRecord) -> dict[str, Any]:
    closure = record.closure
    now = utcnow()
    error = closure.error if closure.WhichOneof("output_result") == "error" else None
    cache_status = None
    if closure.WhichOneof("target_metadata") == "task_node_metadata":
        cache_status = catalog_pb2.CatalogCacheStatus.Name(closure.task_node_metadata.cache_status)
    return {
        "phase": _PHASES.Name(closure.phase),
        "input_uri": record.input_uri,
        "closure": encode(closure),
        "started_at": timestamp_or_none(closure, "started_at"),
        "node_execution_created_at": timestamp_or(closure, "created_at", now),
        "node_execution_updated_at": timestamp_or(closure, "updated_at", now),
        "duration": duration_ns(closure.duration),
        "node_execution_metadata": encode(record.metadata),
        "parent_id": record.parent_db_id,
        "parent_task_execution_id": record.parent_task_execution_db_id,
        "error_kind": None if error is None else _ERROR_KINDS.Name(error.kind),
        "error_code": None if error is None else error.code,
        "cache_status": cache_status,
        "event_version": record.event_version,
    }


def _record(row: Row[tuple[object, ...]]) -> NodeExecutionRecord:
    mapping = row._mapping
    return NodeExecutionRecord(
        id=identifier_pb2.NodeExecutionIdentifier(
            node_id=mapping["node_id"],
            execution_id=identifier_pb2.WorkflowExecutionIdentifier(
                project=mapping["execution_project"],
                domain=mapping["execution_domain"],
                name=mapping["execution_name"],
            ),
        ),
        closure=decode(node_execution_pb2.NodeExecutionClosure, mapping["closure"]),
        metadata=decode(node_execution_pb2.NodeExecutionMetaData, mapping["node_execution_metadata"]),
        input_uri=mapping["input_uri"],
        parent_db_id=mapping["parent_id"],
        parent_task_execution_db_id=mapping["parent_task_execution_id"],
        event_version=mapping["event_version"],
        db_id=mapping["id"],
    )


def _where_identifier(identifier: identifier_pb2.NodeExecutionIdentifier) -> list[ColumnElement[bool]]:
    execution = identifier.execution_id
    return [
        _NE.c.execution_project == execution.project,
        _NE.c.execution_domain == execution.domain,
        _NE.c.execution_name == execution.name,
        _NE.c.node_id == identifier.node_id,
    ]


class SqlNodeExecutionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: NodeExecutionRecord) -> NodeExecutionRecord:
        now = utcnow()
        execution = record.id.execution_id
        db_id = insert_unique(
            self._session,
            _NE,
            {
                "execution_project": execution.project,
                "execution_domain": execution.domain,
                "execution_name": execution.name,
                "node_id": record.id.node_id,
                **_columns(record),
                "created_at": now,
                "updated_at": now,
            },
            f"Node execution {describe_node_execution(record.id)} already exists.",
        )
        found = self._session.execute(select(_NE).where(_NE.c.id == db_id)).first()
        assert found is not None
        return _record(found)

    def find(
        self, identifier: identifier_pb2.NodeExecutionIdentifier, *, for_update: bool = False
    ) -> NodeExecutionRecord | None:
        statement = select(_NE).where(*_where_identifier(identifier))
        if for_update:
            statement = statement.with_for_update()
        row = self._session.execute(statement).first()
        return None if row is None else _record(row)

    def get(
        self, identifier: identifier_pb2.NodeExecutionIdentifier, *, for_update: bool = False
    ) -> NodeExecutionRecord:
        record = self.find(identifier, for_update=for_update)
        if record is None:
            raise NotFound(
                f"missing entity of type node execution with identifier {describe_node_execution(identifier)}; "
                "the engine has not reported this node (yet)."
            )
        return record

    def update(self, record: NodeExecutionRecord) -> None:
        assert record.db_id is not None, "update needs a record read from the repository"
        self._session.execute(
            update(_NE).where(_NE.c.id == record.db_id).values(**_columns(record), updated_at=utcnow())
        )

    def list_page(self, query: ListQuery) -> list[NodeExecutionRecord]:
        statement = apply_query(select(_NE), "node_execution", query)
        return [_record(row) for row in self._session.execute(statement)]
