"""Execution tags: an execution's labels (and deprecated tags) as rows, for list filters.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "execution_tags",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("execution_project", sa.String(255), nullable=False),
        sa.Column("execution_domain", sa.String(255), nullable=False),
        sa.Column("execution_name", sa.String(255), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("value", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "execution_project",
            "execution_domain",
            "execution_name",
            "key",
            "value",
            name="execution_tags_identifier",
        ),
    )
    op.create_index("execution_tags_key_value", "execution_tags", ["key", "value"])


def downgrade() -> None:
    op.drop_index("execution_tags_key_value", table_name="execution_tags")
    op.drop_table("execution_tags")
