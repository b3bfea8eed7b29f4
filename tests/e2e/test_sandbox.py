"""End to end on the sandbox: register with pyflyte, execute, and read results back via the API."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from flyteidl.admin import common_pb2, execution_pb2, launch_plan_pb2, node_execution_pb2, task_execution_pb2
from flyteidl.core import execution_pb2 as core_execution
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

PYFLYTE = str(Path(sys.executable).parent / "pyflyte")
PROJECT, DOMAIN = "flytesnacks", "development"


def pyflyte(sandbox: RunningSandbox, *args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [PYFLYTE, "-c", str(sandbox.config_path), *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )
    assert result.returncode == 0, f"pyflyte {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def int_literal(value: int) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=value)))


def str_literal(value: str) -> literals_pb2.Literal:
    return literals_pb2.Literal(
        scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(string_value=value))
    )


def launch(
    admin: admin_pb2_grpc.AdminServiceStub, name: str, inputs: dict[str, literals_pb2.Literal]
) -> identifier_pb2.WorkflowExecutionIdentifier:
    plans = admin.ListLaunchPlans(
        common_pb2.ResourceListRequest(
            id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN, name=name), limit=10
        )
    )
    assert plans.launch_plans, f"no launch plan {name} was registered"
    plan: launch_plan_pb2.LaunchPlan = plans.launch_plans[0]
    created = admin.CreateExecution(
        execution_pb2.ExecutionCreateRequest(
            project=PROJECT,
            domain=DOMAIN,
            spec=execution_pb2.ExecutionSpec(launch_plan=plan.id),
            inputs=literals_pb2.LiteralMap(literals=inputs),
        )
    )
    execution_id: identifier_pb2.WorkflowExecutionIdentifier = created.id
    return execution_id


@pytest.fixture(scope="module")
def registered(sandbox: RunningSandbox, examples_dir: Path) -> None:
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(examples_dir / "demo"))
    workflows = Path(__file__).parent / "workflows"
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(workflows / "e2e_flows"))


def test_registered_workflow_runs_to_success(
    sandbox: RunningSandbox, admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, "demo.stats.stats_wf", {"n": int_literal(5), "title": str_literal("five")})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error

    expected = "five: count=5, max=25, mean=11, min=1, sum=55 (fair)"
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    assert data.full_inputs.literals["n"].scalar.primitive.integer == 5
    assert data.full_outputs.literals["o0"].scalar.primitive.string_value == expected
    stats = data.full_outputs.literals["o1"].map.literals
    assert stats["sum"].scalar.primitive.float_value == 55.0

    # The same data on the REST path of the grpc-gateway.
    url = f"{sandbox.http_url}/api/v1/data/executions/{PROJECT}/{DOMAIN}/{exec_id.name}"
    with urllib.request.urlopen(url, timeout=10) as resp:
        body = json.load(resp)
    assert body["full_outputs"]["literals"]["o0"]["scalar"]["primitive"]["string_value"] == expected

    nodes = admin.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(workflow_execution_id=exec_id, limit=100)
    ).node_executions
    by_id = {n.id.node_id: n for n in nodes}
    for node_id in ("n0", "n1", "n2", "n3"):
        assert node_id in by_id, f"node {node_id} missing from {sorted(by_id)}"
        node = by_id[node_id]
        assert core_execution.NodeExecution.Phase.Name(node.closure.phase) == "SUCCEEDED"
        attempts = admin.ListTaskExecutions(
            task_execution_pb2.TaskExecutionListRequest(node_execution_id=node.id, limit=10)
        ).task_executions
        assert len(attempts) == 1
        assert core_execution.TaskExecution.Phase.Name(attempts[0].closure.phase) == "SUCCEEDED"
        assert attempts[0].closure.logs, f"task of {node_id} reported no logs"


def test_failing_task_fails_the_execution_with_the_user_error(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, "e2e_flows.failing.limited", {"x": int_literal(8)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "FAILED"
    error = execution.closure.error
    assert "ValueError" in error.message, error
    assert "value 16 is over the limit 10" in error.message, error
    assert error.kind == core_execution.ExecutionError.USER


def test_pyflyte_run_remote_waits_and_prints_outputs(
    sandbox: RunningSandbox, examples_dir: Path, admin: admin_pb2_grpc.AdminServiceStub
) -> None:
    out = pyflyte(
        sandbox,
        "run",
        "--remote",
        "--wait",
        "--project",
        PROJECT,
        "--domain",
        DOMAIN,
        str(examples_dir / "demo" / "stats.py"),
        "stats_wf",
        "--n",
        "3",
        "--title",
        "three",
        cwd=examples_dir.parent,
    )
    assert "three: count=3, max=9, mean=4.66667, min=1, sum=14 (fair)" in out, out


def test_files_and_folders_travel_between_tasks(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, "e2e_flows.files.files_wf", {"text": str_literal("hello files")})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    out = data.full_outputs.literals["o0"].scalar.primitive.string_value
    assert out == f"hello files|{'a.txt=A'},{'b.txt=B'},{'sub/c.txt=C'}"

    nodes = admin.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(workflow_execution_id=exec_id, limit=100)
    ).node_executions
    writer = next(n for n in nodes if n.id.node_id == "n0")
    written = admin.GetNodeExecutionData(node_execution_pb2.NodeExecutionGetDataRequest(id=writer.id))
    file_blob = written.full_outputs.literals["o0"].scalar.blob
    dir_blob = written.full_outputs.literals["o1"].scalar.blob
    # Uploaded under the execution's raw output prefix of the sandbox's blob store.
    assert exec_id.name in file_blob.uri and file_blob.uri.endswith("/greeting.txt"), file_blob
    assert exec_id.name in dir_blob.uri and dir_blob.uri != file_blob.uri, dir_blob
    assert dir_blob.metadata.type.dimensionality == 1  # MULTIPART
    if file_blob.uri.startswith("file://"):
        assert Path(file_blob.uri[len("file://") :]).read_text() == "hello files"
        assert Path(dir_blob.uri[len("file://") :], "sub", "c.txt").read_text() == "C"
