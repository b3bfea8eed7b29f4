"""End to end on the sandbox: map tasks (ArrayNode) and @dynamic workflows registered with pyflyte and
run through the admin API give the same outputs as the same workflows run locally; a map task over
a failing element fails unless its min_success_ratio tolerates it, and a failing task inside a
dynamic workflow fails the execution with the task's error."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flyteidl.admin import execution_pb2, node_execution_pb2
from flyteidl.core import execution_pb2 as core_execution
from flyteidl.core import literals_pb2
from flyteidl.service import admin_pb2_grpc
from tests.e2e.executions import phase_name, wait_for_terminal
from tests.e2e.sandboxes import RunningSandbox
from tests.e2e.test_sandbox import DOMAIN, PROJECT, int_literal, launch, pyflyte

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FLOWS = Path(__file__).parent / "workflows"
PACKAGE = "dynarray_flows"
NODE = core_execution.NodeExecution.Phase


@pytest.fixture(scope="module")
def registered(sandbox: RunningSandbox) -> None:
    pyflyte(sandbox, "register", "--project", PROJECT, "--domain", DOMAIN, str(FLOWS / PACKAGE))


@pytest.fixture(scope="module")
def flows() -> Iterator[dict[str, Any]]:
    sys.path.insert(0, str(FLOWS))
    try:
        yield {
            "mapping": importlib.import_module(f"{PACKAGE}.mapping"),
            "dynamics": importlib.import_module(f"{PACKAGE}.dynamics"),
        }
    finally:
        sys.path.remove(str(FLOWS))


def ints(values: list[int]) -> literals_pb2.Literal:
    return literals_pb2.Literal(
        collection=literals_pb2.LiteralCollection(literals=[int_literal(v) for v in values])
    )


def native(literal: literals_pb2.Literal) -> Any:
    """Ints, lists and None of an output literal as Python values."""
    kind = literal.WhichOneof("value")
    if kind == "collection":
        return [native(item) for item in literal.collection.literals]
    scalar = literal.scalar
    if scalar.WhichOneof("value") == "none_type":
        return None
    if scalar.WhichOneof("value") == "union":
        return native(scalar.union.value)
    return scalar.primitive.integer


def run(
    admin: admin_pb2_grpc.AdminServiceStub, name: str, inputs: dict[str, literals_pb2.Literal]
) -> tuple[execution_pb2.Execution, dict[str, Any]]:
    exec_id = launch(admin, f"{PACKAGE}.{name}", inputs)
    execution = wait_for_terminal(admin, exec_id, timeout=180)
    if phase_name(execution.closure.phase) != "SUCCEEDED":
        return execution, {}
    data = admin.GetExecutionData(execution_pb2.WorkflowExecutionGetDataRequest(id=exec_id))
    return execution, {key: native(value) for key, value in data.full_outputs.literals.items()}


def node_executions(
    admin: admin_pb2_grpc.AdminServiceStub, execution: execution_pb2.Execution, parent: str = ""
) -> dict[str, node_execution_pb2.NodeExecution]:
    listed = admin.ListNodeExecutions(
        node_execution_pb2.NodeExecutionListRequest(
            workflow_execution_id=execution.id, limit=100, unique_parent_id=parent
        )
    ).node_executions
    return {n.id.node_id: n for n in listed}


def test_map_tasks_give_the_local_results(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, flows: dict[str, Any]
) -> None:
    mapping = flows["mapping"]
    execution, outputs = run(admin, "mapping.squares", {"xs": ints([1, 2, 3, 4])})
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    assert outputs == {"o0": mapping.squares(xs=[1, 2, 3, 4])} == {"o0": [1, 4, 9, 16]}
    array_node = node_executions(admin, execution)["n0"]
    assert NODE.Name(array_node.closure.phase) == "SUCCEEDED"
    assert array_node.metadata.is_array

    execution, outputs = run(
        admin, "mapping.scaled_total", {"xs": ints([1, 2, 3, 4, 5]), "factor": int_literal(3)}
    )
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    assert outputs == {"o0": mapping.scaled_total(xs=[1, 2, 3, 4, 5], factor=3)} == {"o0": 45}


def test_min_success_ratio_tolerates_a_failing_element(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, flows: dict[str, Any]
) -> None:
    local = flows["mapping"].tolerant(xs=[1, -2, 3, 4])
    execution, outputs = run(admin, "mapping.tolerant", {"xs": ints([1, -2, 3, 4])})
    assert phase_name(execution.closure.phase) == "SUCCEEDED", execution.closure.error
    assert outputs == {"o0": local.o0, "o1": local.o1} == {"o0": [101, None, 103, 104], "o1": 1}

    execution, _ = run(admin, "mapping.strict", {"xs": ints([1, -2, 3])})
    assert phase_name(execution.closure.phase) == "FAILED"
    assert "cannot take a negative element, got -2" in execution.closure.error.message
    assert execution.closure.error.kind == core_execution.ExecutionError.USER


def test_dynamic_workflows_give_the_local_results(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None, flows: dict[str, Any]
) -> None:
    dynamics = flows["dynamics"]
    for name, n in (("fan_out_wf", 3), ("nested_wf", 3), ("mapped_wf", 4)):
        execution, outputs = run(admin, f"dynamics.{name}", {"n": int_literal(n)})
        assert phase_name(execution.closure.phase) == "SUCCEEDED", (name, execution.closure.error)
        assert outputs == {"o0": getattr(dynamics, name)(n=n)}, name

    execution, _ = run(admin, "dynamics.fan_out_wf", {"n": int_literal(2)})
    parent = node_executions(admin, execution)["n0"]
    assert NODE.Name(parent.closure.phase) == "SUCCEEDED"
    assert parent.metadata.is_parent_node and parent.metadata.is_dynamic
    children = node_executions(admin, execution, parent="n0")
    assert {n.metadata.spec_node_id for n in children.values()} >= {"dn0", "dn1", "dn2"}
    assert all(NODE.Name(n.closure.phase) == "SUCCEEDED" for n in children.values())


def test_a_failing_child_fails_the_dynamic_workflow(
    admin: admin_pb2_grpc.AdminServiceStub, registered: None
) -> None:
    execution, _ = run(admin, "dynamics.failing_wf", {"n": int_literal(20)})
    assert phase_name(execution.closure.phase) == "FAILED"
    error = execution.closure.error
    assert "x must be at most 10, got 21" in error.message, error
    assert error.kind == core_execution.ExecutionError.USER
