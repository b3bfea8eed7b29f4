"""Filtering executions by their labels (``execution_tag.key``/``.value``, ``admin_tag.name``), as
flytekit's eager cleanup does with ``value_in(execution_tag.key,eager-exec)``."""

from __future__ import annotations

import grpc  # type: ignore[import-untyped]

from flyteidl.admin import common_pb2
from tests.admin.builders import DOMAIN, PROJECT, execution_request, int_literal
from tests.admin.conftest import RunningAdmin
from tests.admin.test_registration import register_basics, rpc_error


def _listed(running_admin: RunningAdmin, filters: str) -> list[str]:
    response = running_admin.admin.ListExecutions(
        common_pb2.ResourceListRequest(
            id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN), limit=20, filters=filters
        )
    )
    return sorted(execution.id.name for execution in response.executions)


def test_executions_are_found_by_their_labels_and_tags(running_admin: RunningAdmin) -> None:
    _, _, launch_plan_id = register_basics(running_admin)
    labelled = {
        "one": {"eager-exec": "root1", "team": "a"},
        "two": {"eager-exec": "root1"},
        "three": {"eager-exec": "root2", "team": "a"},
        "plain": {},
    }
    for name, labels in labelled.items():
        request = execution_request(launch_plan_id, name, x=int_literal(1))
        request.spec.labels.values.update(labels)
        if name == "plain":
            request.spec.tags.append("legacy")
        running_admin.admin.CreateExecution(request)

    cleanup = "value_in(execution_tag.key,eager-exec)+value_in(execution_tag.value,root1)"
    assert _listed(running_admin, cleanup) == ["one", "two"]
    assert _listed(running_admin, "eq(execution_tag.key,team)") == ["one", "three"]
    # One tag row must match all tag filters: team=root1 is nobody's label.
    assert _listed(running_admin, "eq(execution_tag.key,team)+eq(execution_tag.value,root1)") == []
    # Several matching tags of one execution list it once.
    assert _listed(running_admin, "value_in(execution_tag.key,eager-exec;team)") == ["one", "three", "two"]
    assert _listed(running_admin, "eq(admin_tag.name,legacy)") == ["plain"]
    assert _listed(running_admin, cleanup + "+value_in(phase,UNDEFINED;QUEUED;RUNNING)") == ["one", "two"]

    error = rpc_error(
        running_admin.admin.ListExecutions,
        common_pb2.ResourceListRequest(
            id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN),
            limit=20,
            filters="eq(admin_tag.value,x)",
        ),
    )
    assert (
        error.code() == grpc.StatusCode.INVALID_ARGUMENT and "'at.value' is invalid filter" in error.details()
    )
