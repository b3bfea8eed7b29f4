"""``@task``: the decorated object, its metadata, and local calls with literal round trips."""

from __future__ import annotations

import datetime
import os
import re
import typing

import pytest

from flyteidl.core import types_pb2
from flytekit import Cache, PythonFunctionTask, Resources, current_context, task
from flytekit.core.base_task import TaskMetadata
from flytekit.core.context_manager import FlyteEntities
from flytekit.core.resources import ResourceSpec
from flytekit.core.type_engine import TypeTransformerFailedError
from flytekit.errors import (
    FlyteAssertion,
    FlyteRecoverableException,
)


class Summary(typing.NamedTuple):
    total: int
    label: str


def make_nested_task() -> PythonFunctionTask:
    def inner(x: int) -> int:
        return x

    return task(inner)


def test_decorated_object() -> None:
    @task
    def add(a: int, b: int = 2) -> int:
        """Add two numbers."""
        return a + b

    assert isinstance(add, PythonFunctionTask)
    assert add.name == "tests.sdk.test_tasks.add"
    assert add.__name__ == "add" and add.__doc__ == "Add two numbers."
    assert add.__wrapped__(1, 2) == 3  # type: ignore[attr-defined]
    assert add.task_function(a=1, b=1) == 2
    assert add.python_interface.inputs == {"a": int, "b": int}
    assert add.interface.outputs.variables["o0"].type == types_pb2.LiteralType(simple=types_pb2.INTEGER)
    assert add.metadata == TaskMetadata()
    assert add.task_type == "python-task"


def test_metadata_and_container_settings() -> None:
    @task(
        cache=True,
        cache_version="3",
        retries=2,
        interruptible=True,
        timeout=90,
        environment={"A": "b"},
        requests=Resources(cpu="1"),
        limits=Resources(mem="1Gi"),
        container_image="img:2",
        deprecated="old",
    )
    def t(x: int) -> int:
        return x

    assert t.metadata.cache and t.metadata.cache_version == "3"
    assert t.metadata.retries == 2 and t.metadata.interruptible is True
    assert t.metadata.timeout == datetime.timedelta(seconds=90)
    assert t.metadata.deprecated == "old"
    assert t.environment == {"A": "b"} and t.container_image == "img:2"
    assert t.resources == ResourceSpec(requests=Resources(cpu="1"), limits=Resources(mem="1Gi"))


def test_resources_parameter_splits_requests_and_limits() -> None:
    @task(resources=Resources(cpu=("1", "2"), mem="1Gi"))
    def t() -> None:
        pass

    assert t.resources == ResourceSpec(requests=Resources(cpu="1", mem="1Gi"), limits=Resources(cpu="2"))
    with pytest.raises(ValueError, match="either resources= or requests="):

        @task(resources=Resources(cpu="1"), requests=Resources(cpu="1"))
        def u() -> None:
            pass


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cache": True}, "at least one cache policy"),
        ({"cache_serialize": True}, "``cache_serialize=True`` but ``cache`` is not enabled"),
        ({"cache_ignore_input_vars": ("a",)}, "``cache`` is not enabled"),
        ({"cache": Cache(version="1"), "cache_version": "2"}, "deprecated. Please use Cache object"),
        ({"cache": Cache(version="1"), "cache_serialize": False}, "deprecated. Please use Cache object"),
        ({"timeout": "5m"}, "timeout should be duration"),
        ({"secret_requests": ["group"]}, "should be of type flytekit.Secret"),
        ({"node_dependency_hints": []}, "only be used on dynamic tasks"),
        ({"colour": "blue"}, "Unrecognized argument"),
    ],
)
def test_bad_task_arguments(kwargs: dict[str, typing.Any], message: str) -> None:
    def t() -> None:
        pass

    with pytest.raises((ValueError, AssertionError), match=message):
        typing.cast(typing.Any, task)(**kwargs)(t)


