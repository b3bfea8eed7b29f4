"""Initial admin schema: projects, registered entities, executions, events' tables and the local
backend's ``flyteworkflows`` table.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _identity() -> list[sa.Column[object]]:
    return [
        sa.Column("project", sa.String(255), nullable=False),
        sa.Column("domain", sa.String(255), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("version", sa.String(255), nullable=False),
    ]


def _execution_key() -> list[sa.Column[object]]:
    return [
        sa.Column("execution_project", sa.String(255), nullable=False),
        sa.Column("execution_domain", sa.String(255), nullable=False),
        sa.Column("execution_name", sa.String(255), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("identifier", sa.String(63), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("labels", sa.LargeBinary, nullable=True),
        sa.Column("state", sa.Integer, nullable=False),
        *_timestamps(),
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *_identity(),
        sa.Column("closure", sa.LargeBinary, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("type", sa.String(255), nullable=False),
        sa.Column("short_description", sa.String(255), nullable=False),
        *_timestamps(),
        sa.UniqueConstraint("project", "domain", "name", "version", name="tasks_identifier"),
    )
    op.create_table(
        "workflows",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *_identity(),
        sa.Column("typed_interface", sa.LargeBinary, nullable=False),
        sa.Column("remote_closure_identifier", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("short_description", sa.String(255), nullable=False),
        *_timestamps(),
        sa.UniqueConstraint("project", "domain", "name", "version", name="workflows_identifier"),
    )
    op.create_table(
        "launch_plans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *_identity(),
        sa.Column("spec", sa.LargeBinary, nullable=False),
        sa.Column("closure", sa.LargeBinary, nullable=False),
        sa.Column("workflow_id", sa.Integer, sa.ForeignKey("workflows.id"), nullable=False),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("schedule_type", sa.String(16), nullable=False),
        *_timestamps(),
        sa.UniqueConstraint("project", "domain", "name", "version", name="launch_plans_identifier"),
    )
    op.create_table(
        "named_entity_metadata",
        sa.Column("resource_type", sa.Integer, primary_key=True),
        sa.Column("project", sa.String(255), primary_key=True),
        sa.Column("domain", sa.String(255), primary_key=True),
        sa.Column("name", sa.String(255), primary_key=True),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("state", sa.Integer, nullable=False),
        *_timestamps(),
    )
    op.create_table(
        "executions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *_execution_key(),
        sa.Column("launch_plan_id", sa.Integer, sa.ForeignKey("launch_plans.id"), nullable=True),
        sa.Column("workflow_id", sa.Integer, sa.ForeignKey("workflows.id"), nullable=True),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("tasks.id"), nullable=True),
        sa.Column("phase", sa.String(32), nullable=False),
        sa.Column("spec", sa.LargeBinary, nullable=False),
        sa.Column("closure", sa.LargeBinary, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("execution_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("execution_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration", sa.BigInteger, nullable=False),
        sa.Column("abort_cause", sa.Text, nullable=False),
        sa.Column("mode", sa.Integer, nullable=False),
        sa.Column("cluster", sa.String(255), nullable=False),
        sa.Column("inputs_uri", sa.Text, nullable=False),
        sa.Column("user_inputs_uri", sa.Text, nullable=False),
        sa.Column("error_kind", sa.String(16), nullable=True),
        sa.Column("error_code", sa.String(255), nullable=True),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("launch_entity", sa.String(16), nullable=False),
        *_timestamps(),
        sa.UniqueConstraint(
            "execution_project", "execution_domain", "execution_name", name="executions_identifier"
        ),
    )
    op.create_table(
        "task_executions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *_identity(),
        *_execution_key(),
        sa.Column("node_id", sa.String(255), nullable=False),
        sa.Column("retry_attempt", sa.Integer, nullable=False),
        sa.Column("phase", sa.String(32), nullable=False),
        sa.Column("phase_version", sa.Integer, nullable=False),
        sa.Column("input_uri", sa.Text, nullable=False),
        sa.Column("closure", sa.LargeBinary, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("task_execution_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("task_execution_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration", sa.BigInteger, nullable=False),
        *_timestamps(),
        sa.UniqueConstraint(
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
    op.create_table(
        "node_executions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *_execution_key(),
        sa.Column("node_id", sa.String(255), nullable=False),
        sa.Column("phase", sa.String(32), nullable=False),
        sa.Column("input_uri", sa.Text, nullable=False),
        sa.Column("closure", sa.LargeBinary, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("node_execution_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("node_execution_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration", sa.BigInteger, nullable=False),
        sa.Column("node_execution_metadata", sa.LargeBinary, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("node_executions.id"), nullable=True),
        sa.Column("parent_task_execution_id", sa.Integer, sa.ForeignKey("task_executions.id"), nullable=True),
        sa.Column("error_kind", sa.String(16), nullable=True),
        sa.Column("error_code", sa.String(255), nullable=True),
        sa.Column("cache_status", sa.String(32), nullable=True),
        sa.Column("event_version", sa.Integer, nullable=False),
        *_timestamps(),
        sa.UniqueConstraint(
            "execution_project",
            "execution_domain",
            "execution_name",
            "node_id",
            name="node_executions_identifier",
        ),
    )
    op.create_table(
        "flyteworkflows",
        sa.Column("namespace", sa.String(253), nullable=False),
        sa.Column("name", sa.String(253), nullable=False),
        sa.Column("resource_version", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("completed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("namespace", "name"),
    )


def downgrade() -> None:
    for table in (
        "flyteworkflows",
        "node_executions",
        "task_executions",
        "executions",
        "named_entity_metadata",
        "launch_plans",
        "workflows",
        "tasks",
        "projects",
    ):
        op.drop_table(table)
