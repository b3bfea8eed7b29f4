"""End to end on the sandbox with a real S3-protocol blob store: dataframes and arrays written by one
task's pod-like process and read by the next (parquet, csv with a column subset, numpy)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc  # type: ignore[import-untyped]
import pytest

from flyteidl.admin import execution_pb2, node_execution_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox, start_sandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, int_literal, launch, pyflyte
from tests.services.s3 import S3Bucket, S3Server

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLOWS = Path(__file__).parent / "workflows" / "dataframe_flows"


@pytest.fixture
def s3_sandbox(tmp_path: Path, s3_server: S3Server, s3_bucket: S3Bucket) -> Iterator[RunningSandbox]:
    env = {
        "FLYTE_SANDBOX_S3_BUCKET": s3_bucket.name,
        "FLYTE_SANDBOX_S3_ENDPOINT_URL": s3_server.endpoint_url,
        "FLYTE_SANDBOX_S3_REGION": s3_server.region,
        "FLYTE_SANDBOX_S3_ACCESS_KEY_ID": s3_server.access_key_id,
        "FLYTE_SANDBOX_S3_SECRET_ACCESS_KEY": s3_server.secret_access_key,
    }
    running = start_sandbox(tmp_path, extra_env=env)
    yield running
    assert running.stop() == 0, running.log()


def test_dataframes_travel_between_tasks_through_s3(s3_sandbox: RunningSandbox, s3_bucket: S3Bucket) -> None:
    pyflyte(s3_sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(FLOWS))
    with grpc.insecure_channel(s3_sandbox.grpc_target) as channel:
        admin = admin_pb2_grpc.AdminServiceStub(channel)  # type: ignore[no-untyped-call]
        exec_id = launch(admin, "dataframe_flows.frames.frames_wf", {"n": int_literal(4)})
        execution = wait_for_terminal(admin, exec_id)
        assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
        data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
        nodes = admin.ListNodeExecutions(
            node_execution_pb2.NodeExecutionListRequest(workflow_execution_id=exec_id, limit=100)
        ).node_executions
        by_id = {n.id.node_id: n for n in nodes}
        made = admin.GetNodeExecutionData(node_execution_pb2.NodeExecutionGetDataRequest(id=by_id["n0"].id))
        as_csv = admin.GetNodeExecutionData(node_execution_pb2.NodeExecutionGetDataRequest(id=by_id["n1"].id))
    # only the asked-for column was read from the csv; squares 0+1+4+9
    assert data.full_outputs.literals["o0"].scalar.primitive.string_value == "name,r0,r1,r2,r3|14"

    parquet = made.full_outputs.literals["o0"].scalar.structured_dataset
    csv = as_csv.full_outputs.literals["o0"].scalar.structured_dataset
    assert parquet.metadata.structured_dataset_type.format == "parquet"
    assert csv.metadata.structured_dataset_type.format == "csv"
    keys = {o["Key"] for o in s3_bucket.client.list_objects_v2(Bucket=s3_bucket.name).get("Contents", [])}
    for dataset, part in ((parquet, "00000"), (csv, ".csv")):
        assert dataset.uri.startswith(f"s3://{s3_bucket.name}/"), dataset.uri
        assert f"{dataset.uri[len(f's3://{s3_bucket.name}/') :]}/{part}" in keys, sorted(keys)
