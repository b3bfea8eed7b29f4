"""The throwaway Postgres answers over TCP: psycopg and SQLAlchemy (psycopg 3 driver) in a fresh database."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa

from tests.services.postgres import PostgresDatabase, PostgresServer

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


def test_psycopg_writes_and_reads_over_tcp(postgres_database: PostgresDatabase) -> None:
    with psycopg.connect(postgres_database.dsn, connect_timeout=10) as conn:
        assert conn.info.host == "127.0.0.1"
        assert conn.execute("select current_database()").fetchone() == (postgres_database.name,)
        conn.execute("create table executions (name text primary key, phase text not null)")
        conn.execute(
            "insert into executions (name, phase) values (%s, %s), (%s, %s)",
            ("a1", "RUNNING", "a2", "SUCCEEDED"),
        )
        conn.commit()

    with psycopg.connect(postgres_database.dsn, connect_timeout=10) as conn:
        rows = conn.execute("select name, phase from executions order by name").fetchall()
    assert rows == [("a1", "RUNNING"), ("a2", "SUCCEEDED")]


def test_each_test_gets_an_empty_database(postgres_database: PostgresDatabase) -> None:
    # The table of the previous test lives in another database, dropped by now.
    with psycopg.connect(postgres_database.dsn, connect_timeout=10) as conn:
        tables = conn.execute("select tablename from pg_tables where schemaname = 'public'").fetchall()
    assert tables == []


def test_sqlalchemy_with_psycopg_driver(postgres_database: PostgresDatabase) -> None:
    assert postgres_database.sqlalchemy_url.startswith("postgresql+psycopg://")
    metadata = sa.MetaData()
    tasks = sa.Table(
        "tasks",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("spec", sa.JSON, nullable=False),
    )
    engine = sa.create_engine(postgres_database.sqlalchemy_url)
    try:
        metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(
                sa.insert(tasks), [{"name": "t1", "spec": {"retries": 3}}, {"name": "t2", "spec": {}}]
            )
        with engine.connect() as conn:
            rows = conn.execute(sa.select(tasks.c.name, tasks.c.spec).order_by(tasks.c.name)).all()
            assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [("t1", {"retries": 3}), ("t2", {})]


def test_server_dsn_names_the_database(postgres_server: PostgresServer) -> None:
    assert postgres_server.dsn("flyteadmin") == (
        f"postgresql://postgres@127.0.0.1:{postgres_server.port}/flyteadmin"
    )
    with psycopg.connect(postgres_server.dsn(), connect_timeout=10) as conn:
        (version,) = conn.execute("show server_version_num").fetchone() or (None,)
        (fsync,) = conn.execute("show fsync").fetchone() or (None,)
    assert int(version) >= 130000  # DROP DATABASE ... WITH (FORCE) needs 13+
    assert fsync == "off"
