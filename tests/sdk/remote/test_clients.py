"""The gRPC clients: endpoints, request building and how admin's status codes surface.

The error-mapping tests talk to a real gRPC server on a loopback port whose AdminService answers
every call with the status named in the request, the way admin reports failures.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass
from typing import Any

import grpc  # type: ignore[import-untyped, unused-ignore]
import pytest

from flyteidl.admin import task_pb2
from flyteidl.core import identifier_pb2
from flyteidl.service import admin_pb2_grpc
from flytekit.clients.channels import parse_endpoint
from flytekit.clients.friendly import SynchronousFlyteClient, render_filters
from flytekit.errors import FlyteException
from flytekit.exceptions.system import FlyteSystemException, FlyteSystemUnavailableException
from flytekit.exceptions.user import (
    FlyteAuthenticationException,
    FlyteEntityAlreadyExistsException,
    FlyteEntityNotExistException,
    FlyteInvalidInputException,
    FlyteTimeout,
)


@dataclass(frozen=True)
class Platform:
    endpoint: str
    insecure: bool = True


class StatusEchoAdmin(admin_pb2_grpc.AdminServiceServicer):
    """GetTask fails with the status code named by the requested task name, CreateTask echoes nothing."""

    def __init__(self) -> None:
        self.created: list[task_pb2.TaskCreateRequest] = []

    def GetTask(self, request: Any, context: grpc.ServicerContext) -> Any:
        context.abort(getattr(grpc.StatusCode, request.id.name), f"task {request.id.name} says no")

    def CreateTask(self, request: Any, context: grpc.ServicerContext) -> Any:
        self.created.append(request)
        return task_pb2.TaskCreateResponse()


@pytest.fixture
def echo_admin() -> Iterator[tuple[SynchronousFlyteClient, StatusEchoAdmin]]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    servicer = StatusEchoAdmin()
    admin_pb2_grpc.add_AdminServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call, unused-ignore]
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    client = SynchronousFlyteClient(Platform(endpoint=f"127.0.0.1:{port}"))
    try:
        yield client, servicer
    finally:
        client.close()
        server.stop(grace=None)


def _task_id(name: str) -> identifier_pb2.Identifier:
    return identifier_pb2.Identifier(
        resource_type=identifier_pb2.TASK, project="p", domain="d", name=name, version="v"
    )


@pytest.mark.parametrize(
    ("status", "exception"),
    [
        ("NOT_FOUND", FlyteEntityNotExistException),
        ("ALREADY_EXISTS", FlyteEntityAlreadyExistsException),
        ("INVALID_ARGUMENT", FlyteInvalidInputException),
        ("UNAUTHENTICATED", FlyteAuthenticationException),
        ("DEADLINE_EXCEEDED", FlyteTimeout),
        ("UNAVAILABLE", FlyteSystemUnavailableException),
        ("INTERNAL", FlyteSystemException),
        ("FAILED_PRECONDITION", FlyteSystemException),
    ],
)
def test_status_codes_become_sdk_exceptions(
    echo_admin: tuple[SynchronousFlyteClient, StatusEchoAdmin], status: str, exception: type[FlyteException]
) -> None:
    client, _ = echo_admin
    with pytest.raises(exception) as raised:
        client.get_task(_task_id(status))
    assert type(raised.value) is exception
    assert f"GetTask failed with {status}: task {status} says no" in str(raised.value)
    assert isinstance(raised.value.__cause__, grpc.RpcError)


def test_create_task_sends_id_and_spec(echo_admin: tuple[SynchronousFlyteClient, StatusEchoAdmin]) -> None:
    client, servicer = echo_admin
    spec = task_pb2.TaskSpec()
    spec.template.type = "python-task"
    client.create_task(_task_id("t"), spec)
    assert servicer.created[0].id.name == "t"
    assert servicer.created[0].spec.template.type == "python-task"


def test_unimplemented_service_is_a_system_error(
    echo_admin: tuple[SynchronousFlyteClient, StatusEchoAdmin],
) -> None:
    client, _ = echo_admin
    with pytest.raises(FlyteSystemException, match="CreateUploadLocation failed with UNIMPLEMENTED"):
        client.get_upload_signed_url("p", "d", content_md5=b"x", filename="f")


def test_unreachable_admin_is_unavailable() -> None:
    client = SynchronousFlyteClient(Platform(endpoint="127.0.0.1:1"))
    try:
        with pytest.raises(FlyteSystemUnavailableException):
            client.get_domains()
    finally:
        client.close()


@pytest.mark.parametrize(
    ("endpoint", "insecure", "target", "plaintext"),
    [
        ("localhost:8089", True, "localhost:8089", True),
        ("dns:///localhost:8089", False, "dns:///localhost:8089", False),
        ("http://localhost:8089/", False, "localhost:8089", True),
        ("https://flyte.example.com", False, "flyte.example.com", False),
    ],
)
def test_endpoint_parsing(endpoint: str, insecure: bool, target: str, plaintext: bool) -> None:
    parsed = parse_endpoint(endpoint, insecure)
    assert (parsed.target, parsed.insecure) == (target, plaintext)


def test_empty_endpoint_names_the_setting() -> None:
    with pytest.raises(ValueError, match="FLYTE_PLATFORM_URL"):
        parse_endpoint("  ", True)


def test_filters_are_joined_with_plus() -> None:
    assert render_filters(["eq(phase,SUCCEEDED)", "eq(name,x)"]) == "eq(phase,SUCCEEDED)+eq(name,x)"
    assert render_filters("eq(a,b)") == "eq(a,b)"
    assert render_filters(None) == ""
