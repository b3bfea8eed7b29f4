"""Named-entity metadata: description and state (active, archived, system generated) per
(resource type, project, domain, name) of tasks, workflows and launch plans.

A missing row means "active, no description"; ``upsert`` creates or replaces the row.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from flyteadmin.repositories import tables
from flyteadmin.repositories._sql import insert_unique, utcnow
from flyteadmin.repositories.records import NamedEntityMetadataRecord
from flyteidl.admin import common_pb2

__all__ = ["NamedEntityRepository", "SqlNamedEntityRepository"]


class NamedEntityRepository(Protocol):
    def find(
        self, resource_type: int, identifier: common_pb2.NamedEntityIdentifier
    ) -> NamedEntityMetadataRecord | None: ...

    def upsert(self, record: NamedEntityMetadataRecord) -> None: ...


_N = tables.named_entity_metadata


class SqlNamedEntityRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _where(
        self, resource_type: int, identifier: common_pb2.NamedEntityIdentifier
    ) -> list[ColumnElement[bool]]:
        return [
            _N.c.resource_type == resource_type,
            _N.c.project == identifier.project,
            _N.c.domain == identifier.domain,
            _N.c.name == identifier.name,
        ]

    def find(
        self, resource_type: int, identifier: common_pb2.NamedEntityIdentifier
    ) -> NamedEntityMetadataRecord | None:
        row = self._session.execute(select(_N).where(*self._where(resource_type, identifier))).first()
        if row is None:
            return None
        mapping = row._mapping
        return NamedEntityMetadataRecord(
            resource_type=resource_type,
            id=common_pb2.NamedEntityIdentifier(
                project=identifier.project, domain=identifier.domain, name=identifier.name
            ),
            metadata=common_pb2.NamedEntityMetadata(
                description=mapping["description"], state=mapping["state"]
            ),
        )

    def upsert(self, record: NamedEntityMetadataRecord) -> None:
        values = {"description": record.metadata.description, "state": int(record.metadata.state)}
        where = self._where(record.resource_type, record.id)
        if self._session.execute(select(_N.c.name).where(*where)).first() is not None:
            self._session.execute(update(_N).where(*where).values(**values, updated_at=utcnow()))
            return
        now = utcnow()
        insert_unique(
            self._session,
            _N,
            {
                "resource_type": record.resource_type,
                "project": record.id.project,
                "domain": record.id.domain,
                "name": record.id.name,
                **values,
                "created_at": now,
                "updated_at": now,
            },
            f"Metadata of {record.id.project}/{record.id.domain}/{record.id.name} was written concurrently; retry.",
        )
