"""``map_task`` and ``array_node``: interfaces, names, local runs (thresholds, errors), compiled protos.

The byte-for-byte comparison with flytekit 1.16.31 is in ``test_reference_compile.py`` (module
``compile_flows.maps``) and ``test_reference_map_execute.py``; these tests pin the behaviour
observed there one element at a time.
"""

from __future__ import annotations

import functools
import hashlib
import re
import subprocess
import sys
import typing
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pytest

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2
from flytekit import LaunchPlan, PythonInstanceTask, conditional, map_task, task, workflow
from flytekit.configuration import FastSerializationSettings, ImageConfig, SerializationSettings
from flytekit.core.array_node import ArrayNode, array_node
from flytekit.core.array_node_map_task import ArrayNodeMapTask, ArrayNodeMapTaskResolver, array_job_index
from flytekit.core.context_manager import FlyteEntities
from flytekit.core.interface import Interface
from flytekit.core.type_engine import TypeTransformerFailedError
from flytekit.errors import FlyteAssertion
from flytekit.tools.translator import get_serializable

SETTINGS = SerializationSettings(image_config=ImageConfig.validate_image(None, None, ["reg/img:1"]))


@task(retries=2)
def square(x: int) -> int:
    return x * x


@task
def scale(x: int, factor: int) -> float:
    return x * factor / 2


@task
def fragile(x: int) -> int:
    if x % 3 == 0:
        raise ValueError(f"bad {x}")
    return x


@task
def pair(x: int, label: str) -> str:
    return f"{label}{x}"


@task
def record(x: int) -> None:
    SEEN.append(x)


@task
def two_outputs(x: int) -> tuple[int, int]:
    return x, x


SEEN: list[int] = []


@dataclass
class Point:
    x: int
    y: int


@task
def norm(p: Point) -> int:
    return abs(p.x) + abs(p.y)


class Doubler(PythonInstanceTask):
    def __init__(self, name: str) -> None:
        super().__init__(
            name=name, task_config=None, interface=Interface(inputs={"v": int}, outputs={"o0": int})
        )

    def execute(self, **kwargs: Any) -> Any:
        return kwargs["v"] * 2


doubler = Doubler(name="tests.sdk.test_map_tasks.doubler")


@workflow
def lp_target(a: int, b: int = 2) -> int:
    return typing.cast(int, square(x=a))


lp = LaunchPlan.get_or_create(lp_target, name="tests.sdk.test_map_tasks.lp")
fixed_lp = LaunchPlan.get_or_create(lp_target, name="tests.sdk.test_map_tasks.fixed", fixed_inputs={"b": 5})


@workflow
def plain(xs: list[int]) -> list[int]:
    return typing.cast(list[int], map_task(square)(x=xs))


@workflow
def tolerant(xs: list[int]) -> list[typing.Optional[int]]:  # noqa: UP045 - flytekit's spelling
    return typing.cast(list[typing.Any], map_task(fragile, concurrency=2, min_success_ratio=0.5)(x=xs))


@workflow
def partial_wf(xs: list[int], f: int) -> list[float]:
    return typing.cast(list[typing.Any], map_task(functools.partial(scale, factor=f))(x=xs))


@workflow
def branchy(xs: list[int], go: bool) -> list[int]:
    return typing.cast(
        list[int],
        conditional("which")
        .if_(typing.cast(typing.Any, go).is_true())
        .then(plain(xs=xs))
        .else_()
        .then(map_task(square, concurrency=1)(x=xs)),
    )


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def test_interface_and_name() -> None:
    m = map_task(square)
    assert isinstance(m, ArrayNodeMapTask)
    assert m.python_interface.inputs == {"x": typing.List[int]}  # noqa: UP006
    assert m.python_interface.outputs == {"o0": typing.List[int]}  # noqa: UP006
    assert m.name == f"tests.sdk.test_map_tasks.map_square_{_md5('NoneNone1.0')}-arraynode"
    assert m.task_type == "python-task" and m.task_type_version == 1
    assert m.metadata is square.metadata
    assert m in FlyteEntities.entities

    tolerant_map = map_task(fragile, concurrency=3, min_success_ratio=0.5)
    assert tolerant_map.python_interface.outputs == {"o0": typing.List[typing.Optional[int]]}  # noqa: UP006, UP045
    assert tolerant_map.name.endswith(f"map_fragile_{_md5('3None0.5')}-arraynode")

    bound = map_task(functools.partial(scale, factor=3), min_successes=2)
    assert bound.python_interface.inputs == {"x": typing.List[int], "factor": int}  # noqa: UP006
    assert bound.bound_inputs == {"factor"}
    assert bound.name.endswith(f"map_scale_{_md5('factorNone21.0')}-arraynode")

    assert map_task(doubler).name == f"python-task.map_doubler_{_md5('NoneNone1.0')}-arraynode"


