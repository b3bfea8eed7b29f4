"""End to end on the sandbox: artifact declarations survive registration untouched, outputs that
publish artifacts run normally (run-time partitions stay in the output literal's metadata), and a
launch plan whose input defaults to an artifact query needs that input passed (no artifact service)."""

from __future__ import annotations

import base64
from pathlib import Path

import grpc  # type: ignore[import-untyped]
import pytest

from flyteidl.admin import common_pb2, execution_pb2, launch_plan_pb2, node_execution_pb2, workflow_pb2
from flyteidl.core import artifact_id_pb2, identifier_pb2, literals_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, int_literal, launch, pyflyte, str_literal

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLOWS = Path(__file__).parent / "workflows"
MODULE = "artifact_flows.publishing"


@pytest.fixture(scope="module")
def registered(sandbox: RunningSandbox) -> None:
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(FLOWS / "artifact_flows"))


def _latest(admin: admin_pb2_grpc.AdminServiceStub, kind: str, name: str) -> object:
    request = common_pb2.ResourceListRequest(
        id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN, name=name), limit=1
    )
    listed = admin.ListLaunchPlans(request) if kind == "lp" else admin.ListWorkflows(request)
    items = listed.launch_plans if kind == "lp" else listed.workflows
    assert items, f"no {kind} {name} was registered"
    return items[0]


def test_artifact_fields_are_stored_and_returned_untouched(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    plan = _latest(admin, "lp", f"{MODULE}.consume_latest")
    assert isinstance(plan, launch_plan_pb2.LaunchPlan)
    query = plan.spec.default_inputs.parameters["n"].artifact_query
    assert query.artifact_id.artifact_key.name == "scores"
    assert query.artifact_id.partitions.value["team"].static_value == "red"
    assert plan.closure.expected_inputs.parameters["n"].artifact_query == query
    wf = _latest(admin, "wf", f"{MODULE}.publish")
    assert isinstance(wf, workflow_pb2.Workflow)
    output = wf.closure.compiled_workflow.primary.template.interface.outputs.variables["o0"]
    assert output.artifact_partial_id.partitions.value["team"].input_binding.var == "team"
    assert output.artifact_partial_id.time_partition.value.input_binding.var == "day"


def test_publishing_runs_and_keeps_run_time_partitions_in_the_output_metadata(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    day = literals_pb2.Literal()
    day.scalar.primitive.datetime.FromSeconds(1_700_000_000)
    exec_id = launch(admin, f"{MODULE}.publish", {"team": str_literal("blue"), "day": day})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    assert data.full_outputs.literals["o0"].scalar.primitive.integer == 4
    node = admin.GetNodeExecutionData(
        node_execution_pb2.NodeExecutionGetDataRequest(
            id=identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=exec_id)
        )
    )
    published = artifact_id_pb2.ArtifactID()
    published.ParseFromString(base64.b64decode(node.full_outputs.literals["o0"].metadata["_uap"]))
    assert published.time_partition.value.time_value.seconds == 1_700_000_000


def test_an_artifact_query_default_must_be_passed(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    with pytest.raises(grpc.RpcError) as failure:
        launch(admin, f"{MODULE}.consume_latest", {})
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert (
        "artifact query" in failure.value.details() and "pass a value for input n" in failure.value.details()
    )
    exec_id = launch(admin, f"{MODULE}.consume_latest", {"n": int_literal(5)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
