"""Where FlyteWorkflow documents live: the ``WorkflowStore`` seam and its SQL implementation.

The store behaves like the Kubernetes API for the custom resource, which is what propeller and
admin expect of it: ``create`` fails on an existing name, ``update`` is optimistic (it must carry
the ``metadata.resourceVersion`` it read, else ``Conflict``) and bumps the version, and ``delete``
of an object that still has finalizers only stamps ``metadata.deletionTimestamp`` (propeller then
aborts the execution and removes its finalizer; the update that removes the last finalizer of a
deleted object removes the row). ``SqlWorkflowStore`` keeps the documents in the ``flyteworkflows``
table of the admin database; admin's Alembic migration creates that table with exactly the schema
of ``flyteworkflows_table``.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any, Protocol

import sqlalchemy as sa

from flytestdlib.errors import AlreadyExists, Conflict, InvalidWorkflowDocument, NotFound
from flytestdlib.flyteworkflow._codec import format_time
from flytestdlib.flyteworkflow._phases import WorkflowPhase

Document = dict[str, Any]

flyteworkflows_metadata = sa.MetaData()

flyteworkflows_table = sa.Table(
    "flyteworkflows",
    flyteworkflows_metadata,
    sa.Column("namespace", sa.String(253), nullable=False),
    sa.Column("name", sa.String(253), nullable=False),
    sa.Column("resource_version", sa.Integer, nullable=False),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("completed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("namespace", "name"),
)


class WorkflowStore(Protocol):
    """CRUD with optimistic concurrency over FlyteWorkflow documents (dicts, copied in and out)."""

    def create(self, document: Document) -> Document:
        """Store a new object; returns it with ``resourceVersion``; ``AlreadyExists`` if taken."""
        ...

    def get(self, namespace: str, name: str) -> Document:
        """The stored object; ``NotFound`` if there is none."""
        ...

    def find(self, namespace: str, name: str) -> Document | None:
        """The stored object, or None."""
        ...

    def update(self, document: Document) -> Document:
        """Replace the object; ``Conflict`` if its resourceVersion is stale; returns the new version."""
        ...

    def delete(self, namespace: str, name: str) -> None:
        """Delete the object, or mark it for deletion while finalizers remain; ``NotFound`` if absent."""
        ...

    def list_active(self) -> list[Document]:
        """Objects whose workflow phase is not terminal (including ones marked for deletion)."""
        ...


def _identity(document: Document) -> tuple[str, str]:
    metadata = document.get("metadata")
    if not isinstance(metadata, dict) or not metadata.get("name") or not metadata.get("namespace"):
        raise InvalidWorkflowDocument(
            "A FlyteWorkflow document needs metadata.name and metadata.namespace before it can be stored."
        )
    return str(metadata["namespace"]), str(metadata["name"])


def _is_completed(document: Document) -> bool:
    phase = (document.get("status") or {}).get("phase", 0)
    return WorkflowPhase(int(phase)).is_terminal


class SqlWorkflowStore:
    """``WorkflowStore`` on the ``flyteworkflows`` table (SQLite or Postgres via SQLAlchemy)."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def create(self, document: Document) -> Document:
        namespace, name = _identity(document)
        stored = copy.deepcopy(document)
        now = datetime.now(UTC)
        metadata = stored["metadata"]
        metadata["resourceVersion"] = "1"
        metadata.setdefault("creationTimestamp", format_time(now))
        metadata.setdefault("generation", 1)
        with self._engine.begin() as connection:
            exists = connection.execute(
                sa.select(flyteworkflows_table.c.name).where(*self._key(namespace, name))
            ).first()
            if exists is not None:
                raise AlreadyExists(namespace, name)
            try:
                connection.execute(
                    flyteworkflows_table.insert().values(
                        namespace=namespace,
                        name=name,
                        resource_version=1,
                        document=json.dumps(stored),
                        completed=_is_completed(stored),
                        created_at=now,
                        updated_at=now,
                    )
                )
            except sa.exc.IntegrityError as error:
                raise AlreadyExists(namespace, name) from error
        return stored

    def get(self, namespace: str, name: str) -> Document:
        found = self.find(namespace, name)
        if found is None:
            raise NotFound(namespace, name)
        return found

    def find(self, namespace: str, name: str) -> Document | None:
        with self._engine.connect() as connection:
            row = connection.execute(
                sa.select(flyteworkflows_table.c.document).where(*self._key(namespace, name))
            ).first()
        return None if row is None else self._load(row[0])

    def update(self, document: Document) -> Document:
        namespace, name = _identity(document)
        given = str(document["metadata"].get("resourceVersion", ""))
        if not given.isdigit():
            raise InvalidWorkflowDocument(
                f"FlyteWorkflow {namespace}/{name} has no valid metadata.resourceVersion ({given!r}); "
                "update the document returned by get/create."
            )
        stored = copy.deepcopy(document)
        new_version = int(given) + 1
        stored["metadata"]["resourceVersion"] = str(new_version)
        metadata = stored["metadata"]
        finished_deleting = bool(metadata.get("deletionTimestamp")) and not metadata.get("finalizers")
        with self._engine.begin() as connection:
            if finished_deleting:
                statement: Any = flyteworkflows_table.delete().where(
                    *self._key(namespace, name), flyteworkflows_table.c.resource_version == int(given)
                )
            else:
                statement = (
                    flyteworkflows_table.update()
                    .where(*self._key(namespace, name), flyteworkflows_table.c.resource_version == int(given))
                    .values(
                        resource_version=new_version,
                        document=json.dumps(stored),
                        completed=_is_completed(stored),
                        updated_at=datetime.now(UTC),
                    )
                )
            result = connection.execute(statement)
            if result.rowcount != 1:
                current = connection.execute(
                    sa.select(flyteworkflows_table.c.resource_version).where(*self._key(namespace, name))
                ).first()
                if current is None:
                    raise NotFound(namespace, name)
                raise Conflict(namespace, name, given, str(current[0]))
        return stored

    def delete(self, namespace: str, name: str) -> None:
        with self._engine.begin() as connection:
            row = connection.execute(
                sa.select(flyteworkflows_table.c.document, flyteworkflows_table.c.resource_version).where(
                    *self._key(namespace, name)
                )
            ).first()
            if row is None:
                raise NotFound(namespace, name)
            document = self._load(row[0])
            metadata = document["metadata"]
            if not metadata.get("finalizers"):
                connection.execute(flyteworkflows_table.delete().where(*self._key(namespace, name)))
                return
            if metadata.get("deletionTimestamp"):
                return
            new_version = int(row[1]) + 1
            metadata["deletionTimestamp"] = format_time(datetime.now(UTC))
            metadata["resourceVersion"] = str(new_version)
            connection.execute(
                flyteworkflows_table.update()
                .where(*self._key(namespace, name))
                .values(
                    resource_version=new_version, document=json.dumps(document), updated_at=datetime.now(UTC)
                )
            )

    def list_active(self) -> list[Document]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                sa.select(flyteworkflows_table.c.document)
                .where(flyteworkflows_table.c.completed == sa.false())
                .order_by(flyteworkflows_table.c.created_at, flyteworkflows_table.c.name)
            ).all()
        return [self._load(row[0]) for row in rows]

    @staticmethod
    def _key(namespace: str, name: str) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[bool]]:
        return flyteworkflows_table.c.namespace == namespace, flyteworkflows_table.c.name == name

    @staticmethod
    def _load(text: str) -> Document:
        loaded: Document = json.loads(text)
        return loaded
