"""Workflows: the ``WorkflowRepository`` interface and its SQLAlchemy implementation.

A row keeps the workflow's typed interface and the URI of its compiled ``admin.WorkflowClosure``
in the blob store (closures can be large); the service reads and writes that blob.
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
from flyteadmin.repositories._sql import decode, encode, insert_unique, list_named_ids, utcnow
from flyteadmin.repositories.records import ListQuery, WorkflowRecord
from flyteadmin.repositories.tasks import describe_identifier
from flyteidl.admin import common_pb2
from flyteidl.core import identifier_pb2, interface_pb2

__all__ = ["SqlWorkflowRepository", "WorkflowRepository"]


class WorkflowRepository(Protocol):
    def create(self, record: WorkflowRecord) -> WorkflowRecord:
        """Store a new workflow version (returned with its ``db_id``); ``AlreadyExists`` if taken."""
        ...

    def find(self, identifier: identifier_pb2.Identifier) -> WorkflowRecord | None: ...

    def get(self, identifier: identifier_pb2.Identifier) -> WorkflowRecord:
        """The workflow version; ``NotFound`` naming the identifier if there is none."""
        ...

    def find_by_db_id(self, db_id: int) -> WorkflowRecord | None: ...

    def list_page(self, query: ListQuery) -> list[WorkflowRecord]: ...

    def list_ids(self, query: ListQuery) -> list[common_pb2.NamedEntityIdentifier]: ...


_W = tables.workflows


def _record(row: Row[tuple[object, ...]]) -> WorkflowRecord:
    mapping = row._mapping
    return WorkflowRecord(
        id=versioned_identifier(mapping, identifier_pb2.WORKFLOW),
        typed_interface=decode(interface_pb2.TypedInterface, mapping["typed_interface"]),
        closure_uri=mapping["remote_closure_identifier"],
        digest=mapping["digest"],
        created_at=mapping["created_at"],
        short_description=mapping["short_description"] or "",
        db_id=mapping["id"],
    )


_ROWS = RowReader(_W, "workflow", _record)


class SqlWorkflowRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: WorkflowRecord) -> WorkflowRecord:
        db_id = insert_unique(
            self._session,
            _W,
            {
                **versioned_key(record.id),
                "typed_interface": encode(record.typed_interface),
                "remote_closure_identifier": record.closure_uri,
                "digest": record.digest,
                "short_description": record.short_description,
                "created_at": record.created_at,
                "updated_at": utcnow(),
            },
            f"Workflow {describe_identifier(record.id)} already exists; register a new version.",
        )
        return WorkflowRecord(
            record.id,
            record.typed_interface,
            record.closure_uri,
            record.digest,
            record.created_at,
            record.short_description,
            db_id,
        )

    def find(self, identifier: identifier_pb2.Identifier) -> WorkflowRecord | None:
        return _ROWS.first(self._session, *where_key(_W, versioned_key(identifier)))

    def get(self, identifier: identifier_pb2.Identifier) -> WorkflowRecord:
        return found_or_raise(
            self.find(identifier),
            f"missing entity of type WORKFLOW with identifier {describe_identifier(identifier)}; "
            "register the workflow first.",
        )

    def find_by_db_id(self, db_id: int) -> WorkflowRecord | None:
        return _ROWS.by_db_id(self._session, db_id)

    def list_page(self, query: ListQuery) -> list[WorkflowRecord]:
        return _ROWS.page(self._session, query)

    def list_ids(self, query: ListQuery) -> list[common_pb2.NamedEntityIdentifier]:
        return list_named_ids(self._session, _W, "workflow", query)
