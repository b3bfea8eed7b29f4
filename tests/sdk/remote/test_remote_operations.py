"""FlyteRemote beyond execute: signals, flyte:// data, listing, lazy fetches, launch plan state,
node-level sync and backfills -- against a real admin and local propeller."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from flyteidl.admin import launch_plan_pb2, signal_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, literals_pb2, types_pb2
from flytekit.errors import FlyteAssertion
from flytekit.remote import FlyteWorkflow, LiteralsResolver
from flytekit.remote.entities import LazyEntity
from tests.sdk.remote.platform import HELLO, RunningAdmin, RunningPlatform, UserProject

pytestmark = pytest.mark.integration

FILES = """
    import typing
    from flytekit import task, workflow
    from flytekit.types.directory import FlyteDirectory
    from flytekit.types.file import FlyteFile

    @task
    def split(f: FlyteFile, n: int) -> typing.Tuple[FlyteDirectory, int]:
        import os
        os.makedirs("parts", exist_ok=True)
        text = open(f).read()
        for i in range(n):
            with open(f"parts/p{i}.txt", "w") as out:
                out.write(text[i::n])
        return FlyteDirectory("parts"), len(text)

    @workflow
    def wf(f: FlyteFile, n: int = 2) -> typing.Tuple[FlyteDirectory, int]:
        return split(f=f, n=n)

    @task
    def count(d: FlyteDirectory) -> typing.List[str]:
        import os
        root = d.download()
        return sorted(
            os.path.relpath(os.path.join(base, name), root)
            for base, _, names in os.walk(root)
            for name in names
        )