def test_targets_that_cannot_be_mapped() -> None:
    with pytest.raises(ValueError, match="single output"):
        map_task(two_outputs)
    with pytest.raises(ValueError, match="Only PythonFunctionTask"):
        map_task(len)
    with pytest.raises(ValueError, match="by keyword"):
        map_task(functools.partial(scale, 3))
    with pytest.raises(ValueError, match="Only LaunchPlans"):
        array_node(square)


def test_local_runs_map_in_order() -> None:
    assert plain(xs=[1, 2, 3]) == [1, 4, 9]
    assert plain(xs=[]) == []
    assert map_task(square)(x=[4, 5]) == [16, 25]
    assert partial_wf(xs=[1, 2], f=3) == [1.5, 3.0]
    assert map_task(functools.partial(scale, factor=2))(x=[4]) == [4.0]
    assert map_task(pair)(x=[1, 2], label=["a", "b"]) == ["a1", "b2"]
    assert map_task(norm)(p=[Point(1, -2), Point(3, 4)]) == [3, 7]
    assert map_task(doubler)(v=[1, 2]) == [2, 4]
    assert branchy(xs=[2, 3], go=True) == [4, 9]
    assert branchy(xs=[2, 3], go=False) == [4, 9]
    SEEN.clear()
    assert map_task(record)(x=[3, 1, 2]) is None
    assert SEEN == [3, 1, 2]


def test_failed_elements_within_the_threshold_become_none() -> None:
    assert tolerant(xs=[1, 2, 3, 4]) == [1, 2, None, 4]
    assert map_task(fragile, min_successes=1, min_success_ratio=0.5)(x=[3, 6, 1]) == [None, None, 1]


def test_failures_past_the_threshold_raise_the_elements_error() -> None:
    name = map_task(fragile).name
    with pytest.raises(ValueError, match=f"Error encountered while executing '{name}':\n  bad 3"):
        map_task(fragile)(x=[1, 3, 4])
    with pytest.raises(ValueError, match="bad 6"):
        tolerant(xs=[3, 6, 1])  # the second failure leaves 1 of 3 < ceil(1.5)


def test_elements_after_a_fatal_failure_do_not_run() -> None:
    @task
    def strict(x: int) -> int:
        SEEN.append(x)
        if x == 2:
            raise ValueError("two")
        return x

    SEEN.clear()
    with pytest.raises(ValueError, match="two"):
        map_task(strict)(x=[1, 2, 3])
    assert SEEN == [1, 2]


def test_lists_of_different_lengths_follow_the_first_input() -> None:
    assert map_task(pair)(x=[1], label=["a", "b"]) == ["a1"]
    with pytest.raises(IndexError, match="list index out of range"):
        map_task(pair)(x=[1, 2], label=["a"])


def test_inputs_must_be_lists() -> None:
    with pytest.raises(TypeTransformerFailedError):
        map_task(square)(x=3)


def test_array_node_over_a_launch_plan_runs_from_python() -> None:
    node = map_task(lp)
    assert isinstance(node, ArrayNode)
    assert node.python_interface.inputs == {"a": typing.List[int], "b": typing.List[int]}  # noqa: UP006
    assert node(a=[1, 2], b=[5, 6]) == [1, 4]
    assert array_node(lp, min_success_ratio=0.5)(a=[3], b=[1]) == [9]
    fixed = array_node(fixed_lp)
    assert fixed.python_interface.inputs == {"a": typing.List[int]}  # noqa: UP006
    assert fixed(a=[2]) == [4]
    with pytest.raises(FlyteAssertion, match=re.escape("Input b of type typing.List[int] was not specified")):
        map_task(lp)(a=[1])
    with pytest.raises(ValueError, match="Expected a list of <class 'int'> but got <class 'list'>"):
        map_task(lp)(a=[], b=[])


def test_array_node_inside_a_local_workflow_run_is_refused_like_flytekit() -> None:
    @workflow
    def over_lp(xs: list[int]) -> list[int]:
        return typing.cast(list[typing.Any], map_task(lp)(a=xs, b=xs))

    with pytest.raises(ValueError, match=re.escape("but got <class 'flytekit.core.promise.Promise'>")):
        over_lp(xs=[1, 2])


def test_array_job_index() -> None:
    assert array_job_index({}) == 0
    assert array_job_index({"BATCH_JOB_ARRAY_INDEX_VAR_NAME": "IDX", "IDX": "3"}) == 3
    assert (
        array_job_index({"BATCH_JOB_ARRAY_INDEX_OFFSET": "10", "BATCH_JOB_ARRAY_INDEX_VAR_NAME": "IDX"}) == 10
    )
    assert (
        array_job_index(
            {"BATCH_JOB_ARRAY_INDEX_OFFSET": "2", "BATCH_JOB_ARRAY_INDEX_VAR_NAME": "I", "I": "1"}
        )
        == 3
    )


