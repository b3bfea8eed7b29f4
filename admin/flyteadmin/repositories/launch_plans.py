"""Launch plans: the ``LaunchPlanRepository`` interface and its SQLAlchemy implementation.

Launch plans are immutable except for their state (ACTIVE/INACTIVE); at most one version per
(project, domain, name) is ACTIVE, which the service maintains through ``set_state``. On read the
closure's ``state``, ``created_at`` and ``updated_at`` mirror the row, as in Flyte.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select, update
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
from flyteadmin.repositories.records import LaunchPlanRecord, ListQuery
from flyteadmin.repositories.tasks import describe_identifier
from flyteidl.admin import common_pb2, launch_plan_pb2
from flyteidl.core import identifier_pb2

__all__ = ["LaunchPlanRepository", "SqlLaunchPlanRepository"]


class LaunchPlanRepository(Protocol):
    def create(self, record: LaunchPlanRecord) -> LaunchPlanRecord:
        """Store a new launch plan version; ``AlreadyExists`` if the id is taken."""
        ...

    def find(self, identifier: identifier_pb2.Identifier) -> LaunchPlanRecord | None: ...

    def get(self, identifier: identifier_pb2.Identifier) -> LaunchPlanRecord: ...

    def find_by_db_id(self, db_id: int) -> LaunchPlanRecord | None: ...

    def find_active(self, identifier: common_pb2.NamedEntityIdentifier) -> LaunchPlanRecord | None:
        """The ACTIVE version of launch plan project/domain/name, if any."""
        ...

    def set_state(self, db_id: int, state: int) -> None: ...

    def list_page(self, query: ListQuery) -> list[LaunchPlanRecord]: ...

    def list_ids(self, query: ListQuery) -> list[common_pb2.NamedEntityIdentifier]: ...


_L = tables.launch_plans


def _record(row: Row[tuple[object, ...]]) -> LaunchPlanRecord:
    mapping = row._mapping
    closure = decode(launch_plan_pb2.LaunchPlanClosure, mapping["closure"])
    closure.state = mapping["state"]
    closure.created_at.FromDatetime(mapping["created_at"])
    closure.updated_at.FromDatetime(mapping["updated_at"])
    return LaunchPlanRecord(
        id=versioned_identifier(mapping, identifier_pb2.LAUNCH_PLAN),
        spec=decode(launch_plan_pb2.LaunchPlanSpec, mapping["spec"]),
        closure=closure,
        workflow_db_id=mapping["workflow_id"],
        digest=mapping["digest"],
        state=mapping["state"],
        db_id=mapping["id"],
    )


_ROWS = RowReader(_L, "launch_plan", _record)


def _schedule_type(spec: launch_plan_pb2.LaunchPlanSpec) -> str:
    schedule = spec.entity_metadata.schedule
    kind = schedule.WhichOneof("ScheduleExpression")
    if kind == "rate":
        return "RATE"
    if kind in ("cron_schedule", "cron_expression"):
        return "CRON"
    return "NONE"


class SqlLaunchPlanRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, record: LaunchPlanRecord) -> LaunchPlanRecord:
        now = utcnow()
        closure = launch_plan_pb2.LaunchPlanClosure()
        closure.CopyFrom(record.closure)
        for transient in ("state", "created_at", "updated_at"):
            closure.ClearField(transient)
        db_id = insert_unique(
            self._session,
            _L,
            {
                **versioned_key(record.id),
                "spec": encode(record.spec),
                "closure": encode(closure),
                "workflow_id": record.workflow_db_id,
                "state": record.state,
                "digest": record.digest,
                "schedule_type": _schedule_type(record.spec),
                "created_at": now,
                "updated_at": now,
            },
            f"Launch plan {describe_identifier(record.id)} already exists; register a new version.",
        )
        assert db_id is not None
        found = self.find_by_db_id(db_id)
        assert found is not None
        return found

    def find(self, identifier: identifier_pb2.Identifier) -> LaunchPlanRecord | None:
        return _ROWS.first(self._session, *where_key(_L, versioned_key(identifier)))

    def get(self, identifier: identifier_pb2.Identifier) -> LaunchPlanRecord:
        return found_or_raise(
            self.find(identifier),
            f"missing entity of type LAUNCH_PLAN with identifier {describe_identifier(identifier)}; "
            "register the launch plan first.",
        )

    def find_by_db_id(self, db_id: int) -> LaunchPlanRecord | None:
        return _ROWS.by_db_id(self._session, db_id)

    def find_active(self, identifier: common_pb2.NamedEntityIdentifier) -> LaunchPlanRecord | None:
        row = self._session.execute(
            select(_L)
            .where(
                _L.c.project == identifier.project,
                _L.c.domain == identifier.domain,
                _L.c.name == identifier.name,
                _L.c.state == launch_plan_pb2.ACTIVE,
            )
            .order_by(_L.c.updated_at.desc())
        ).first()
        return None if row is None else _record(row)

    def set_state(self, db_id: int, state: int) -> None:
        self._session.execute(update(_L).where(_L.c.id == db_id).values(state=state, updated_at=utcnow()))

    def list_page(self, query: ListQuery) -> list[LaunchPlanRecord]:
        return _ROWS.page(self._session, query)

    def list_ids(self, query: ListQuery) -> list[common_pb2.NamedEntityIdentifier]:
        return list_named_ids(self._session, _L, "launch_plan", query)
