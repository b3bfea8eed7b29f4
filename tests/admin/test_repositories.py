"""Repository contract suite: the same behaviour on SQLite and on real Postgres (migrated by Alembic)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from flyteadmin.errors import AlreadyExists, InvalidArgument, NotFound
from flyteadmin.migrations import current_revision, head_revision, upgrade
from flyteadmin.repositories import (
    Database,
    ExecutionRecord,
    LaunchPlanRecord,
    ListQuery,
    NodeExecutionRecord,
    ProjectRecord,
    SortOrder,
    TaskExecutionRecord,
    TaskRecord,
    UserFilter,
    WorkflowRecord,
)
from flyteadmin.repositories.tables import metadata
from flyteidl.admin import (
    common_pb2,
    execution_pb2,
    launch_plan_pb2,
    node_execution_pb2,
    project_pb2,
    task_execution_pb2,
    task_pb2,
)
from flyteidl.core import compiler_pb2, identifier_pb2, interface_pb2
from tests.admin.builders import NODE_PHASE, TASK_PHASE, WF_PHASE, ident, task_spec


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'repo.db'}"
    else:
        url = request.getfixturevalue("postgres_database").sqlalchemy_url
    upgrade(url)
    db = Database(url)
    try:
        yield db
    finally:
        db.dispose()


def test_migrations_create_exactly_the_declared_schema(database: Database) -> None:
    assert current_revision(database.engine) == head_revision()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, metadata) == []
    columns = {c["name"]: c for c in inspect(database.engine).get_columns("flyteworkflows")}
    assert list(columns) == [
        "namespace",
        "name",
        "resource_version",
        "document",
        "completed",
        "created_at",
        "updated_at",
    ]
    assert not any(column["nullable"] for column in columns.values())
    assert inspect(database.engine).get_pk_constraint("flyteworkflows")["constrained_columns"] == [
        "namespace",
        "name",
    ]
    upgrade(database.url)  # idempotent


def test_projects_are_unique_and_listed_in_order(database: Database) -> None:
    with database.unit_of_work(write=True) as uow:
        for name in ("beta", "alpha"):
            uow.projects.create(ProjectRecord(project=project_pb2.Project(id=name, name=name.title())))
    with pytest.raises(AlreadyExists, match="alpha"), database.unit_of_work(write=True) as uow:
        uow.projects.create(ProjectRecord(project=project_pb2.Project(id="alpha", name="again")))
    with database.unit_of_work(write=True) as uow:
        archived = project_pb2.Project(id="beta", name="Beta", state=project_pb2.Project.ARCHIVED)
        archived.labels.values["team"] = "x"
        uow.projects.update(ProjectRecord(project=archived))
        with pytest.raises(NotFound):
            uow.projects.update(ProjectRecord(project=project_pb2.Project(id="ghost", name="g")))
    with database.unit_of_work() as uow:
        listed = uow.projects.list_page(ListQuery(sort=SortOrder("identifier", ascending=True)))
        assert [r.project.id for r in listed] == ["alpha", "beta"]
        beta = uow.projects.get("beta").project
        assert beta.state == project_pb2.Project.ARCHIVED and beta.labels.values["team"] == "x"
        active = uow.projects.list_page(ListQuery(filters=(UserFilter("eq", None, "state", ("0",)),)))
        assert [r.project.id for r in active] == ["alpha"]


def _task(name: str, version: str) -> TaskRecord:
    task_id, spec = task_spec(name, version=version)
    closure = task_pb2.TaskClosure(compiled_task=compiler_pb2.CompiledTask(template=spec.template))
    closure.created_at.FromDatetime(datetime.now(UTC))
    return TaskRecord(id=task_id, closure=closure, digest=f"d-{name}-{version}")


def test_tasks_pages_filters_and_distinct_ids(database: Database) -> None:
    with database.unit_of_work(write=True) as uow:
        for name in ("a.t1", "a.t2"):
            for version in ("v1", "v2", "v3"):
                uow.tasks.create(_task(name, version))
    with pytest.raises(AlreadyExists), database.unit_of_work(write=True) as uow:
        uow.tasks.create(_task("a.t1", "v1"))
    scope: dict[str, object] = {"project": "flytesnacks", "domain": "development"}
    with database.unit_of_work() as uow:
        found = uow.tasks.get(ident(identifier_pb2.TASK, "a.t1", "v2"))
        assert found.closure.compiled_task.template.id.version == "v2"
        with pytest.raises(NotFound, match=r"a\.t9"):
            uow.tasks.get(ident(identifier_pb2.TASK, "a.t9"))
        first = uow.tasks.list_page(ListQuery(scope=scope, sort=SortOrder("version", False), limit=4))
        rest = uow.tasks.list_page(
            ListQuery(scope=scope, sort=SortOrder("version", False), limit=4, offset=4)
        )
        assert [r.id.version for r in first] == ["v3", "v3", "v2", "v2"]
        assert len(rest) == 2
        filtered = uow.tasks.list_page(
            ListQuery(
                scope=scope,
                filters=(
                    UserFilter("value_in", None, "version", ("v1", "v3")),
                    UserFilter("contains", "task", "name", ("t2",)),
                ),
            )
        )
        assert sorted(r.id.version for r in filtered) == ["v1", "v3"]
        ids = uow.tasks.list_ids(ListQuery(scope=scope, limit=1, offset=1))
        assert [i.name for i in ids] == ["a.t2"]
        with pytest.raises(InvalidArgument, match=r"'t\.nope' is invalid filter"):
            uow.tasks.list_page(ListQuery(filters=(UserFilter("eq", None, "nope", ("x",)),)))
        with pytest.raises(InvalidArgument, match="'execution' entity is not allowed"):
            uow.tasks.list_page(ListQuery(filters=(UserFilter("eq", "execution", "phase", ("x",)),)))
        with pytest.raises(InvalidArgument, match="invalid sort key 'nope'"):
            uow.tasks.list_page(ListQuery(sort=SortOrder("nope", True)))


def _workflow_and_plans(database: Database) -> tuple[WorkflowRecord, LaunchPlanRecord, LaunchPlanRecord]:
    with database.unit_of_work(write=True) as uow:
        workflow = uow.workflows.create(
            WorkflowRecord(
                id=ident(identifier_pb2.WORKFLOW, "a.wf"),
                typed_interface=interface_pb2.TypedInterface(),
                closure_uri="file:///closure",
                digest="d",
                created_at=datetime.now(UTC),
            )
        )
        assert workflow.db_id is not None
        plans = [
            uow.launch_plans.create(
                LaunchPlanRecord(
                    id=ident(identifier_pb2.LAUNCH_PLAN, "a.wf", version),
                    spec=launch_plan_pb2.LaunchPlanSpec(workflow_id=workflow.id),
                    closure=launch_plan_pb2.LaunchPlanClosure(),
                    workflow_db_id=workflow.db_id,
                    digest=version,
                )
            )
            for version in ("v1", "v2")
        ]
    return workflow, plans[0], plans[1]


def test_launch_plan_states(database: Database) -> None:
    _, first, second = _workflow_and_plans(database)
    assert first.closure.state == launch_plan_pb2.INACTIVE and first.closure.HasField("created_at")
    name = common_pb2.NamedEntityIdentifier(project="flytesnacks", domain="development", name="a.wf")
    with database.unit_of_work(write=True) as uow:
        assert uow.launch_plans.find_active(name) is None
        assert second.db_id is not None
        uow.launch_plans.set_state(second.db_id, launch_plan_pb2.ACTIVE)
    with database.unit_of_work() as uow:
        active = uow.launch_plans.find_active(name)
        assert (
            active is not None
            and active.id.version == "v2"
            and active.closure.state == launch_plan_pb2.ACTIVE
        )


def _execution(
    name: str, plan: LaunchPlanRecord, workflow: WorkflowRecord, phase: int, created: datetime
) -> ExecutionRecord:
    closure = execution_pb2.ExecutionClosure(phase=phase)  # type: ignore[arg-type]
    closure.created_at.FromDatetime(created)
    closure.updated_at.FromDatetime(created)
    return ExecutionRecord(
        id=identifier_pb2.WorkflowExecutionIdentifier(project="flytesnacks", domain="development", name=name),
        spec=execution_pb2.ExecutionSpec(launch_plan=plan.id),
        closure=closure,
        launch_plan_db_id=plan.db_id,
        workflow_db_id=workflow.db_id,
        task_db_id=None,
    )


def test_executions_filter_through_joins_and_timestamps(database: Database) -> None:
    workflow, first, second = _workflow_and_plans(database)
    base = datetime(2024, 1, 1, tzinfo=UTC)
    with database.unit_of_work(write=True) as uow:
        uow.executions.create(_execution("e1", first, workflow, WF_PHASE.RUNNING, base))
        uow.executions.create(
            _execution("e2", second, workflow, WF_PHASE.SUCCEEDED, base + timedelta(hours=1))
        )
        uow.executions.create(_execution("e3", second, workflow, WF_PHASE.QUEUED, base + timedelta(hours=2)))
    with pytest.raises(AlreadyExists, match="e1"), database.unit_of_work(write=True) as uow:
        uow.executions.create(_execution("e1", first, workflow, WF_PHASE.RUNNING, base))
    with database.unit_of_work() as uow:

        def names(*filters: UserFilter, sort: SortOrder | None = None) -> list[str]:
            return [r.id.name for r in uow.executions.list_page(ListQuery(filters=filters, sort=sort))]

        assert names(UserFilter("value_in", None, "phase", ("RUNNING", "QUEUED"))) == ["e1", "e3"]
        assert names(
            UserFilter("eq", "launch_plan", "version", ("v2",)), sort=SortOrder("execution_created_at", False)
        ) == ["e3", "e2"]
        assert names(UserFilter("gte", None, "execution_created_at", ("2024-01-01T01:00:00Z",))) == [
            "e2",
            "e3",
        ]
        assert names(
            UserFilter("eq", "workflow", "name", ("a.wf",)), UserFilter("eq", None, "execution_name", ("e2",))
        ) == ["e2"]
        record = uow.executions.get(
            identifier_pb2.WorkflowExecutionIdentifier(
                project="flytesnacks", domain="development", name="e1"
            ),
            for_update=True,
        )
    closure = execution_pb2.ExecutionClosure()
    closure.CopyFrom(record.closure)
    closure.phase = WF_PHASE.FAILED
    closure.error.code = "USER:Boom"
    closure.duration.FromTimedelta(timedelta(seconds=90))
    with database.unit_of_work(write=True) as uow:
        uow.executions.update(ExecutionRecord(**{**record.__dict__, "closure": closure}))
    with database.unit_of_work() as uow:
        failed = uow.executions.list_page(ListQuery(filters=(UserFilter("gt", None, "duration", ("1m",)),)))
        assert [(r.id.name, r.closure.error.code) for r in failed] == [("e1", "USER:Boom")]


def test_node_and_task_executions(database: Database) -> None:
    workflow, first, _ = _workflow_and_plans(database)
    with database.unit_of_work(write=True) as uow:
        execution = uow.executions.create(
            _execution("e1", first, workflow, WF_PHASE.RUNNING, datetime.now(UTC))
        )
        node_id = identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=execution.id)
        parent = uow.node_executions.create(
            NodeExecutionRecord(
                id=node_id,
                closure=node_execution_pb2.NodeExecutionClosure(phase=NODE_PHASE.RUNNING),
                metadata=node_execution_pb2.NodeExecutionMetaData(is_parent_node=True),
            )
        )
        uow.node_executions.create(
            NodeExecutionRecord(
                id=identifier_pb2.NodeExecutionIdentifier(node_id="n0-0-x", execution_id=execution.id),
                closure=node_execution_pb2.NodeExecutionClosure(phase=NODE_PHASE.QUEUED),
                metadata=node_execution_pb2.NodeExecutionMetaData(),
                parent_db_id=parent.db_id,
            )
        )
        task_id = ident(identifier_pb2.TASK, "a.t1")
        for attempt in (0, 1):
            uow.task_executions.create(
                TaskExecutionRecord(
                    id=identifier_pb2.TaskExecutionIdentifier(
                        task_id=task_id, node_execution_id=node_id, retry_attempt=attempt
                    ),
                    closure=task_execution_pb2.TaskExecutionClosure(phase=TASK_PHASE.RUNNING),
                    phase_version=attempt,
                )
            )
    with pytest.raises(AlreadyExists), database.unit_of_work(write=True) as uow:
        uow.node_executions.create(
            NodeExecutionRecord(
                id=node_id,
                closure=node_execution_pb2.NodeExecutionClosure(),
                metadata=node_execution_pb2.NodeExecutionMetaData(),
            )
        )
    with database.unit_of_work() as uow:
        top = uow.node_executions.list_page(
            ListQuery(scope={"parent_id": None, "parent_task_execution_id": None})
        )
        children = uow.node_executions.list_page(ListQuery(scope={"parent_id": parent.db_id}))
        assert [r.id.node_id for r in top] == ["n0"] and [r.id.node_id for r in children] == ["n0-0-x"]
        assert top[0].metadata.is_parent_node
        attempts = uow.task_executions.list_page(
            ListQuery(scope={"node_id": "n0"}, filters=(UserFilter("eq", None, "retry_attempt", ("1",)),))
        )
        assert [(a.id.retry_attempt, a.phase_version) for a in attempts] == [(1, 1)]
        joined = uow.task_executions.list_page(
            ListQuery(filters=(UserFilter("eq", "execution", "phase", ("RUNNING",)),))
        )
        assert len(joined) == 2