def test_nested_functions_outside_tests_are_refused() -> None:
    # As in flytekit 1.16: a ValueError, raised once the task is built, so it is listed all the same.
    listed = len(FlyteEntities.entities)
    with pytest.raises(ValueError, match="defined inside another function"):
        make_nested_task()
    half_built = FlyteEntities.entities[listed:]
    assert [type(t).__name__ for t in half_built] == ["PythonFunctionTask"]
    assert half_built[0].container_image is None and half_built[0].resources.is_empty()


def test_tasks_refused_by_their_container_settings_are_not_listed() -> None:
    def f() -> None:
        pass

    listed = len(FlyteEntities.entities)
    with pytest.raises(FlyteAssertion, match="container_image must be"):
        typing.cast(typing.Any, task)(container_image=123)(f)
    assert len(FlyteEntities.entities) == listed


def test_local_calls_return_native_values() -> None:
    @task
    def add(a: int, b: int = 2) -> int:
        return a + b

    @task
    def split(s: str) -> tuple[list[str], int]:
        parts = s.split(",")
        return parts, len(parts)

    @task
    def summary(xs: dict[str, list[int]]) -> Summary:
        return Summary(sum(sum(v) for v in xs.values()), "sum")

    @task
    def nothing() -> None:
        pass

    assert add(a=1) == 3
    assert add(1, 5) == 6
    result = split(s="a,b")
    assert result == (["a", "b"], 2) and type(result).__name__ == "DefaultNamedTupleOutput"
    assert result.o0 == ["a", "b"]
    out = summary(xs={"a": [1, 2], "b": [3]})
    assert (out.total, out.label, type(out).__name__) == (6, "sum", "Summary")
    assert nothing() is None


def test_inputs_are_checked_by_the_type_engine() -> None:
    @task
    def add(a: int, b: int) -> int:
        return a + b

    with pytest.raises(FlyteAssertion, match="has no input"):
        add(a=1, c=2)
    with pytest.raises(FlyteAssertion, match="positional"):
        add(1, 2, 3)
    with pytest.raises(FlyteAssertion, match="two values for input 'a'"):
        add(1, a=2)
    with pytest.raises(TypeError, match=re.escape("tests.sdk.test_tasks.add() missing required input 'b'")):
        add(a=1)
    with pytest.raises(TypeError, match="Failed to convert input 'b'"):
        add(a=1, b="2")


def test_user_errors_keep_their_type_with_the_task_name() -> None:
    @task
    def boom(x: int) -> int:
        raise ValueError(f"bad {x}")

    @task
    def flaky() -> None:
        raise FlyteRecoverableException("again")

    with pytest.raises(
        ValueError, match=re.escape("Error encountered while executing 'tests.sdk.test_tasks.boom':\n  bad 3")
    ):
        boom(x=3)
    with pytest.raises(FlyteRecoverableException, match="again"):
        flaky()


def test_outputs_must_fit_the_declaration() -> None:
    @task
    def wrong() -> int:
        return "x"  # type: ignore[return-value]

    @task
    def too_many() -> int:
        return 1, 2  # type: ignore[return-value]

    @task
    def too_few() -> tuple[int, int]:
        return 1  # type: ignore[return-value]

    # flytekit 1.16 raises the transformer's own error, and TypeError for a misshapen return.
    with pytest.raises(
        TypeTransformerFailedError, match=r"Failed to convert outputs of task .* at position 0"
    ):
        wrong()
    with pytest.raises(TypeError, match=r"Output\(o0\) in task .* received a tuple"):
        too_many()
    with pytest.raises(TypeError, match="declares 2 outputs"):
        too_few()


def test_tasks_calling_tasks_run_the_function() -> None:
    @task
    def inner(x: int) -> int:
        return x + 1

    @task
    def outer(x: int) -> int:
        return typing.cast(int, inner(x=x)) * 10

    assert outer(x=1) == 20


def test_each_invocation_has_its_own_working_directory() -> None:
    @task
    def where() -> str:
        path = current_context().working_directory
        assert os.path.isdir(path)
        return path

    assert where() != where()
    assert current_context().execution_id is not None
    assert current_context().execution_id.name == "local"  # type: ignore[union-attr]
