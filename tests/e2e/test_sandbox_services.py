"""The sandbox on real Postgres and a real S3-protocol server instead of SQLite and a folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import grpc  # type: ignore[import-untyped]
import pytest

from flyteidl.admin import execution_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox, start_sandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, int_literal, launch, pyflyte, str_literal
from tests.services.postgres import PostgresDatabase
from tests.services.s3 import S3Bucket, S3Server

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


@pytest.fixture
def services_sandbox(
    tmp_path: Path, postgres_database: PostgresDatabase, s3_server: S3Server, s3_bucket: S3Bucket
) -> Iterator[RunningSandbox]:
    env = {
        "FLYTE_SANDBOX_DATABASE_URL": postgres_database.sqlalchemy_url,
        "FLYTE_SANDBOX_S3_BUCKET": s3_bucket.name,
        "FLYTE_SANDBOX_S3_ENDPOINT_URL": s3_server.endpoint_url,
        "FLYTE_SANDBOX_S3_REGION": s3_server.region,
        "FLYTE_SANDBOX_S3_ACCESS_KEY_ID": s3_server.access_key_id,
        "FLYTE_SANDBOX_S3_SECRET_ACCESS_KEY": s3_server.secret_access_key,
    }
    running = start_sandbox(tmp_path, extra_env=env)
    yield running
    assert running.stop() == 0, running.log()


def test_workflow_runs_with_postgres_and_s3(
    services_sandbox: RunningSandbox, s3_bucket: S3Bucket, examples_dir: Path
) -> None:
    pyflyte(
        services_sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(examples_dir / "demo")
    )
    with grpc.insecure_channel(services_sandbox.grpc_target) as channel:
        admin = admin_pb2_grpc.AdminServiceStub(channel)  # type: ignore[no-untyped-call]
        exec_id = launch(admin, "demo.stats.stats_wf", {"n": int_literal(2), "title": str_literal("s3")})
        execution = wait_for_terminal(admin, exec_id)
        assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
        data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    assert data.full_outputs.literals["o0"].scalar.primitive.string_value == (
        "s3: count=2, max=4, mean=2.5, min=1, sum=5 (fair)"
    )
    # The code archive, the inputs and the outputs all went through the S3 server.
    keys = [o["Key"] for o in s3_bucket.client.list_objects_v2(Bucket=s3_bucket.name).get("Contents", [])]
    assert any(k.endswith(".tar.gz") for k in keys), keys
    assert any(k.endswith(f"{exec_id.name}/inputs") for k in keys), keys
    assert any(k.endswith("end-node/data/0/outputs.pb") for k in keys), json.dumps(keys, indent=1)
