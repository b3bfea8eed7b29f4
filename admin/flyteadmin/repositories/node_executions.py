"""Node executions: the ``NodeExecutionRepository`` interface and its SQLAlchemy implementation.

One row per (workflow execution, node id); sub-nodes of branches, subworkflows and dynamic tasks
point at their parent row (``parent_id``) or at the task execution that spawned them
(``parent_task_execution_id``). Filter columns are derived from the closure on every write.
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
            execution_id=execution_identifier(mapping),
        ),
        closure=decode(node_execution_pb2.NodeExecutionClosure, mapping["closure"]),
        metadata=decode(node_execution_pb2.NodeExecutionMetaData, mapping["node_execution_metadata"]),
        input_uri=mapping["input_uri"],
        parent_db_id=mapping["parent_id"],
        parent_task_execution_db_id=mapping["parent_task_execution_id"],
        event_version=mapping["event_version"],
        db_id=mapping["id"],
    )


def _key(identifier: identifier_pb2.NodeExecutionIdentifier) -> dict[str, Any]:
    return {**execution_key(identifier.execution_id), "node_id": identifier.node_id}


_ROWS = RowReader(_NE, "node_execution", _record)


class SqlNodeExecutionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: NodeExecutionRecord) -> NodeExecutionRecord:
        now = utcnow()
        db_id = insert_unique(
            self._session,
            _NE,
            {**_key(record.id), **_columns(record), "created_at": now, "updated_at": now},
            f"Node execution {describe_node_execution(record.id)} already exists.",
        )
        found = _ROWS.by_db_id(self._session, db_id)
        assert found is not None
        return found

    def find(
        self, identifier: identifier_pb2.NodeExecutionIdentifier, *, for_update: bool = False
    ) -> NodeExecutionRecord | None:
        return _ROWS.first(self._session, *where_key(_NE, _key(identifier)), for_update=for_update)

    def get(
        self, identifier: identifier_pb2.NodeExecutionIdentifier, *, for_update: bool = False
    ) -> NodeExecutionRecord:
        return found_or_raise(
            self.find(identifier, for_update=for_update),
            f"missing entity of type node execution with identifier {describe_node_execution(identifier)}; "
            "the engine has not reported this node (yet).",
        )

    def update(self, record: NodeExecutionRecord) -> None:
        assert record.db_id is not None, "update needs a record read from the repository"
        self._session.execute(
            update(_NE).where(_NE.c.id == record.db_id).values(**_columns(record), updated_at=utcnow())
        )

    def list_page(self, query: ListQuery) -> list[NodeExecutionRecord]:
        return _ROWS.page(self._session, query)
