"""Row <-> record plumbing shared by the SQLAlchemy repositories: identifier key columns and reads.

Every versioned entity (task, workflow, launch plan) is keyed by project/domain/name/version, and
every execution-scoped row (execution, node execution, task execution) by
execution_project/execution_domain/execution_name; these helpers map those identifiers to column
values and back, so the repositories only spell out the columns that are their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Table, select
from sqlalchemy.engine import Row, RowMapping
from sqlalchemy.orm import Session

from flyteadmin.errors import NotFound
from flyteadmin.repositories.filtering import apply_query
from flyteadmin.repositories.records import ListQuery
from flyteidl.core import identifier_pb2

__all__ = [
    "RowReader",
    "execution_identifier",
    "execution_key",
    "found_or_raise",
    "versioned_identifier",
    "versioned_key",
    "where_key",
]

R = TypeVar("R")


def versioned_key(identifier: identifier_pb2.Identifier) -> dict[str, Any]:
    return {
        "project": identifier.project,
        "domain": identifier.domain,
        "name": identifier.name,
        "version": identifier.version,
    }


def versioned_identifier(
    mapping: RowMapping, resource_type: identifier_pb2.ResourceType
) -> identifier_pb2.Identifier:
    return identifier_pb2.Identifier(
        resource_type=resource_type,
        project=mapping["project"],
        domain=mapping["domain"],
        name=mapping["name"],
        version=mapping["version"],
    )


def execution_key(identifier: identifier_pb2.WorkflowExecutionIdentifier) -> dict[str, Any]:
    return {
        "execution_project": identifier.project,
        "execution_domain": identifier.domain,
        "execution_name": identifier.name,
    }


def execution_identifier(mapping: RowMapping) -> identifier_pb2.WorkflowExecutionIdentifier:
    return identifier_pb2.WorkflowExecutionIdentifier(
        project=mapping["execution_project"],
        domain=mapping["execution_domain"],
        name=mapping["execution_name"],
    )


def where_key(table: Table, key: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """Equality on every column of ``key`` (a column name -> value map such as ``versioned_key``)."""
    return [table.c[column] == value for column, value in key.items()]


def found_or_raise(record: R | None, message: str) -> R:
    """``record``, or ``NotFound(message)`` if there is none (the ``get_*`` half of ``find_*``)."""
    if record is None:
        raise NotFound(message)
    return record


@dataclass(frozen=True)
class RowReader(Generic[R]):
    """Reads rows of ``table`` as records; ``entity`` names the table to the list filters."""

    table: Table
    entity: str
    to_record: Callable[[Row[tuple[object, ...]]], R]

    def first(self, session: Session, *conditions: ColumnElement[bool], for_update: bool = False) -> R | None:
        """The first row meeting all ``conditions``, optionally locked until the transaction ends."""
        statement = select(self.table).where(*conditions)
        if for_update:
            statement = statement.with_for_update()
        row = session.execute(statement).first()
        return None if row is None else self.to_record(row)

    def by_db_id(self, session: Session, db_id: int | None) -> R | None:
        return self.first(session, self.table.c.id == db_id)

    def page(self, session: Session, query: ListQuery) -> list[R]:
        statement = apply_query(select(self.table), self.entity, query)
        return [self.to_record(row) for row in session.execute(statement)]
