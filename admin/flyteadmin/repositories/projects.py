"""Projects: the ``ProjectRepository`` interface and its SQLAlchemy implementation.

A project row keeps the id, display name, description, labels (an ``admin.Labels`` blob) and state;
domains are configuration, not data, so the services add them to every project they return.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult, Row
from sqlalchemy.orm import Session

from flyteadmin.errors import NotFound
from flyteadmin.repositories import tables
from flyteadmin.repositories._sql import decode, encode, insert_unique, utcnow
from flyteadmin.repositories.filtering import apply_query
from flyteadmin.repositories.records import ListQuery, ProjectRecord
from flyteidl.admin import common_pb2, project_pb2

__all__ = ["ProjectRepository", "SqlProjectRepository"]


class ProjectRepository(Protocol):
    def create(self, record: ProjectRecord) -> None:
        """Store a new project; ``AlreadyExists`` if its id is taken."""
        ...

    def find(self, identifier: str) -> ProjectRecord | None: ...

    def get(self, identifier: str) -> ProjectRecord:
        """The project; ``NotFound`` if there is none."""
        ...

    def update(self, record: ProjectRecord) -> None:
        """Replace name, description, labels and state; ``NotFound`` if there is no such project."""
        ...

    def list_page(self, query: ListQuery) -> list[ProjectRecord]: ...


_P = tables.projects


def _values(project: project_pb2.Project) -> dict[str, object]:
    labels = encode(project.labels) if project.HasField("labels") and project.labels.values else None
    return {
        "name": project.name,
        "description": project.description,
        "labels": labels,
        "state": int(project.state),
    }


def _record(row: Row[tuple[object, ...]]) -> ProjectRecord:
    mapping = row._mapping
    project = project_pb2.Project(
        id=str(mapping["identifier"]),
        name=str(mapping["name"]),
        description=str(mapping["description"] or ""),
        state=project_pb2.Project.ProjectState.Name(mapping["state"]),
    )
    if mapping["labels"]:
        project.labels.CopyFrom(decode(common_pb2.Labels, mapping["labels"]))
    return ProjectRecord(project=project, created_at=mapping["created_at"])


class SqlProjectRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: ProjectRecord) -> None:
        now = utcnow()
        insert_unique(
            self._session,
            _P,
            {
                "identifier": record.project.id,
                **_values(record.project),
                "created_at": now,
                "updated_at": now,
            },
            f"Project '{record.project.id}' already exists; pick another id or update that project.",
        )

    def find(self, identifier: str) -> ProjectRecord | None:
        row = self._session.execute(select(_P).where(_P.c.identifier == identifier)).first()
        return None if row is None else _record(row)

    def get(self, identifier: str) -> ProjectRecord:
        record = self.find(identifier)
        if record is None:
            raise NotFound(f"project [{identifier}] not found; register it first (RegisterProject).")
        return record

    def update(self, record: ProjectRecord) -> None:
        result = self._session.execute(
            update(_P)
            .where(_P.c.identifier == record.project.id)
            .values(**_values(record.project), updated_at=utcnow())
        )
        if isinstance(result, CursorResult) and result.rowcount == 0:
            raise NotFound(f"project [{record.project.id}] not found; register it first (RegisterProject).")

    def list_page(self, query: ListQuery) -> list[ProjectRecord]:
        rows = self._session.execute(apply_query(select(_P), "project", query)).all()
        return [_record(row) for row in rows]