"""


def test_execute_uploads_local_files_and_syncs_nodes_with_data(
    platform: RunningPlatform, user_project: UserProject, tmp_path: Path
) -> None:
    remote = platform.admin.remote()
    user_project.write("files", FILES)
    module = user_project.load("files")
    registered = remote.register_script(module.wf, source_path=str(user_project.root))
    assert isinstance(registered, FlyteWorkflow)
    source = tmp_path / "text.txt"
    source.write_text("abcdef")
    execution = remote.execute(
        registered, inputs={"f": str(source)}, wait=True, execution_name_prefix="files"
    )
    assert execution.id.name.startswith("files-")
    assert execution.is_successful, execution.error
    assert execution.outputs.get("o1", as_type=int) == 6
    assert execution.inputs is not None
    uploaded = execution.inputs.literals["f"].scalar.blob.uri
    assert str(tmp_path) not in uploaded and str(platform.admin.data_dir) in uploaded

    synced = remote.sync(execution, sync_nodes=True)
    node = synced.node_executions["n0"]
    assert node.inputs is not None and node.inputs.get("n", as_type=int) == 2
    assert node.outputs is not None and node.outputs.get("o1", as_type=int) == 6

    data = remote.get(f"flyte://v1/flytesnacks/development/{execution.id.name}/n0/o")
    assert isinstance(data, LiteralsResolver) and sorted(data) == ["o0", "o1"]
    one = remote.get(f"flyte://v1/flytesnacks/development/{execution.id.name}/n0/o/o1")
    assert isinstance(one, literals_pb2.Literal) and one.scalar.primitive.integer == 6
    written = remote.download(data, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out" / "o0").iterdir()) == ["p0.txt", "p1.txt"]
    assert (tmp_path / "out" / "o0" / "p0.txt").read_text() == "ace"
    assert written == [tmp_path / "out" / "o0"]
    with pytest.raises(FlyteAssertion, match="recursive=True"):
        remote.download(data, tmp_path / "out2", recursive=False)
    with pytest.raises(FlyteAssertion, match="empty"):
        remote.get("")

    recent = remote.recent_executions(filters=[f"eq(execution_name,{execution.id.name})"])
    assert [e.id.name for e in recent] == [execution.id.name]

    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("a")
    (folder / "sub" / "b.txt").write_text("b")
    counted = remote.execute(
        remote.register_script(module.count, source_path=str(user_project.root)),
        inputs={"d": str(folder)},
        wait=True,
    )
    assert counted.is_successful, counted.error
    assert counted.outputs["o0"] == ["a.txt", "sub/b.txt"]


def test_signals_through_flyte_remote(platform: RunningPlatform, user_project: UserProject) -> None:
    remote = platform.admin.remote()
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    registered = remote.register_script(module.wf, source_path=str(user_project.root))
    execution = remote.execute(registered, inputs={}, execution_name="gates")
    # The engine declares signals when a gate starts waiting; do what it does.
    for signal_id, simple in (("approve", types_pb2.BOOLEAN), ("count", types_pb2.INTEGER)):
        remote.client.raw._call(
            "signal",
            "GetOrCreateSignal",
            signal_pb2.SignalGetOrCreateRequest(
                id=identifier_pb2.SignalIdentifier(signal_id=signal_id, execution_id=execution.id),
                type=types_pb2.LiteralType(simple=simple),
            ),
            signal_pb2.Signal,
        )
    assert sorted(s.id.signal_id for s in remote.list_signals("gates")) == ["approve", "count"]
    remote.approve("approve", "gates")
    remote.set_input("count", "gates", 5)
    values = {s.id.signal_id: s.value for s in remote.list_signals("gates")}
    assert values["approve"].scalar.primitive.boolean is True
    assert values["count"].scalar.primitive.integer == 5


def test_listing_lazy_fetches_and_launch_plan_state(admin: RunningAdmin, user_project: UserProject) -> None:
    remote = admin.remote()
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    remote.register_workflow(module.wf, version="lv1")
    name = user_project.module_name("hello")
    tasks = remote.list_tasks_by_version("lv1")
    assert {t.name for t in tasks} >= {f"{name}.say", f"{name}.total"}
    lazy = remote.fetch_task_lazy(name=f"{name}.say", version="lv1")
    assert isinstance(lazy, LazyEntity) and not lazy.entity_fetched
    assert lazy.template.id.name == f"{name}.say" and lazy.entity_fetched
    assert remote.fetch_workflow_lazy(name=f"{name}.wf").version == "lv1"
    assert "flytesnacks" in {p.id for p in remote.list_projects()}
    assert {d.id for d in remote.get_domains()} >= {"development"}

    lp_id = identifier_pb2.Identifier(
        resource_type=identifier_pb2.LAUNCH_PLAN,
        project="flytesnacks",
        domain="development",
        name=f"{name}.wf",
        version="lv1",
    )
    remote.activate_launchplan(lp_id)
    active = remote.fetch_active_launchplan(name=f"{name}.wf")
    assert active is not None and active.closure.state == launch_plan_pb2.ACTIVE
    remote.deactivate_launchplan(lp_id)
    assert remote.fetch_active_launchplan(name=f"{name}.wf") is None


def test_launch_backfill_dry_run_and_unscheduled_refusal(
    admin: RunningAdmin, user_project: UserProject
) -> None:
    remote = admin.remote()
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    remote.register_workflow(module.wf, version="bf")
    name = f"{user_project.module_name('hello')}.wf"
    with pytest.raises(FlyteAssertion, match="has no schedule"):
        remote.launch_backfill(
            "flytesnacks", "development", datetime.datetime(2024, 1, 1), datetime.datetime(2024, 1, 3), name
        )
    default = remote.client.get_launch_plan(
        identifier_pb2.Identifier(
            resource_type=identifier_pb2.LAUNCH_PLAN,
            project="flytesnacks",
            domain="development",
            name=name,
            version="bf",
        )
    )
    spec = launch_plan_pb2.LaunchPlanSpec()
    spec.CopyFrom(default.spec)
    spec.entity_metadata.schedule.cron_expression = "0 * * * *"
    ident = identifier_pb2.Identifier()
    ident.CopyFrom(default.id)
    ident.name = f"{name}.hourly"
    remote.client.create_launch_plan(ident, spec)
    generated = remote.launch_backfill(
        "flytesnacks",
        "development",
        datetime.datetime(2024, 1, 1),
        datetime.datetime(2024, 1, 1, 5),
        ident.name,
        dry_run=True,
        parallel=True,
    )
    assert isinstance(generated, workflow_pb2.WorkflowSpec)
    assert [node.metadata.name for node in generated.template.nodes] == [
        f"b-2024-01-01 0{hour}:00:00" for hour in range(1, 5)
    ]
    assert not generated.template.nodes[0].inputs  # no kickoff-time input declared
    with pytest.raises(FlyteAssertion, match="widen the window"):
        remote.launch_backfill(
            "flytesnacks",
            "development",
            datetime.datetime(2024, 1, 1, 0, 10),
            datetime.datetime(2024, 1, 1, 0, 50),
            ident.name,
            dry_run=True,
        )
