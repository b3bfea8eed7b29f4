"""``@workflow`` and ``LaunchPlan``: compiled graphs, local execution, and misuse caught early."""

from __future__ import annotations

import re
import typing

import pytest

from flytekit import LaunchPlan, WorkflowFailurePolicy, task, workflow
from flytekit.core.context_manager import FlyteEntities
from flytekit.core.promise import Promise, VoidPromise
from flytekit.core.type_engine import TypeTransformerFailedError
from flytekit.errors import FlyteValidationException


@task
def double(x: int) -> int:
    return x * 2


@task
def total(xs: list[int], weights: dict[str, float]) -> float:
    return sum(xs) * sum(weights.values())


@task
def describe(name: str, n: int = 3) -> str:
    return f"{name}:{n}"


@task
def log(msg: str) -> None:
    print(msg)


@workflow
def sub(x: int) -> int:
    return typing.cast(int, double(x=double(x=x)))


@workflow(failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE, interruptible=True)
def main(x: int, name: str = "bob", w: float = 0.5) -> tuple[float, str, int, str]:
    d = double(x=x)
    s = sub(x=d)
    t = total(xs=[d, s, 3], weights={"a": w, "b": 1.0})
    log(msg=name)
    return t, describe(name=name), 7, name


def test_local_run_gives_python_values() -> None:
    result = main(x=2)
    assert result == (34.5, "bob:3", 7, "bob")
    assert type(result).__name__ == "DefaultNamedTupleOutput"
    assert main(x=1, name="al", w=1.0).o1 == "al:3"
    assert sub(x=3) == 12
    assert sub(3) == 12


def test_compiled_graph() -> None:
    nodes = main.nodes
    assert [n.id for n in nodes] == ["n0", "n1", "n2", "n3", "n4"]
    assert [n.metadata.name for n in nodes] == ["double", "sub", "total", "log", "describe"]
    assert [[u.id for u in n.upstream_nodes] for n in nodes] == [[], ["n0"], ["n0", "n1"], [], []]
    by_var = {b.var: b.binding for b in nodes[2].bindings}
    assert [b.var for b in nodes[2].bindings] == ["weights", "xs"], "bindings are sorted by input name"
    xs = by_var["xs"].collection.bindings
    assert [x.WhichOneof("value") for x in xs] == ["promise", "promise", "scalar"]
    assert (xs[1].promise.node_id, xs[1].promise.var) == ("n1", "o0")
    assert by_var["weights"].map.bindings["a"].promise.var == "w"
    assert by_var["weights"].map.bindings["a"].promise.node_id == ""
    describe_bindings = {b.var: b.binding for b in nodes[4].bindings}
    assert describe_bindings["n"].scalar.primitive.integer == 3, "omitted task defaults are bound"
    outputs = {b.var: b.binding for b in main.output_bindings}
    assert outputs["o2"].scalar.primitive.integer == 7
    assert outputs["o3"].promise.var == "name"
    assert main.workflow_metadata.on_failure is WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE
    assert nodes[1].metadata.HasField("interruptible") and not nodes[1].metadata.interruptible
    assert not nodes[0].metadata.HasField("interruptible")


def test_chaining_and_overrides() -> None:
    @workflow
    def wf(x: int) -> int:
        a = double(x=x).with_overrides(node_name="First One", retries=4, name="first")
        b = log(msg="hi")
        a >> b
        c = double(x=a)
        b >> c
        return typing.cast(int, c)

    nodes = wf.nodes
    assert [n.id for n in nodes] == ["first-one", "n1", "n2"]
    assert nodes[0].metadata.retries.retries == 4 and nodes[0].metadata.name == "first"
    assert [u.id for u in nodes[1].upstream_nodes] == ["first-one"]
    assert [u.id for u in nodes[2].upstream_nodes] == ["first-one", "n1"]
    assert wf(x=1) == 4, "chaining and overrides do not change local results"


def test_promises_cannot_be_used_as_values() -> None:
    with pytest.raises(ValueError, match="truth value testing"):

        @workflow
        def wf(x: int) -> int:
            y = double(x=x)
            if y:
                return typing.cast(int, y)
            return 0

        wf.compile()


def test_outputs_must_match_the_declaration() -> None:
    @workflow
    def too_many(x: int) -> int:
        return double(x=x), x  # type: ignore[return-value]

    @workflow
    def undeclared(x: int) -> None:
        return double(x=x)  # type: ignore[no-any-return]

    @workflow
    def void(x: int) -> str:
        return log(msg="x")  # type: ignore[no-any-return]

    with pytest.raises(FlyteValidationException, match="declares one output but returns 2 values"):
        too_many.compile()
    with pytest.raises(FlyteValidationException, match="declares no outputs"):
        undeclared.compile()
    with pytest.raises(FlyteValidationException, match="which has no outputs"):
        void.compile()


