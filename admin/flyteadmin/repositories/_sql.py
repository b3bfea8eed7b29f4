"""Small helpers shared by the SQLAlchemy repositories: unique inserts, clocks, proto <-> column values."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from google.protobuf.duration_pb2 import Duration
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import Table, func, insert, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from flyteadmin.errors import AlreadyExists
from flyteadmin.repositories.filtering import apply_filters, apply_page, sort_column
from flyteadmin.repositories.records import ListQuery
from flyteidl.admin import common_pb2

M = TypeVar("M", bound=Message)


def utcnow() -> datetime:
    return datetime.now(UTC)


def insert_unique(
    session: Session, table: Table, values: dict[str, Any], conflict_message: str
) -> int | None:
    """Insert one row; a unique-key violation becomes ``AlreadyExists(conflict_message)``.

    The insert runs in a savepoint so that, on Postgres, the surrounding transaction stays usable.
    Returns the generated integer primary key, if the table has one.
    """
    try:
        with session.begin_nested():
            result = session.execute(insert(table).values(**values))
    except IntegrityError as error:
        raise AlreadyExists(conflict_message) from error
    assert isinstance(result, CursorResult)
    keys = result.inserted_primary_key
    if keys is not None and len(keys) == 1 and isinstance(keys[0], int):
        return keys[0]
    return None


def decode(message_type: type[M], data: bytes | None) -> M:
    message = message_type()
    if data:
        message.ParseFromString(data)
    return message


def encode(message: Message) -> bytes:
    return message.SerializeToString(deterministic=True)


def timestamp_or_none(holder: Message, field_name: str) -> datetime | None:
    """The datetime of a Timestamp field, or None if the field is unset."""
    if not holder.HasField(field_name):
        return None
    value = getattr(holder, field_name)
    assert isinstance(value, Timestamp)
    return value.ToDatetime(tzinfo=UTC)


def timestamp_or(holder: Message, field_name: str, default: datetime) -> datetime:
    found = timestamp_or_none(holder, field_name)
    return default if found is None else found


def duration_ns(value: Duration) -> int:
    return value.seconds * 10**9 + value.nanos


def list_named_ids(
    session: Session, table: Table, primary_name: str, query: ListQuery
) -> list[common_pb2.NamedEntityIdentifier]:
    """Distinct (project, domain, name) of ``table`` narrowed by ``query`` (a ListQuery), paged."""
    identity = (table.c.project, table.c.domain, table.c.name)
    statement = apply_filters(select(*identity), primary_name, query).group_by(*identity)
    column = sort_column(primary_name, query)
    if column is not None:
        assert query.sort is not None
        ordered = column if column.key in ("project", "domain", "name") else func.max(column)
        statement = statement.order_by(ordered.asc() if query.sort.ascending else ordered.desc())
    statement = apply_page(statement.order_by(*identity), query)
    return [
        common_pb2.NamedEntityIdentifier(project=row.project, domain=row.domain, name=row.name)
        for row in session.execute(statement)
    ]
