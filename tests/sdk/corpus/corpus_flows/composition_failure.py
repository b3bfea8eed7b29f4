"""Failure handlers (on_failure): a task or a workflow, with an optional FlyteError input."""

import typing

from flytekit import task, workflow
from flytekit.types.error import FlyteError

CALLS: typing.List[typing.Any] = []


@task
def clean_up(name: str, fail: bool, err: typing.Optional[FlyteError] = None) -> None:
    # task names depend on how the module was imported; keep the message independent of that
    message = err.message.replace(run_job.name, "run_job") if err else None
    CALLS.append(("clean_up", name, fail, err.failed_node_id if err else None, message))


@task
def clean_up_quietly(name: str) -> None:
    CALLS.append(("clean_up_quietly", name))


@task
def create(name: str) -> str:
    return f"cluster-{name}"


@task
def run_job(cluster: str, fail: bool) -> int:
    if fail:
        raise ValueError(f"job on {cluster} failed")
    return len(cluster)


@workflow
def cleanup_wf(name: str, fail: bool, err: typing.Optional[FlyteError] = None) -> None:
    clean_up(name=name, fail=fail, err=err)


@workflow(on_failure=clean_up)
def with_task_handler(name: str, fail: bool = True) -> int:
    c = create(name=name)
    return run_job(cluster=c, fail=fail)


@workflow(on_failure=cleanup_wf)
def with_workflow_handler(name: str, fail: bool) -> int:
    return run_job(cluster=create(name=name), fail=fail)


@workflow(on_failure=clean_up_quietly)
def with_plain_handler(name: str) -> int:
    return run_job(cluster=name, fail=True)


def _run(wf: typing.Any, **kwargs: typing.Any) -> typing.Any:
    CALLS.clear()
    try:
        outcome: typing.Any = wf(**kwargs)
    except Exception as exc:
        outcome = type(exc).__name__
    return outcome, list(CALLS)


def _flyte_error() -> typing.Any:
    e = FlyteError(message="m", failed_node_id="n0")
    return e.message, e.failed_node_id


CASES = {
    "task_handler_fails": lambda: _run(with_task_handler, name="a"),
    "task_handler_succeeds": lambda: _run(with_task_handler, name="bb", fail=False),
    "workflow_handler_fails": lambda: _run(with_workflow_handler, name="c", fail=True),
    "workflow_handler_succeeds": lambda: _run(with_workflow_handler, name="c", fail=False),
    "plain_handler": lambda: _run(with_plain_handler, name="d"),
    "raises_original": lambda: with_task_handler(name="e"),
    "flyte_error": _flyte_error,
}