def test_resolver_round_trip() -> None:
    m = map_task(functools.partial(scale, factor=3))
    resolver = ArrayNodeMapTaskResolver()
    assert resolver.location == "flytekit.core.array_node_map_task.ArrayNodeMapTaskResolver"
    args = resolver.loader_args(SETTINGS, m)
    assert args == [
        "vars", "factor", "resolver", "flytekit.core.python_auto_container.default_task_resolver",
        "task-module", "tests.sdk.test_map_tasks", "task-name", "scale",
    ]  # fmt: skip
    loaded = resolver.load_task(args)
    assert loaded.python_function_task is scale
    assert loaded.bound_inputs == {"factor"}
    with pytest.raises(FlyteAssertion, match="vars <names>"):
        resolver.load_task(["task-module", "x"])


def test_map_task_spec() -> None:
    m = map_task(square, concurrency=4)
    spec = get_serializable(OrderedDict(), SETTINGS, m)
    assert isinstance(spec, task_pb2.TaskSpec)
    assert not spec.HasField("description")
    template = spec.template
    assert template.type == "python-task" and template.task_type_version == 1
    assert template.metadata.retries.retries == 2
    assert list(template.container.args[:2]) == ["pyflyte-map-execute", "--inputs"]
    resolver_at = list(template.container.args).index("--resolver")
    assert list(template.container.args[resolver_at:]) == [
        "--resolver", "flytekit.core.array_node_map_task.ArrayNodeMapTaskResolver", "--",
        "vars", "", "resolver", "flytekit.core.python_auto_container.default_task_resolver",
        "task-module", "tests.sdk.test_map_tasks", "task-name", "square",
    ]  # fmt: skip
    fast = SerializationSettings(
        image_config=SETTINGS.image_config,
        fast_serialization_settings=FastSerializationSettings(
            enabled=True, destination_dir="/root", distribution_location="s3://b/fast.tar.gz"
        ),
    )
    fast_args = get_serializable(OrderedDict(), fast, m).template.container.args  # type: ignore[attr-defined]
    assert list(fast_args[:7]) == [
        "pyflyte-fast-execute", "--additional-distribution", "s3://b/fast.tar.gz", "--dest-dir", "/root", "--",
        "pyflyte-map-execute",
    ]  # fmt: skip


def test_workflow_array_nodes() -> None:
    spec = get_serializable(OrderedDict(), SETTINGS, tolerant)
    assert isinstance(spec, workflow_pb2.WorkflowSpec)
    (node,) = spec.template.nodes
    mapped = map_task(fragile, concurrency=2, min_success_ratio=0.5)
    assert node.metadata.name == mapped.name and node.metadata.HasField("retries")
    array = node.array_node
    assert array.parallelism == 2
    assert array.WhichOneof("success_criteria") == "min_success_ratio" and array.min_success_ratio == 0.5
    assert array.execution_mode == 0 and array.HasField("is_original_sub_node_interface")
    assert not array.is_original_sub_node_interface.value
    assert array.node.id == mapped.name
    assert array.node.task_node.reference_id.name == mapped.name
    assert list(array.node.inputs) == list(node.inputs)

    @workflow
    def over_lp(xs: list[int]) -> list[typing.Optional[int]]:  # noqa: UP045
        return typing.cast(list[typing.Any], array_node(lp, concurrency=0, min_successes=1)(a=xs, b=[1, 2]))

    (lp_node,) = get_serializable(OrderedDict(), SETTINGS, over_lp).template.nodes  # type: ignore[attr-defined]
    assert lp_node.metadata.name == "tests.sdk.test_map_tasks.lp"
    inner = lp_node.array_node.node
    assert inner.id == "tests-sdk-test-map-tasks-lp"
    assert inner.workflow_node.launchplan_ref.name == "tests.sdk.test_map_tasks.lp"
    assert lp_node.array_node.min_successes == 1 and lp_node.array_node.parallelism == 0
    assert lp_node.array_node.execution_mode == 1 and lp_node.array_node.is_original_sub_node_interface.value


def test_kwargs_flytekit_accepts(caplog: pytest.LogCaptureFixture) -> None:
    m = map_task(square, max_concurrency=3, environment={"A": "1"}, something_else=1)
    assert m(x=[2]) == [4]
    assert "something_else" in caplog.text


def test_map_task_is_exported_lazily() -> None:
    probe = (
        "import sys, flytekit\n"
        "assert 'flytekit.core.array_node_map_task' not in sys.modules\n"
        "from flytekit import map_task\n"
        "from flytekit.core.array_node_map_task import map_task as direct\n"
        "assert map_task is direct and 'map_task' in flytekit.__all__\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=60)


def test_fetched_launch_plans_are_refused_clearly() -> None:
    from flytekit.remote.entities import FlyteLaunchPlan

    fetched = FlyteLaunchPlan.from_admin(
        launch_plan_pb2.LaunchPlan(id=identifier_pb2.Identifier(name="remote.lp"))
    )
    with pytest.raises(ValueError, match="fetched launch plan"):
        map_task(fetched)
