"""Registration over gRPC against a running admin: projects, tasks, workflows, launch plans."""

from __future__ import annotations

import grpc  # type: ignore[import-untyped]
import pytest
from google.rpc import status_pb2  # type: ignore[import-untyped]

from flyteidl.admin import common_pb2, launch_plan_pb2, project_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2
from tests.admin.builders import DOMAIN, PROJECT, ident, launch_plan_spec, task_spec, two_step_workflow
from tests.admin.conftest import RunningAdmin


def rpc_error(call: object, *args: object) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as failure:
        call(*args)  # type: ignore[operator]
    return failure.value


def status_details(error: grpc.RpcError) -> list[object]:
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status()
            status.ParseFromString(value)
            return list(status.details)
    return []


def register_basics(admin: RunningAdmin, name: str = "mod.wf") -> tuple[identifier_pb2.Identifier, ...]:
    task_id, task = task_spec("mod.add")
    admin.admin.CreateTask(task_pb2.TaskCreateRequest(id=task_id, spec=task))
    workflow_id, workflow = two_step_workflow(name, task_id)
    admin.admin.CreateWorkflow(workflow_pb2.WorkflowCreateRequest(id=workflow_id, spec=workflow))
    launch_plan_id, plan = launch_plan_spec(name, workflow_id)
    admin.admin.CreateLaunchPlan(launch_plan_pb2.LaunchPlanCreateRequest(id=launch_plan_id, spec=plan))
    return task_id, workflow_id, launch_plan_id


