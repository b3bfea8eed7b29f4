"""Signals: the ``SignalRepository`` interface and its SQLAlchemy implementation.

One row per (execution, signal id): the expected ``LiteralType`` and, once a user set it, the
``Literal`` value (both serialized). Rows are created by the engine when a gate node starts waiting
and updated once by ``SetSignal``.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, and_, select, update
from sqlalchemy.engine import CursorResult, Row
from sqlalchemy.orm import Session

from flyteadmin.errors import NotFound
from flyteadmin.repositories import tables
from flyteadmin.repositories._sql import decode, encode, insert_unique, utcnow
from flyteadmin.repositories.filtering import apply_query
from flyteadmin.repositories.records import ListQuery
from flyteidl.admin import signal_pb2
from flyteidl.core import identifier_pb2, literals_pb2, types_pb2

__all__ = ["SignalRepository", "SqlSignalRepository", "describe_signal"]


def describe_signal(signal_id: identifier_pb2.SignalIdentifier) -> str:
    execution = signal_id.execution_id
    return f"'{signal_id.signal_id}' of execution '{execution.project}/{execution.domain}/{execution.name}'"


class SignalRepository(Protocol):
    def find(self, signal_id: identifier_pb2.SignalIdentifier) -> signal_pb2.Signal | None: ...

    def create(self, signal: signal_pb2.Signal) -> None:
        """Store a new signal (no value yet); ``AlreadyExists`` if it exists."""
        ...

    def set_value(self, signal_id: identifier_pb2.SignalIdentifier, value: literals_pb2.Literal) -> None:
        """Record the value; ``NotFound`` if there is no such signal."""
        ...

    def list_page(self, query: ListQuery) -> list[signal_pb2.Signal]: ...


_S = tables.signals


def _key(signal_id: identifier_pb2.SignalIdentifier) -> ColumnElement[bool]:
    execution = signal_id.execution_id
    return and_(
        _S.c.execution_project == execution.project,
        _S.c.execution_domain == execution.domain,
        _S.c.execution_name == execution.name,
        _S.c.signal_id == signal_id.signal_id,
    )


def _signal(row: Row[tuple[object, ...]]) -> signal_pb2.Signal:
    mapping = row._mapping
    signal = signal_pb2.Signal(
        id=identifier_pb2.SignalIdentifier(
            signal_id=str(mapping["signal_id"]),
            execution_id=identifier_pb2.WorkflowExecutionIdentifier(
                project=str(mapping["execution_project"]),
                domain=str(mapping["execution_domain"]),
                name=str(mapping["execution_name"]),
            ),
        ),
        type=decode(types_pb2.LiteralType, mapping["type"]),
    )
    if mapping["value"] is not None:
        signal.value.CopyFrom(decode(literals_pb2.Literal, mapping["value"]))
    return signal


class SqlSignalRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, signal_id: identifier_pb2.SignalIdentifier) -> signal_pb2.Signal | None:
        row = self._session.execute(select(_S).where(_key(signal_id))).first()
        return None if row is None else _signal(row)

    def create(self, signal: signal_pb2.Signal) -> None:
        now = utcnow()
        execution = signal.id.execution_id
        insert_unique(
            self._session,
            _S,
            {
                "execution_project": execution.project,
                "execution_domain": execution.domain,
                "execution_name": execution.name,
                "signal_id": signal.id.signal_id,
                "type": encode(signal.type),
                "value": encode(signal.value) if signal.HasField("value") else None,
                "created_at": now,
                "updated_at": now,
            },
            f"Signal {describe_signal(signal.id)} already exists.",
        )

    def set_value(self, signal_id: identifier_pb2.SignalIdentifier, value: literals_pb2.Literal) -> None:
        result = self._session.execute(
            update(_S).where(_key(signal_id)).values(value=encode(value), updated_at=utcnow())
        )
        if isinstance(result, CursorResult) and result.rowcount == 0:
            raise NotFound(f"Signal {describe_signal(signal_id)} does not exist.")

    def list_page(self, query: ListQuery) -> list[signal_pb2.Signal]:
        rows = self._session.execute(apply_query(select(_S), "signal", query)).all()
        return [_signal(row) for row in rows]
