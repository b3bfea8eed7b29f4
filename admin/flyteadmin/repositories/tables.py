"""The admin database schema as SQLAlchemy Core tables (the Alembic migrations create the same).

Column names follow Flyte's admin tables, because they are user-visible: list filters and sort keys
name them (``eq(phase,SUCCEEDED)``, ``sort_by.key=created_at``). Protobuf payloads (closures, specs)
are stored as serialized bytes; the columns next to them are denormalized copies used for filtering.
Phases are stored as enum *names*. All timestamps are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "UtcDateTime",
    "execution_tags",
    "executions",
    "flyteworkflows",
    "launch_plans",
    "metadata",
    "named_entity_metadata",
    "node_executions",
    "projects",
    "signals",
    "task_executions",
    "tasks",
    "workflows",
]


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite keeps naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column; attach a timezone first")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()


def _timestamps() -> list[Column[Any]]:
    return [
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
    ]


def _identity() -> list[Column[Any]]:
    """The key of a registered entity version (tasks, workflows, launch plans, a task execution's task)."""
    return [Column(name, String(255), nullable=False) for name in ("project", "domain", "name", "version")]


def _execution_key() -> list[Column[Any]]:
    """The key of the workflow execution a row belongs to."""
    return [
        Column(name, String(255), nullable=False)
        for name in ("execution_project", "execution_domain", "execution_name")
    ]


projects = Table(
    "projects",
    metadata,
    Column("identifier", String(63), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("description", String(300), nullable=False, default=""),
    Column("labels", LargeBinary, nullable=True),
    Column("state", Integer, nullable=False, default=0),
    *_timestamps(),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_identity(),
    Column("closure", LargeBinary, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("type", String(255), nullable=False),
    Column("short_description", String(255), nullable=False, default=""),
    *_timestamps(),
    UniqueConstraint("project", "domain", "name", "version", name="tasks_identifier"),
)

workflows = Table(
    "workflows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_identity(),
    Column("typed_interface", LargeBinary, nullable=False),
    Column("remote_closure_identifier", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("short_description", String(255), nullable=False, default=""),
    *_timestamps(),
    UniqueConstraint("project", "domain", "name", "version", name="workflows_identifier"),
)

launch_plans = Table(
    "launch_plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_identity(),
    Column("spec", LargeBinary, nullable=False),
    Column("closure", LargeBinary, nullable=False),
    Column("workflow_id", Integer, ForeignKey("workflows.id"), nullable=False),
    Column("state", Integer, nullable=False, default=0),
    Column("digest", String(64), nullable=False),
    Column("schedule_type", String(16), nullable=False, default="NONE"),
    *_timestamps(),
    UniqueConstraint("project", "domain", "name", "version", name="launch_plans_identifier"),
)

named_entity_metadata = Table(
    "named_entity_metadata",
    metadata,
    Column("resource_type", Integer, primary_key=True),
    Column("project", String(255), primary_key=True),
    Column("domain", String(255), primary_key=True),
    Column("name", String(255), primary_key=True),
    Column("description", String(300), nullable=False, default=""),
    Column("state", Integer, nullable=False, default=0),
    *_timestamps(),
)

executions = Table(
    "executions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_execution_key(),
    Column("launch_plan_id", Integer, ForeignKey("launch_plans.id"), nullable=True),
    Column("workflow_id", Integer, ForeignKey("workflows.id"), nullable=True),
    Column("task_id", Integer, ForeignKey("tasks.id"), nullable=True),
    Column("phase", String(32), nullable=False),
    Column("spec", LargeBinary, nullable=False),
    Column("closure", LargeBinary, nullable=False),
    Column("started_at", UtcDateTime, nullable=True),
    Column("execution_created_at", UtcDateTime, nullable=False),
    Column("execution_updated_at", UtcDateTime, nullable=False),
    Column("duration", BigInteger, nullable=False, default=0),
    Column("abort_cause", Text, nullable=False, default=""),
    Column("mode", Integer, nullable=False, default=0),
    Column("cluster", String(255), nullable=False, default=""),
    Column("inputs_uri", Text, nullable=False, default=""),
    Column("user_inputs_uri", Text, nullable=False, default=""),
    Column("error_kind", String(16), nullable=True),
    Column("error_code", String(255), nullable=True),
    Column("user", String(255), nullable=False, default=""),
    Column("state", Integer, nullable=False, default=0),
    Column("launch_entity", String(16), nullable=False, default="launch_plan"),
    *_timestamps(),
    UniqueConstraint("execution_project", "execution_domain", "execution_name", name="executions_identifier"),
)

node_executions = Table(
    "node_executions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_execution_key(),
    Column("node_id", String(255), nullable=False),
    Column("phase", String(32), nullable=False),
    Column("input_uri", Text, nullable=False, default=""),
    Column("closure", LargeBinary, nullable=False),
    Column("started_at", UtcDateTime, nullable=True),
    Column("node_execution_created_at", UtcDateTime, nullable=False),
    Column("node_execution_updated_at", UtcDateTime, nullable=False),
    Column("duration", BigInteger, nullable=False, default=0),
    Column("node_execution_metadata", LargeBinary, nullable=False),
    Column("parent_id", Integer, ForeignKey("node_executions.id"), nullable=True),
    Column("parent_task_execution_id", Integer, ForeignKey("task_executions.id"), nullable=True),
    Column("error_kind", String(16), nullable=True),
    Column("error_code", String(255), nullable=True),
    Column("cache_status", String(32), nullable=True),
    Column("event_version", Integer, nullable=False, default=0),
    *_timestamps(),
    UniqueConstraint(
        "execution_project",
        "execution_domain",
        "execution_name",
        "node_id",
        name="node_executions_identifier",
    ),
)

task_executions = Table(
    "task_executions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_identity(),
    *_execution_key(),
    Column("node_id", String(255), nullable=False),
    Column("retry_attempt", Integer, nullable=False),
    Column("phase", String(32), nullable=False),
    Column("phase_version", Integer, nullable=False, default=0),
    Column("input_uri", Text, nullable=False, default=""),
    Column("closure", LargeBinary, nullable=False),
    Column("started_at", UtcDateTime, nullable=True),
    Column("task_execution_created_at", UtcDateTime, nullable=False),
    Column("task_execution_updated_at", UtcDateTime, nullable=False),
    Column("duration", BigInteger, nullable=False, default=0),
    *_timestamps(),
    UniqueConstraint(
        "project",
        "domain",
        "name",
        "version",
        "execution_project",
        "execution_domain",
        "execution_name",
        "node_id",
        "retry_attempt",
        name="task_executions_identifier",
    ),
)

# One row per label of an execution (key, value) and per entry of its deprecated ``spec.tags``
# (value ""): what ``execution_tag.key`` / ``execution_tag.value`` / ``admin_tag.name`` filter on.
execution_tags = Table(
    "execution_tags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_execution_key(),
    Column("key", String(255), nullable=False),
    Column("value", String(255), nullable=False, default=""),
    *_timestamps(),
    UniqueConstraint(
        "execution_project",
        "execution_domain",
        "execution_name",
        "key",
        "value",
        name="execution_tags_identifier",
    ),
    Index("execution_tags_key_value", "key", "value"),
)

# Values gate nodes wait for: created by the engine (GetOrCreateSignal), set by users (SetSignal).
signals = Table(
    "signals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_execution_key(),
    Column("signal_id", String(255), nullable=False),
    Column("type", LargeBinary, nullable=False),
    Column("value", LargeBinary, nullable=True),
    *_timestamps(),
    UniqueConstraint(
        "execution_project", "execution_domain", "execution_name", "signal_id", name="signals_identifier"
    ),
)

# The local backend's WorkflowStore table (flytestdlib.flyteworkflow.SqlWorkflowStore reads and
# writes it; admin only owns its schema). Keep exactly in step with the migration.
flyteworkflows = Table(
    "flyteworkflows",
    metadata,
    Column("namespace", String(253), primary_key=True),
    Column("name", String(253), primary_key=True),
    Column("resource_version", Integer, nullable=False),
    Column("document", Text, nullable=False),
    Column("completed", Boolean, nullable=False, server_default=false()),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
