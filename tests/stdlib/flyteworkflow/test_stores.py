"""The SQL workflow store behaves like the Kubernetes API for FlyteWorkflow objects.

One contract, run on a real SQLite file and (integration) on a real Postgres database.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from flyteidl.core import identifier_pb2, literals_pb2
from flytestdlib.errors import AlreadyExists, Conflict, NotFound
from flytestdlib.flyteworkflow import (
    FINALIZER,
    SqlWorkflowStore,
    WorkflowPhase,
    build_flyteworkflow,
    flyteworkflows_metadata,
)
from tests.stdlib.flyteworkflow.closures import chain_closure, task_template


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'flyte.db'}"
    else:
        url = request.getfixturevalue("postgres_database").sqlalchemy_url
    engine = sa.create_engine(url)
    flyteworkflows_metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: sa.Engine) -> SqlWorkflowStore:
    return SqlWorkflowStore(engine)


def document(name: str = "abc") -> dict[str, Any]:
    return build_flyteworkflow(
        chain_closure([task_template("p", "d", "t", ["true"])], project="p", domain="d"),
        execution_id=identifier_pb2.WorkflowExecutionIdentifier(project="p", domain="d", name=name),
        inputs=literals_pb2.LiteralMap(),
        launch_plan_id=identifier_pb2.Identifier(
            resource_type=identifier_pb2.LAUNCH_PLAN, project="p", domain="d", name="lp", version="v"
        ),
        namespace="p-d",
        raw_output_prefix="file:///raw",
    )


def test_create_then_get_returns_the_document_with_a_resource_version(store: SqlWorkflowStore) -> None:
    created = store.create(document())
    assert created["metadata"]["resourceVersion"] == "1"
    fetched = store.get("p-d", "abc")
    assert fetched == created
    assert store.find("p-d", "missing") is None
    with pytest.raises(NotFound, match="p-d/missing"):
        store.get("p-d", "missing")


def test_create_twice_is_already_exists(store: SqlWorkflowStore) -> None:
    store.create(document())
    with pytest.raises(AlreadyExists, match="p-d/abc"):
        store.create(document())


def test_update_is_optimistic_and_bumps_the_version(store: SqlWorkflowStore) -> None:
    first = store.create(document())
    stale = copy.deepcopy(first)
    first["status"]["phase"] = int(WorkflowPhase.RUNNING)
    second = store.update(first)
    assert second["metadata"]["resourceVersion"] == "2"
    assert store.get("p-d", "abc")["status"]["phase"] == 1
    with pytest.raises(Conflict, match="resourceVersion '1' but the stored one is '2'"):
        store.update(stale)


def test_list_active_skips_terminal_workflows(store: SqlWorkflowStore) -> None:
    store.create(document("a"))
    done = store.create(document("b"))
    done["status"]["phase"] = int(WorkflowPhase.SUCCESS)
    store.update(done)
    assert [d["metadata"]["name"] for d in store.list_active()] == ["a"]


def test_delete_with_finalizer_marks_then_finalizer_removal_deletes(store: SqlWorkflowStore) -> None:
    store.create(document())
    store.delete("p-d", "abc")
    marked = store.get("p-d", "abc")
    assert marked["metadata"]["deletionTimestamp"]
    assert [d["metadata"]["name"] for d in store.list_active()] == ["abc"]
    marked["metadata"]["finalizers"] = [f for f in marked["metadata"]["finalizers"] if f != FINALIZER]
    marked["status"]["phase"] = int(WorkflowPhase.ABORTED)
    store.update(marked)
    assert store.find("p-d", "abc") is None


def test_delete_without_finalizer_removes_and_missing_is_not_found(store: SqlWorkflowStore) -> None:
    doc = document()
    doc["metadata"].pop("finalizers")
    store.create(doc)
    store.delete("p-d", "abc")
    assert store.find("p-d", "abc") is None
    with pytest.raises(NotFound):
        store.delete("p-d", "abc")
