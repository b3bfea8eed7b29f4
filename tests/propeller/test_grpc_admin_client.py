"""``GrpcAdminClient`` against a real admin: calls go through, and admin's refusals arrive as the
``AdminCallError`` classes the handlers act on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from flyteidl.core import identifier_pb2, literals_pb2, types_pb2
from flytepropeller.controlplane import GrpcAdminClient, admin_channel
from flytepropeller.errors import AdminAlreadyExists, AdminNotFound, AdminRequestRejected
from tests.admin.builders import DOMAIN, PROJECT, execution_request, int_literal
from tests.admin.conftest import RunningAdmin, running_admin  # noqa: F401  (the fixture)
from tests.admin.test_registration import register_basics

pytestmark = pytest.mark.integration


@pytest.fixture
def client(running_admin: RunningAdmin) -> Iterator[GrpcAdminClient]:  # noqa: F811
    channel = admin_channel(f"127.0.0.1:{running_admin.app.grpc_port}")
    yield GrpcAdminClient(channel, retries=0)
    channel.close()


def test_child_executions_and_signals_through_grpc(
    running_admin: RunningAdmin,  # noqa: F811
    client: GrpcAdminClient,
) -> None:
    _, _, launch_plan_id = register_basics(running_admin)
    request = execution_request(launch_plan_id, "kid", x=int_literal(2))
    client.create_execution(request)
    with pytest.raises(AdminAlreadyExists):
        client.create_execution(request)
    kid = identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="kid")
    assert client.get_execution(kid).spec.launch_plan == launch_plan_id
    assert client.get_execution_data(kid).full_inputs.literals["x"].scalar.primitive.integer == 2

    signal = identifier_pb2.SignalIdentifier(signal_id="go", execution_id=kid)
    created = client.get_or_create_signal(signal, types_pb2.LiteralType(simple=types_pb2.BOOLEAN))
    assert created.id == signal and not created.HasField("value")

    client.terminate_execution(kid, "enough")
    client.terminate_execution(kid, "again")  # already aborting: left alone
    ghost = identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="ghost")
    client.terminate_execution(ghost, "gone")  # unknown: left alone
    with pytest.raises(AdminNotFound):
        client.get_execution(ghost)
    with pytest.raises(AdminNotFound):
        client.get_node_execution(identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=ghost))


def test_a_request_admin_refuses_is_rejected_not_retried(
    running_admin: RunningAdmin,  # noqa: F811
    client: GrpcAdminClient,
) -> None:
    _, _, launch_plan_id = register_basics(running_admin)
    request = execution_request(launch_plan_id, "bad", x=literals_pb2.Literal())
    with pytest.raises(AdminRequestRejected, match="CreateExecution failed with INVALID_ARGUMENT"):
        client.create_execution(request)