def test_wrong_constant_type_is_caught_at_compile_time() -> None:
    @workflow
    def wf() -> int:
        return typing.cast(int, double(x="two"))

    with pytest.raises(
        TypeTransformerFailedError,
        match=re.escape("Cannot bind input 'x' of 'tests.sdk.test_workflows.double'"),
    ):
        wf.compile()


def test_task_errors_surface_from_local_runs() -> None:
    @task
    def fail(x: int) -> int:
        raise KeyError(x)

    @workflow
    def wf(x: int) -> int:
        return typing.cast(int, double(x=fail(x=x)))

    with pytest.raises(
        KeyError, match=re.escape("Error encountered while executing 'tests.sdk.test_workflows.fail'")
    ):
        wf(x=1)


def test_calls_return_promises_while_compiling() -> None:
    seen: dict[str, typing.Any] = {}

    @workflow
    def wf(x: int) -> None:
        seen["double"] = double(x=x)
        seen["log"] = log(msg="m")

    wf.compile()
    assert isinstance(seen["double"], Promise) and not seen["double"].is_ready
    assert seen["double"].ref.node_id == "n0"
    assert isinstance(seen["log"], VoidPromise)


def test_default_launch_plan() -> None:
    lp = LaunchPlan.get_or_create(main)
    assert lp is LaunchPlan.get_or_create(main), "the default launch plan is cached"
    assert lp.name == main.name and lp.workflow is main
    params = lp.parameters.parameters
    # flytekit.models values, as in flytekit 1.16 (not protobuf messages)
    assert type(lp.parameters).__module__ == "flytekit.models.interface"
    assert type(lp.fixed_inputs).__module__ == "flytekit.models.literals"
    assert params["x"].required and params["x"].default is None
    assert params["name"].default.scalar.primitive.string_value == "bob"
    assert params["w"].default.scalar.primitive.float_value == 0.5
    assert lp.fixed_inputs.literals == {}
    assert lp in FlyteEntities.entities and main in FlyteEntities.entities
    with pytest.raises(ValueError, match="Only named launch plans"):
        LaunchPlan.get_or_create(main, fixed_inputs={"x": 1})


def test_named_launch_plan_local_execution() -> None:
    lp = LaunchPlan.get_or_create(
        main, name="test_named", default_inputs={"x": 5}, fixed_inputs={"name": "fixed"}
    )
    assert lp is LaunchPlan.get_or_create(
        main, name="test_named", default_inputs={"x": 5}, fixed_inputs={"name": "fixed"}
    )
    assert set(lp.parameters.parameters) == {"x", "w"}
    assert lp.parameters.parameters["x"].var.description == "x"
    assert lp.fixed_inputs.literals["name"].scalar.primitive.string_value == "fixed"
    assert lp().o1 == "fixed:3"
    assert lp(x=1).o0 == 19.5
    # like flytekit, a local call may override even a fixed input (only admin enforces them)
    assert lp(name="other").o1 == "other:3"
    with pytest.raises(AssertionError, match="only"):
        lp(1)
    with pytest.raises(AssertionError, match="different values for 'default_inputs'"):
        LaunchPlan.get_or_create(main, name="test_named", default_inputs={"x": 6})
    with pytest.raises(AssertionError, match="already created"):
        LaunchPlan.create("test_named", main)
    with pytest.raises(ValueError, match="not inputs of workflow"):
        LaunchPlan.get_or_create(main, name="test_bad", default_inputs={"nope": 1})


def test_launch_plan_nodes() -> None:
    lp = LaunchPlan.get_or_create(
        main, name="test_nodes", default_inputs={"x": 5}, fixed_inputs={"name": "fixed"}
    )

    @workflow
    def outer(y: int) -> float:
        r = lp(w=2.0)
        lp(x=y)
        return typing.cast(float, r.o0)

    first, second = outer.nodes
    assert {b.var: b.binding.scalar.primitive.integer for b in first.bindings if b.var == "x"} == {"x": 5}
    assert "name" not in {b.var for b in first.bindings}, "fixed inputs stay unbound"
    assert {b.var for b in second.bindings} == {"x", "w"}
    assert outer(y=0) == 159.0

    @workflow
    def passes_fixed() -> None:
        lp(name="x")

    (node,) = passes_fixed.nodes
    assert "name" not in {b.var for b in node.bindings}, "a fixed input passed to a node is dropped"
