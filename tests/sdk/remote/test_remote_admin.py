"""FlyteRemote against a real admin: registration, fetching, uploads and starting executions.

No engine runs here, so executions stay where admin puts them at creation; the tests in
``test_remote_platform.py`` run them to completion.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2
from flytekit.errors import (
    FlyteAssertion,
    FlyteEntityNotExistException,
    FlyteInvalidInputException,
    FlyteTimeout,
)
from flytekit.remote import FlyteLaunchPlan, FlyteRemote, FlyteTask, FlyteWorkflow
from flytekit.remote.literals import LiteralsResolver
from flytekit.tools.fast_registration import FastPackageOptions
from tests.sdk.remote.platform import DOMAIN, HELLO, PROJECT, RunningAdmin, UserProject

pytestmark = pytest.mark.integration


@pytest.fixture
def remote(admin: RunningAdmin) -> FlyteRemote:
    return admin.remote()


def _register_hello(remote: FlyteRemote, user_project: UserProject, version: str = "v1") -> FlyteWorkflow:
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    return remote.register_workflow(module.wf, version=version)


def test_register_workflow_registers_tasks_workflow_and_default_launch_plan(
    remote: FlyteRemote, user_project: UserProject
) -> None:
    workflow = _register_hello(remote, user_project)
    name = user_project.module_name("hello")
    assert workflow.id == identifier_pb2.Identifier(
        resource_type=identifier_pb2.WORKFLOW, project=PROJECT, domain=DOMAIN, name=f"{name}.wf", version="v1"
    )
    assert sorted(workflow.interface.inputs.variables) == ["name", "scale", "times", "xs"]
    task = remote.fetch_task(name=f"{name}.say", version="v1")
    assert isinstance(task, FlyteTask)
    assert task.template.type == "python-task"
    launch_plan = remote.fetch_launch_plan(name=f"{name}.wf", version="v1")
    assert isinstance(launch_plan, FlyteLaunchPlan)
    assert launch_plan.workflow_id.name == f"{name}.wf"
    assert launch_plan.default_inputs.parameters["name"].default.scalar.primitive.string_value == "bob"


def test_fetch_without_version_gives_the_latest(remote: FlyteRemote, user_project: UserProject) -> None:
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    remote.register_task(module.say, version="v1")
    remote.register_task(module.say, version="v2")
    latest = remote.fetch_task(name=f"{user_project.module_name('hello')}.say")
    assert latest.version == "v2"


def test_registering_identical_entities_again_is_fine(remote: FlyteRemote, user_project: UserProject) -> None:
    first = _register_hello(remote, user_project)
    again = remote.register_workflow(user_project.load("hello").wf, version="v1")
    assert again.id == first.id


def test_a_changed_entity_under_an_existing_version_is_refused(
    remote: FlyteRemote, user_project: UserProject
) -> None:
    user_project.write("hello", HELLO)
    remote.register_task(user_project.load("hello").say, version="v1")
    user_project.forget()
    user_project.write("hello", HELLO.replace("times: int) -> str", "times: int, extra: int = 0) -> str"))
    with pytest.raises(FlyteInvalidInputException, match="CreateTask failed with INVALID_ARGUMENT"):
        remote.register_task(user_project.load("hello").say, version="v1")


def test_registering_without_a_version_derives_one_from_the_content(
    remote: FlyteRemote, user_project: UserProject
) -> None:
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    first = remote.register_task(module.say)
    second = remote.register_task(module.say)
    assert first.version == second.version
    assert len(first.version) == 22


def test_fetching_a_missing_entity_names_it(remote: FlyteRemote) -> None:
    with pytest.raises(FlyteEntityNotExistException, match=r"No task named 'nowhere\.nothing'"):
        remote.fetch_task(name="nowhere.nothing")
    with pytest.raises(FlyteEntityNotExistException, match="GetWorkflow failed with NOT_FOUND"):
        remote.fetch_workflow(name="nowhere.nothing", version="v9")


def test_upload_file_puts_the_bytes_at_the_native_url(remote: FlyteRemote, tmp_path: Path) -> None:
    file = tmp_path / "data.bin"
    file.write_bytes(b"\x00payload\xff" * 100)
    md5_bytes, native_url = remote.upload_file(file)
    assert len(md5_bytes) == 16
    assert native_url.startswith("file://") and native_url.endswith("/data.bin")
    assert Path(unquote(urlparse(native_url).path)).read_bytes() == file.read_bytes()


def test_fast_package_uploads_the_code_archive(
    remote: FlyteRemote, user_project: UserProject, admin: RunningAdmin
) -> None:
    user_project.write("hello", HELLO)
    _, native_url = remote.fast_package(user_project.root, options=FastPackageOptions())
    stored = Path(unquote(urlparse(native_url).path))
    assert stored.name.startswith("fast") and stored.name.endswith(".tar.gz")
    assert stored.is_relative_to(admin.data_dir)


def test_execute_converts_inputs_with_the_declared_types(
    remote: FlyteRemote, user_project: UserProject
) -> None:
    workflow = _register_hello(remote, user_project)
    execution = remote.execute(workflow, inputs={"name": "ann", "xs": [4, 5], "scale": 2.0})
    assert execution.id.project == PROJECT and execution.id.domain == DOMAIN
    assert execution.spec.launch_plan.resource_type == identifier_pb2.LAUNCH_PLAN
    assert execution.spec.launch_plan.name == workflow.name
    data = remote.client.get_execution_data(execution.id)
    inputs = LiteralsResolver.from_literal_map(data.full_inputs)
    assert inputs["name"] == "ann"
    assert inputs["xs"] == [4, 5]
    assert inputs.get("scale", as_type=float) == 2.0
    assert inputs["times"] == 2  # the launch plan's default


def test_execute_a_task_and_a_local_entity(remote: FlyteRemote, user_project: UserProject) -> None:
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    execution = remote.execute(module.say, inputs={"name": "x", "times": 1}, version="v3")
    assert execution.spec.launch_plan.resource_type == identifier_pb2.TASK
    assert execution.spec.launch_plan.version == "v3"


def test_unknown_inputs_are_refused_by_name(remote: FlyteRemote, user_project: UserProject) -> None:
    workflow = _register_hello(remote, user_project)
    with pytest.raises(FlyteAssertion, match=r"has no input named 'nam'; its inputs are \['name'"):
        remote.execute(workflow, inputs={"nam": "typo"})


def test_named_executions_are_idempotent(remote: FlyteRemote, user_project: UserProject) -> None:
    workflow = _register_hello(remote, user_project)
    first = remote.execute(workflow, inputs={}, execution_name="same-name-1")
    second = remote.execute(workflow, inputs={}, execution_name="same-name-1")
    assert first.id == second.id
    fetched = remote.fetch_execution(name="same-name-1")
    assert fetched.id == first.id and not fetched.is_done


def test_outputs_of_an_unfinished_execution_are_refused(
    remote: FlyteRemote, user_project: UserProject
) -> None:
    execution = remote.execute(_register_hello(remote, user_project), inputs={})
    with pytest.raises(FlyteAssertion, match="wait for it to finish"):
        _ = execution.outputs
    with pytest.raises(FlyteTimeout, match=r"did not finish within 0\.2s"):
        remote.wait(execution, timeout=0.2, poll_interval=0.05)


def test_terminate_moves_the_execution_to_aborting(remote: FlyteRemote, user_project: UserProject) -> None:
    execution = remote.execute(_register_hello(remote, user_project), inputs={})
    remote.terminate(execution, cause="changed my mind")
    synced = remote.sync(execution)
    assert synced.phase == core_execution_pb2.WorkflowExecution.ABORTING
    assert synced.closure.abort_metadata.cause == "changed my mind"


def test_console_urls(remote: FlyteRemote, admin: RunningAdmin, user_project: UserProject) -> None:
    execution = remote.execute(_register_hello(remote, user_project), inputs={})
    url = remote.generate_console_url(execution)
    assert url == (
        f"http://{admin.endpoint}/console/projects/{PROJECT}/domains/{DOMAIN}/executions/{execution.id.name}"
    )


def test_execute_a_local_named_launch_plan(remote: FlyteRemote, user_project: UserProject) -> None:
    user_project.write(
        "plans",
        HELLO
        + """
    from flytekit import LaunchPlan

    fixed_lp = LaunchPlan.get_or_create(wf, name="PLAN_NAME", fixed_inputs={"times": 3})
    """.replace("PLAN_NAME", f"{user_project.package}_plan"),
    )
    module = user_project.load("plans")
    execution = remote.execute(module.fixed_lp, inputs={"name": "z"}, version="lp1")
    assert execution.spec.launch_plan.name == f"{user_project.package}_plan"
    inputs = LiteralsResolver.from_literal_map(remote.client.get_execution_data(execution.id).full_inputs)
    assert (inputs["name"], inputs["times"]) == ("z", 3)


def test_remote_shortcuts_build_their_config(admin: RunningAdmin) -> None:
    remote = FlyteRemote.for_endpoint(
        admin.endpoint, insecure=True, default_project=PROJECT, default_domain=DOMAIN
    )
    assert remote.config.platform.endpoint == admin.endpoint
    assert remote.client.get_control_plane_version()
    assert [domain.id for domain in remote.client.get_domains()] == ["development", "staging", "production"]
    remote.close()
