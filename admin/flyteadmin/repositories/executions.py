"""Workflow executions: the ``ExecutionRepository`` interface and its SQLAlchemy implementation.

The record's ``spec`` and ``closure`` protobufs are the truth; the filterable columns (phase name,
start time, duration, error kind/code, mode) are derived from them on every write.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import insert, update
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
from flyteadmin.repositories.records import ExecutionRecord, ListQuery
from flyteidl.admin import execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2

__all__ = ["ExecutionRepository", "SqlExecutionRepository", "describe_execution"]


class ExecutionRepository(Protocol):
    def create(self, record: ExecutionRecord) -> ExecutionRecord:
        """Store a new execution; ``AlreadyExists`` if project/domain/name is taken."""
        ...

    def find(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier, *, for_update: bool = False
    ) -> ExecutionRecord | None:
        """The execution, optionally locked until the transaction ends (for read-modify-write)."""
        ...

    def get(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier, *, for_update: bool = False
    ) -> ExecutionRecord: ...

    def update(self, record: ExecutionRecord) -> None:
        """Replace the stored execution (found by ``db_id``) with ``record``."""
        ...

    def list_page(self, query: ListQuery) -> list[ExecutionRecord]: ...


def describe_execution(identifier: identifier_pb2.WorkflowExecutionIdentifier) -> str:
    return f"{identifier.project}/{identifier.domain}/{identifier.name}"


_E = tables.executions
_PHASES = core_execution_pb2.WorkflowExecution.Phase
_ERROR_KINDS = core_execution_pb2.ExecutionError.ErrorKind


def _columns(record: ExecutionRecord) -> dict[str, Any]:
    closure = record.closure
    now = utcnow()
    error = closure.error if closure.WhichOneof("output_result") == "error" else None
    return {
        "launch_plan_id": record.launch_plan_db_id,
        "workflow_id": record.workflow_db_id,
        "task_id": record.task_db_id,
        "phase": _PHASES.Name(closure.phase),
        "spec": encode(record.spec),
        "closure": encode(closure),
        "started_at": timestamp_or_none(closure, "started_at"),
        "execution_created_at": timestamp_or(closure, "created_at", now),
        "execution_updated_at": timestamp_or(closure, "updated_at", now),
        "duration": duration_ns(closure.duration),
        "abort_cause": record.abort_cause,
        "mode": int(record.spec.metadata.mode),
        "cluster": record.cluster,
        "inputs_uri": record.inputs_uri,
        "user_inputs_uri": record.user_inputs_uri,
        "error_kind": None if error is None else _ERROR_KINDS.Name(error.kind),
        "error_code": None if error is None else error.code,
        "user": record.user,
        "state": record.state,
        "launch_entity": record.launch_entity,
    }


def _record(row: Row[tuple[object, ...]]) -> ExecutionRecord:
    mapping = row._mapping
    return ExecutionRecord(
        id=execution_identifier(mapping),
        spec=decode(execution_pb2.ExecutionSpec, mapping["spec"]),
        closure=decode(execution_pb2.ExecutionClosure, mapping["closure"]),
        launch_plan_db_id=mapping["launch_plan_id"],
        workflow_db_id=mapping["workflow_id"],
        task_db_id=mapping["task_id"],
        inputs_uri=mapping["inputs_uri"],
        user_inputs_uri=mapping["user_inputs_uri"],
        cluster=mapping["cluster"],
        abort_cause=mapping["abort_cause"],
        user=mapping["user"],
        state=mapping["state"],
        launch_entity=mapping["launch_entity"],
        db_id=mapping["id"],
    )


_ROWS = RowReader(_E, "execution", _record)


class SqlExecutionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: ExecutionRecord) -> ExecutionRecord:
        now = utcnow()
        db_id = insert_unique(
            self._session,
            _E,
            {**execution_key(record.id), **_columns(record), "created_at": now, "updated_at": now},
            f"Execution {describe_execution(record.id)} already exists; choose another name or omit it "
            "to get a generated one.",
        )
        tags = {(key, value) for key, value in record.spec.labels.values.items()}
        tags.update((tag, "") for tag in record.spec.tags)
        if tags:
            key = execution_key(record.id)
            self._session.execute(
                insert(tables.execution_tags),
                [
                    {**key, "key": tag, "value": value, "created_at": now, "updated_at": now}
                    for tag, value in sorted(tags)
                ],
            )
        found = _ROWS.by_db_id(self._session, db_id)
        assert found is not None
        return found

    def find(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier, *, for_update: bool = False
    ) -> ExecutionRecord | None:
        return _ROWS.first(self._session, *where_key(_E, execution_key(identifier)), for_update=for_update)

    def get(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier, *, for_update: bool = False
    ) -> ExecutionRecord:
        return found_or_raise(
            self.find(identifier, for_update=for_update),
            f"missing entity of type execution with identifier {describe_execution(identifier)}; "
            "check the project, domain and execution name.",
        )

    def update(self, record: ExecutionRecord) -> None:
        assert record.db_id is not None, "update needs a record read from the repository"
        self._session.execute(
            update(_E).where(_E.c.id == record.db_id).values(**_columns(record), updated_at=utcnow())
        )

    def list_page(self, query: ListQuery) -> list[ExecutionRecord]:
        return _ROWS.page(self._session, query)
