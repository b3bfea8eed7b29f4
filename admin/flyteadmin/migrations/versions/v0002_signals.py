"""Signals: the values gate nodes (``wait_for_input``, ``approve``) wait for.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "signals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("execution_project", sa.String(255), nullable=False),
        sa.Column("execution_domain", sa.String(255), nullable=False),
        sa.Column("execution_name", sa.String(255), nullable=False),
        sa.Column("signal_id", sa.String(255), nullable=False),
        sa.Column("type", sa.LargeBinary, nullable=False),
        sa.Column("value", sa.LargeBinary, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "execution_project", "execution_domain", "execution_name", "signal_id", name="signals_identifier"
        ),
    )


def downgrade() -> None:
    op.drop_table("signals")
