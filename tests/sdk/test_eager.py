"""``@eager``: local asyncio runs, validation, what registration produces, and launch naming."""

# Task calls are typed as returning Any; these bodies return them as declared outputs.
# mypy: disable-error-code="no-any-return"

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

import pytest
from google.protobuf.message import Message

from flyteidl.admin import task_pb2, workflow_pb2
from flytekit import eager, task, workflow
from flytekit.configuration import SERIALIZED_CONTEXT_ENV_VAR, ImageConfig, SerializationSettings
from flytekit.core.eager_controlling import EagerController, dns_label
from flytekit.core.eager_task import EagerAsyncPythonFunctionTask, EagerFailureHandlerTask
from flytekit.errors import FlyteValidationException
from flytekit.runtime.execution import load_resolver
from flytekit.tools.repo import with_default_launch_plans
from flytekit.tools.translator import get_serializable

SETTINGS = SerializationSettings(image_config=ImageConfig.auto(img_name="myreg/img:1"))


@task
def inc(x: int) -> int:
    return x + 1


@task
async def square(x: int) -> int:
    return x * x


@task
def refuse(x: int) -> int:
    raise ValueError(f"refused {x}")


@workflow
def inc_twice(x: int) -> int:
    return inc(x=inc(x=x))


@eager
async def inner(x: int) -> int:
    return inc(x=x) * 10


@eager
async def outer(n: int) -> tuple[int, list[int]]:
    values = await asyncio.gather(*[square(x=i) for i in range(n)])
    nested = await inner(x=n)
    via_workflow = inc_twice(x=nested)
    assert isinstance(via_workflow, int), "calls inside an eager body give real values"
    return via_workflow if via_workflow > 20 else -1, list(values)


@eager
async def handles(x: int) -> str:
    try:
        refuse(x=x)
    except ValueError as exc:
        return f"caught: {exc}"
    return "not raised"


@eager
async def fails(x: int) -> int:
    return refuse(x=x)


def test_local_runs_give_real_values() -> None:
    assert isinstance(outer, EagerAsyncPythonFunctionTask)
    assert asyncio.run(outer(n=3)) == (42, [0, 1, 4])
    assert asyncio.run(inner(x=1)) == 20
    assert asyncio.run(square(x=5)) == 25
    assert asyncio.run(handles(x=2)).startswith("caught: Error encountered while executing")


def test_errors_keep_their_type_and_name_each_entity() -> None:
    with pytest.raises(ValueError) as info:
        asyncio.run(fails(x=4))
    message = str(info.value)
    assert message.startswith(f"Error encountered while executing '{fails.name}':")
    assert f"Error encountered while executing '{refuse.name}':" in message and "refused 4" in message


def test_eager_needs_an_async_function() -> None:
    def plain(x: int) -> int:
        return x

    with pytest.raises(FlyteValidationException, match="async def"):
        eager(plain)


def test_registration_adds_the_wrapping_workflow_and_cleanup_task() -> None:
    mapping: OrderedDict[Any, Message] = OrderedDict()
    for entity in with_default_launch_plans([inner]):
        get_serializable(mapping, SETTINGS, entity)
    specs = list(mapping.values())
    kinds = [(type(s).__name__, _name(s)) for s in specs]
    assert kinds == [
        ("TaskSpec", inner.name),
        ("TaskSpec", f"{inner.name}-cleanup"),
        ("WorkflowSpec", inner.name),
        ("LaunchPlan", inner.name),
    ]
    eager_spec, cleanup_spec, wf_spec = specs[0], specs[1], specs[2]
    assert isinstance(eager_spec, task_pb2.TaskSpec) and isinstance(cleanup_spec, task_pb2.TaskSpec)
    assert eager_spec.template.metadata.is_eager and eager_spec.template.metadata.generates_deck.value
    assert SERIALIZED_CONTEXT_ENV_VAR in {e.key for e in eager_spec.template.container.env}
    assert cleanup_spec.template.type == "eager_failure_handler_task"
    assert not cleanup_spec.HasField("description")
    args = list(cleanup_spec.template.container.args)
    assert args[args.index("--resolver") + 1 :] == [
        "flytekit.core.python_function_task.eager_failure_task_resolver",
        "--",
        "eager",
        "failure",
        "handler",
    ]
    assert isinstance(wf_spec, workflow_pb2.WorkflowSpec) and not wf_spec.HasField("description")
    template = wf_spec.template
    assert [n.id for n in template.nodes] == ["n0"] and template.failure_node.id == "efn"
    assert template.failure_node.task_node.reference_id.name == f"{inner.name}-cleanup"
    assert template.outputs[0].binding.promise.node_id == "n0"


def test_the_cleanup_resolver_is_found_at_flytekits_path() -> None:
    resolver = load_resolver("flytekit.core.python_function_task.eager_failure_task_resolver")
    loaded = resolver.load_task(["eager", "failure", "handler"])
    assert isinstance(loaded, EagerFailureHandlerTask) and loaded.task_type == "eager_failure_handler_task"


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("e-outer-abc12", "e-outer-abc12"),
        ("_My.Task_Name", "my-task-name"),
        ("e-CamelCase-x", "e-camel-case-x"),
        ("a" * 70, None),
    ],
)
def test_dns_labels(value: str, label: str | None) -> None:
    result = dns_label(value)
    assert len(result) <= 63 and result == result.lower() and not result.startswith("-")
    if label is not None:
        assert result == label


def test_launch_names_are_deterministic_per_call() -> None:
    controller = EagerController(
        remote=None,  # type: ignore[arg-type]  # naming never touches the remote
        settings=SETTINGS,
        tag="exec1",
        root_tag="exec1",
        exec_prefix="e-outer-exec1",
    )
    first = controller.execution_name(inc, 0, {"x": 1})
    assert first == controller.execution_name(inc, 0, {"x": 1})
    assert first.startswith("e-outer-exec1-inc-") and len(first.rsplit("-", 1)[1]) == 16
    assert first != controller.execution_name(inc, 1, {"x": 1})
    assert first != controller.execution_name(inc, 0, {"x": 2})


def _name(spec: object) -> str:
    template = getattr(spec, "template", None)
    return template.id.name if template is not None else spec.id.name  # type: ignore[attr-defined]


def test_client_secret_is_read_like_a_mounted_secret(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    from flytekit.core.eager_controlling import read_secret
    from flytekit.errors import FlyteAssertion

    monkeypatch.setenv("_FSEC_CREDS_CLIENT", "s3cret")
    assert read_secret("creds", "client") == "s3cret"
    monkeypatch.setenv("FLYTE_SECRETS_DEFAULT_DIR", str(tmp_path))
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "key").write_text("from-file\n")
    assert read_secret("other", "key") == "from-file"
    with pytest.raises(FlyteAssertion, match="_FSEC_MISSING_KEY"):
        read_secret("missing", "key")


def test_eager_options_are_checked_and_kept() -> None:
    async def body(x: int) -> int:
        return x

    with pytest.raises(FlyteValidationException, match="both client_secret_group and client_secret_key"):
        eager(client_secret_group="g")(body)
    sentinel = object()
    decorated = eager(remote=sentinel, client_secret_group="g", client_secret_key="k")(body)
    assert decorated.remote is sentinel and decorated.client_secret == ("g", "k")
