"""End to end on the sandbox: SQLite3Task runs from its task template alone.

``pyflyte register`` (ours) registers the tasks with the template resolver's args
(``-- {{.taskTemplatePath}} flytekit.extras.sqlite3.task.SQLite3TaskExecutor``); propeller writes
the template to the node's data folder and substitutes its path; ``pyflyte-execute`` loads it,
downloads the database (plain or zipped) and writes the query's rows as the task's dataframe.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from flyteidl.admin import execution_pb2, node_execution_pb2
from flyteidl.core import execution_pb2 as core_execution
from flyteidl.core import literals_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, launch, pyflyte, str_literal

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLOWS = Path(__file__).parent / "workflows" / "sqlite_flows"


def float_literal(value: float) -> literals_pb2.Literal:
    return literals_pb2.Literal(
        scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(float_value=value))
    )


@pytest.fixture(scope="module")
def registered(sandbox: RunningSandbox) -> None:
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(FLOWS))


def _local(uri: str) -> str:
    return uri[len("file://") :] if uri.startswith("file://") else uri


def test_sqlite_task_returns_the_query_rows_as_a_dataframe(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, "sqlite_flows.queries.items_wf", {"min_price": float_literal(2.0)})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    dataset = data.full_outputs.literals["o0"].scalar.structured_dataset
    assert dataset.metadata.structured_dataset_type.format == "parquet"
    frame = pd.read_parquet(_local(dataset.uri))
    assert list(frame.columns) == ["id", "name", "price"]
    assert frame.values.tolist() == [[2, "bread", 2.25], [3, "cheese", 7.0], [4, "dates", 4.5]]


def test_zipped_database_feeds_a_python_task(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, "sqlite_flows.queries.stock_wf", {"skip": str_literal("cheese")})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    assert (
        data.full_outputs.literals["o0"].scalar.primitive.string_value == "dates=9.00;bread=6.75;apple=5.00"
    )
    nodes = admin.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(workflow_execution_id=exec_id, limit=10)
    ).node_executions
    query_node = next(n for n in nodes if n.id.node_id == "n0")
    outputs = admin.GetNodeExecutionData(node_execution_pb2.NodeExecutionGetDataRequest(id=query_node.id))
    frame = pd.read_parquet(_local(outputs.full_outputs.literals["results"].scalar.structured_dataset.uri))
    assert frame.values.tolist() == [["dates", 9.0], ["bread", 6.75], ["apple", 5.0]]


def test_a_failing_query_fails_the_execution_with_a_user_error(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    exec_id = launch(admin, "sqlite_flows.queries.broken_wf", {})
    execution = wait_for_terminal(admin, exec_id)
    assert phase_name(execution.closure.phase) == "FAILED"
    error = execution.closure.error
    assert "no such table: orders" in error.message, error
    assert error.kind == core_execution.ExecutionError.USER
