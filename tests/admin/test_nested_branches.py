# mypy: disable-error-code="no-any-return"
"""Registering flytekit workflows with conditionals nested in conditionals.

The workflow is written with our SDK and serialized by its compiler (as ``pyflyte register`` would),
then registered over gRPC. Admin's compiler must give every node inside (nested) branches a
workflow-unique id ``<branch id>-<node id>`` at any depth, wire their inputs to the top-level
branch node, and the FlyteWorkflow built from the closure must hoist all of them without clashes.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import grpc  # type: ignore[import-untyped]
import pytest
from google.protobuf.message import Message

from flyteidl.admin import common_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from flytekit import conditional, task, workflow
from flytekit.configuration import ImageConfig, SerializationSettings
from flytekit.tools.translator import get_serializable
from flytestdlib.flyteworkflow import build_flyteworkflow
from tests.admin.builders import DOMAIN, PROJECT
from tests.admin.conftest import RunningAdmin

SETTINGS = SerializationSettings(
    image_config=ImageConfig.validate_image(None, None, ["reg/img:1"]),
    project=PROJECT,
    domain=DOMAIN,
    version="v1",
)


@task
def inc(a: int) -> int:
    return a + 1


@task
def double(a: int) -> int:
    return a * 2


@workflow
def nested(a: int, b: int) -> int:
    x = inc(a=a)
    return (
        conditional("outer")
        .if_(x > 5)
        .then(
            conditional("inner")
            .if_(b > 1)
            .then(conditional("innermost").if_(b > 5).then(double(a=b)).else_().then(inc(a=x)))
            .else_()
            .then(double(a=x))
        )
        .else_()
        .then(conditional("inner-else").if_(b == 3).then(double(a=b)).else_().fail("b must be 3"))
    )


def _register(admin: RunningAdmin, entity: Any) -> workflow_pb2.WorkflowSpec:
    mapping: OrderedDict[Any, Message] = OrderedDict()
    spec = get_serializable(mapping, SETTINGS, entity)
    assert isinstance(spec, workflow_pb2.WorkflowSpec)
    for message in mapping.values():
        if isinstance(message, task_pb2.TaskSpec):
            admin.admin.CreateTask(task_pb2.TaskCreateRequest(id=message.template.id, spec=message))
    admin.admin.CreateWorkflow(workflow_pb2.WorkflowCreateRequest(id=spec.template.id, spec=spec))
    return spec


def _ids_within(node: core_workflow_pb2.Node) -> list[str]:
    if node.WhichOneof("target") != "branch_node":
        return [node.id]
    if_else = node.branch_node.if_else
    inner = [block.then_node for block in [if_else.case, *if_else.other]]
    if if_else.HasField("else_node"):
        inner.append(if_else.else_node)
    return [node.id] + [i for child in inner for i in _ids_within(child)]


def test_nested_conditionals_register_with_unique_ids_at_every_depth(running_admin: RunningAdmin) -> None:
    spec = _register(running_admin, nested)
    [branch] = [n for n in spec.template.nodes if n.WhichOneof("target") == "branch_node"]
    assert _ids_within(branch) == ["n1", "n0", "n0", "n0", "n1", "n1", "n1", "n0"], "ids restart per branch"

    fetched = running_admin.admin.GetWorkflow(common_pb2.ObjectGetRequest(id=spec.template.id))
    closure = fetched.closure.compiled_workflow
    primary = closure.primary
    [compiled_branch] = [n for n in primary.template.nodes if n.id == "n1"]
    assert _ids_within(compiled_branch) == [
        "n1",
        "n1-n0",
        "n1-n0-n0",
        "n1-n0-n0-n0",
        "n1-n0-n0-n1",
        "n1-n0-n1",
        "n1-n1",
        "n1-n1-n0",
    ]
    downstream = {k: sorted(v.ids) for k, v in primary.connections.downstream.items()}
    assert downstream["n1"] == ["end-node", "n1-n0", "n1-n1"]
    assert downstream["n1-n1"] == ["n1-n1-n0"]
    assert downstream["n1-n0"] == ["n1-n0-n0", "n1-n0-n1"]
    assert downstream["n1-n0-n0"] == ["n1-n0-n0-n0", "n1-n0-n0-n1"]
    # the innermost arms read n0's output and the workflow input b: both are upstream of the branch
    assert sorted(primary.connections.upstream["n1"].ids) == ["n0", "start-node"]
    assert sorted(t.template.id.name for t in closure.tasks) == [double.name, inc.name]

    document = build_flyteworkflow(
        closure,
        execution_id=identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="abc"),
        inputs=literals_pb2.LiteralMap(),
        launch_plan_id=identifier_pb2.Identifier(
            resource_type=identifier_pb2.LAUNCH_PLAN,
            project=PROJECT,
            domain=DOMAIN,
            name=nested.name,
            version="v1",
        ),
        namespace=f"{PROJECT}-{DOMAIN}",
        raw_output_prefix="s3://bucket/raw",
    )
    hoisted = sorted(document["spec"]["nodes"]) if "spec" in document else sorted(document["nodes"])
    assert {"n1-n0-n0-n0", "n1-n0-n0-n1", "n1-n0-n1", "n1-n1", "n1-n1-n0"} <= set(hoisted)


@workflow
def pick(a: int) -> int:
    return conditional("pick").if_(a > 2).then(inc(a=a)).else_().then(double(a=a))


@workflow
def deep(a: int) -> int:
    return (
        conditional("level-1")
        .if_(a > 0)
        .then(conditional("level-2").if_(a > 1).then(pick(a=a)).else_().then(inc(a=a)))
        .else_()
        .then(double(a=a))
    )


def test_sub_workflows_of_nested_arms_come_from_the_registered_workflows(running_admin: RunningAdmin) -> None:
    spec = _register(running_admin, pick)
    deep_spec = workflow_spec_of(deep)
    assert list(deep_spec.sub_workflows) == [], "flytekit embeds only direct arms' sub-workflows"
    running_admin.admin.CreateWorkflow(
        workflow_pb2.WorkflowCreateRequest(id=deep_spec.template.id, spec=deep_spec)
    )
    fetched = running_admin.admin.GetWorkflow(common_pb2.ObjectGetRequest(id=deep_spec.template.id))
    closure = fetched.closure.compiled_workflow
    assert [sub.template.id.name for sub in closure.sub_workflows] == [spec.template.id.name]
    assert sorted(t.template.id.name for t in closure.tasks) == [double.name, inc.name]


def test_unregistered_sub_workflows_of_nested_arms_are_reported(running_admin: RunningAdmin) -> None:
    deep_spec = workflow_spec_of(deep)
    mapping: OrderedDict[Any, Message] = OrderedDict()
    get_serializable(mapping, SETTINGS, deep)
    for message in mapping.values():
        if isinstance(message, task_pb2.TaskSpec):
            running_admin.admin.CreateTask(task_pb2.TaskCreateRequest(id=message.template.id, spec=message))
    with pytest.raises(grpc.RpcError) as failure:
        running_admin.admin.CreateWorkflow(
            workflow_pb2.WorkflowCreateRequest(id=deep_spec.template.id, spec=deep_spec)
        )
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert pick.name in failure.value.details()


def workflow_spec_of(entity: Any) -> workflow_pb2.WorkflowSpec:
    mapping: OrderedDict[Any, Message] = OrderedDict()
    spec = get_serializable(mapping, SETTINGS, entity)
    assert isinstance(spec, workflow_pb2.WorkflowSpec)
    return spec