def test_projects_and_domains(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    domains = stub.GetDomains(project_pb2.GetDomainRequest()).domains
    assert [d.id for d in domains] == ["development", "staging", "production"]
    stub.RegisterProject(
        project_pb2.ProjectRegisterRequest(project=project_pb2.Project(id="alpha", name="Alpha"))
    )
    error = rpc_error(
        stub.RegisterProject,
        project_pb2.ProjectRegisterRequest(project=project_pb2.Project(id="alpha", name="A")),
    )
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    error = rpc_error(
        stub.RegisterProject,
        project_pb2.ProjectRegisterRequest(project=project_pb2.Project(id="Bad_Id", name="x")),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "project_id" in error.details()
    projects = stub.ListProjects(project_pb2.ProjectListRequest()).projects
    assert [p.id for p in projects] == ["alpha", PROJECT]
    assert [d.id for d in projects[0].domains] == ["development", "staging", "production"]
    stub.UpdateProject(project_pb2.Project(id="alpha", name="Alpha", state=project_pb2.Project.ARCHIVED))
    assert [p.id for p in stub.ListProjects(project_pb2.ProjectListRequest()).projects] == [PROJECT]
    task_id, task = task_spec("mod.t")
    task_id.project = "alpha"
    error = rpc_error(stub.CreateTask, task_pb2.TaskCreateRequest(id=task_id, spec=task))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "not active" in error.details()


def test_task_registration_is_idempotent_per_version(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    task_id, task = task_spec("mod.add")
    stub.CreateTask(task_pb2.TaskCreateRequest(id=task_id, spec=task))
    error = rpc_error(stub.CreateTask, task_pb2.TaskCreateRequest(id=task_id, spec=task))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    task.template.container.image = "other:image"
    error = rpc_error(stub.CreateTask, task_pb2.TaskCreateRequest(id=task_id, spec=task))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "different structure" in error.details() and "image" in error.details()
    fetched = stub.GetTask(common_pb2.ObjectGetRequest(id=task_id))
    assert fetched.closure.compiled_task.template.container.image == "img:t"
    assert fetched.closure.compiled_task.template.id == task_id
    error = rpc_error(stub.GetTask, common_pb2.ObjectGetRequest(id=ident(identifier_pb2.TASK, "mod.none")))
    assert error.code() == grpc.StatusCode.NOT_FOUND and "mod.none" in error.details()
    bad_id, bad = task_spec("mod.bad")
    bad.template.ClearField("interface")
    error = rpc_error(stub.CreateTask, task_pb2.TaskCreateRequest(id=bad_id, spec=bad))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "typed interface" in error.details()


def test_workflow_registration_compiles_and_checks_structure(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    task_id, workflow_id, _ = register_basics(running_admin)
    workflow = stub.GetWorkflow(common_pb2.ObjectGetRequest(id=workflow_id))
    compiled = workflow.closure.compiled_workflow
    assert [n.id for n in compiled.primary.template.nodes] == ["start-node", "n0", "n1", "end-node"]
    assert [t.template.id for t in compiled.tasks] == [task_id]
    assert running_admin.blobs.exists(
        running_admin.blobs.join("metadata", "admin", PROJECT, DOMAIN, "mod.wf", "v1")
    )

    _, spec = two_step_workflow("mod.wf", task_id)
    error = rpc_error(stub.CreateWorkflow, workflow_pb2.WorkflowCreateRequest(id=workflow_id, spec=spec))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    [detail] = status_details(error)
    reason = workflow_pb2.CreateWorkflowFailureReason()
    detail.Unpack(reason)  # type: ignore[attr-defined]
    assert reason.exists_identical_structure.id == workflow_id

    del spec.template.nodes[1].inputs[1]  # n1.b unbound: would not even compile
    spec.template.nodes[1].inputs.add(var="b", binding=spec.template.nodes[1].inputs[0].binding)
    error = rpc_error(stub.CreateWorkflow, workflow_pb2.WorkflowCreateRequest(id=workflow_id, spec=spec))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "different structure" in error.details()
    detail = status_details(error)[0]
    detail.Unpack(reason)  # type: ignore[attr-defined]
    assert reason.WhichOneof("reason") == "exists_different_structure"

    missing_id, missing = two_step_workflow("mod.other", ident(identifier_pb2.TASK, "mod.unregistered"))
    error = rpc_error(stub.CreateWorkflow, workflow_pb2.WorkflowCreateRequest(id=missing_id, spec=missing))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "mod.unregistered" in error.details() and "failed to compile workflow" in error.details()

    listed = stub.ListWorkflows(
        common_pb2.ResourceListRequest(
            id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN), limit=10
        )
    )
    assert [w.id.name for w in listed.workflows] == ["mod.wf"]
    assert not listed.workflows[0].closure.compiled_workflow.primary.template.nodes
    listed_interface = listed.workflows[0].closure.compiled_workflow.primary.template.interface
    assert sorted(listed_interface.inputs.variables) == ["x", "y"]


def test_launch_plans_expected_inputs_and_activation(running_admin: RunningAdmin) -> None:
    stub = running_admin.admin
    _, workflow_id, launch_plan_id = register_basics(running_admin)
    plan = stub.GetLaunchPlan(common_pb2.ObjectGetRequest(id=launch_plan_id))
    assert plan.closure.state == launch_plan_pb2.INACTIVE
    expected = plan.closure.expected_inputs.parameters
    assert expected["x"].required and expected["y"].default.scalar.primitive.integer == 4
    assert plan.spec.default_inputs == plan.closure.expected_inputs
    assert list(plan.closure.expected_outputs.variables) == ["o0"]

    second_id, second = launch_plan_spec("mod.wf", workflow_id, version="v2", default_y=None)
    stub.CreateLaunchPlan(launch_plan_pb2.LaunchPlanCreateRequest(id=second_id, spec=second))
    named = common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN, name="mod.wf")
    error = rpc_error(stub.GetActiveLaunchPlan, launch_plan_pb2.ActiveLaunchPlanRequest(id=named))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    stub.UpdateLaunchPlan(
        launch_plan_pb2.LaunchPlanUpdateRequest(id=launch_plan_id, state=launch_plan_pb2.ACTIVE)
    )
    stub.UpdateLaunchPlan(launch_plan_pb2.LaunchPlanUpdateRequest(id=second_id, state=launch_plan_pb2.ACTIVE))
    active = stub.GetActiveLaunchPlan(launch_plan_pb2.ActiveLaunchPlanRequest(id=named))
    assert active.id.version == "v2"
    first = stub.GetLaunchPlan(common_pb2.ObjectGetRequest(id=launch_plan_id))
    assert first.closure.state == launch_plan_pb2.INACTIVE

    bad_id, bad = launch_plan_spec("mod.bad", workflow_id)
    bad.default_inputs.parameters["zz"].CopyFrom(bad.default_inputs.parameters["y"])
    error = rpc_error(stub.CreateLaunchPlan, launch_plan_pb2.LaunchPlanCreateRequest(id=bad_id, spec=bad))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "zz" in error.details()

    ids = stub.ListLaunchPlanIds(
        common_pb2.NamedEntityIdentifierListRequest(project=PROJECT, domain=DOMAIN, limit=5)
    )
    assert [i.name for i in ids.entities] == ["mod.wf"]
    page = stub.ListLaunchPlans(
        common_pb2.ResourceListRequest(id=named, limit=1, sort_by=common_pb2.Sort(key="version"))
    )
    assert [p.id.version for p in page.launch_plans] == ["v2"] and page.token == "1"
    page = stub.ListLaunchPlans(
        common_pb2.ResourceListRequest(
            id=named, limit=1, token=page.token, sort_by=common_pb2.Sort(key="version")
        )
    )
    assert [p.id.version for p in page.launch_plans] == ["v1"]
    error = rpc_error(stub.ListLaunchPlans, common_pb2.ResourceListRequest(id=named, limit=0))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "limit" in error.details()
    error = rpc_error(
        stub.ListLaunchPlans, common_pb2.ResourceListRequest(id=named, limit=1, filters="eq(version")
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "filters" in error.details()
