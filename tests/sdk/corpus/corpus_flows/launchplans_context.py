"""current_context() inside and outside tasks: ids, folders, checkpoints, stats, attributes;
Environment bundles of task settings."""

import os
import typing

import flytekit
from flytekit import Environment, current_context, task, workflow

env = Environment(retries=2, environment={"STAGE": "test"}, timeout=60)
child_env = env.extend(retries=3, environment={"EXTRA": "1"})


@task
def ids() -> typing.List[str]:
    ctx = current_context()
    ex, tid = ctx.execution_id, ctx.task_id
    return [ex.project, ex.domain, ex.name, tid.project, tid.name, tid.version]


@task
def workdir() -> str:
    path = current_context().working_directory
    with open(os.path.join(path, "scratch.txt"), "w") as f:
        f.write("x")
    return path


@workflow
def two_workdirs() -> typing.Tuple[str, str]:
    return workdir(), workdir()


@task
def checkpoints() -> str:
    cp = current_context().checkpoint
    before = cp.read()
    cp.write(b"state-1")
    return f"{cp.prev_exists()}|{before}|{cp.restore() is None}"


@task
def context_bits() -> str:
    ctx = current_context()
    ctx.stats.incr("corpus.counter")
    with ctx.stats.timer("corpus.timer"):
        pass
    ctx.logging.info("hello from the corpus")
    return f"{ctx.has_attr('spark_session')}|{ctx.raw_output_prefix is not None}|{ctx.output_metadata_prefix}"


@task
def missing_attribute() -> str:
    return current_context().get("spark_session")


@env.task
def env_task(x: int) -> str:
    return f"{x}:{os.environ.get('STAGE', 'unset')}"


@child_env(retries=5)
def child_task(x: int) -> int:
    return x * 2


@workflow
def env_wf(x: int) -> typing.Tuple[str, int]:
    return env_task(x=x), child_task(x=x)


def _env_settings() -> typing.List[typing.Any]:
    return [
        env_task.metadata.retries,
        env_task.environment,
        env_task.metadata.timeout.total_seconds(),
        child_task.metadata.retries,
        child_task.environment,
        env.overrides["retries"],
        child_env.overrides["environment"],
    ]


def _updated() -> typing.List[typing.Any]:
    e = Environment(retries=1)
    e.update(retries=4, cache=True)
    return sorted(e.overrides.items())


def _outside_task() -> typing.List[typing.Any]:
    ctx = flytekit.current_context()
    return [ctx.execution_id.name, ctx.task_id.name, ctx.working_directory is not None]


def _distinct_workdirs() -> bool:
    a, b = two_workdirs()
    return a != b


@task
def checkpoint_bytes(x: int) -> int:
    cp = current_context().checkpoint
    cp.write(str(x).encode())
    return x + 1


@workflow
def checkpoint_chain(x: int) -> int:
    return checkpoint_bytes(x=checkpoint_bytes(x=x))


@workflow
def ids_wf() -> typing.List[str]:
    return ids()


CASES = {
    "ids": ids,
    "distinct_workdirs": _distinct_workdirs,
    "checkpoints": checkpoints,
    "context_bits": context_bits,
    "missing_attribute": missing_attribute,
    "outside_task": _outside_task,
    "checkpoint_outside_task": lambda: flytekit.current_context().checkpoint,
    "env_wf": lambda: env_wf(x=5),
    "env_settings": _env_settings,
    "env_update": _updated,
    "env_no_task_function": lambda: Environment(_task_function=len),
    "new_context": lambda: type(flytekit.new_context().__enter__()).__name__,
    "checkpoint_chain": lambda: checkpoint_chain(x=1),
    "ids_wf": lambda: ids_wf(),
}
