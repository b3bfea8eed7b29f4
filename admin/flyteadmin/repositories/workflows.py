"""Workflows: the ``WorkflowRepository`` interface and its SQLAlchemy implementation.

A row keeps the workflow's typed interface and the URI of its compiled ``admin.WorkflowClosure``
in the blob store (closures can be large); the service reads and writes that blob.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from flyteadmin.errors import NotFound
from flyteadmin.repositories import tables
from flyteadmin.repositories._sql import decode, encode, insert_unique, list_named_ids, utcnow
from flyteadmin.repositories.filtering import apply_query
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
        id=identifier_pb2.Identifier(
            resource_type=identifier_pb2.WORKFLOW,
            project=mapping["project"],
            domain=mapping["domain"],
            name=mapping["name"],
            version=mapping["version"],
        ),
        typed_interface=decode(interface_pb2.TypedInterface, mapping["typed_interface"]),
        closure_uri=mapping["remote_closure_identifier"],
        digest=mapping["digest"],
        created_at=mapping["created_at"],
        short_description=mapping["short_description"] or "",
        db_id=mapping["id"],
    )


def _where_identifier(identifier: identifier_pb2.Identifier) -> list[ColumnElement[bool]]:
    return [
        _W.c.project == identifier.project,
        _W.c.domain == identifier.domain,
        _W.c.name == identifier.name,
        _W.c.version == identifier.version,
    ]


class SqlWorkflowRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: WorkflowRecord) -> WorkflowRecord:
        db_id = insert_unique(
            self._session,
            _W,
            {
                "project": record.id.project,
                "domain": record.id.domain,
                "name": record.id.name,
                "version": record.id.version,
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
        row = self._session.execute(select(_W).where(*_where_identifier(identifier))).first()
        return None if row is None else _record(row)

    def get(self, identifier: identifier_pb2.Identifier) -> WorkflowRecord:
        record = self.find(identifier)
        if record is None:
            raise NotFound(
                f"missing entity of type WORKFLOW with identifier {describe_identifier(identifier)}; "
                "register the workflow first."
            )
        return record

    def find_by_db_id(self, db_id: int) -> WorkflowRecord | None:
        row = self._session.execute(select(_W).where(_W.c.id == db_id)).first()
        return None if row is None else _record(row)

    def list_page(self, query: ListQuery) -> list[WorkflowRecord]:
        return [_record(row) for row in self._session.execute(apply_query(select(_W), "workflow", query))]

    def list_ids(self, query: ListQuery) -> list[common_pb2.NamedEntityIdentifier]:
        return list_named_ids(self._session, _W, "workflow", query)
