"""Tasks of every supported type and setting, and a workflow using them."""

import datetime
import typing

from flytekit import LaunchPlan, Resources, WorkflowFailurePolicy, task, workflow


@task
def greet(name: str, times: int = 3) -> str:
    """Say hello.

    A longer description
    over two lines.

    :param name: who to greet
    :return: the greeting
    """
    return f"hello {name} x{times}"


@task(
    cache=True,
    cache_version="1.0",
    retries=2,
    interruptible=True,
    timeout=datetime.timedelta(minutes=5),
    environment={"MODE": "fast", "E1": "task-wins"},
    requests=Resources(cpu="1", mem="200Mi"),
    limits=Resources(cpu="2", mem="400Mi", gpu="1"),
    container_image="ghcr.io/org/custom:v2",
)
def square(x: int) -> int:
    return x * x


@task(container_image="{{.image.special.fqn}}:{{.image.special.version}}", timeout=45)
def on_special_image(x: float) -> float:
    return x / 2


@task(resources=Resources(cpu=("1", "2"), mem="1Gi"), interruptible=False, deprecated="use square")
def nested(
    xs: typing.List[int], table: typing.Dict[str, typing.List[float]]
) -> typing.Tuple[typing.List[typing.List[str]], bool]:
    """Nested collections.

    Args:
        xs: numbers
        table: named series

    Returns:
        strings and a flag
    """
    return [[str(x)] for x in xs], bool(table)


@task
def stats(values: list[int]) -> typing.NamedTuple("Stats", total=int, label=str):  # type: ignore[valid-type]
    """Numpy style.

    Parameters
    ----------
    values : list
        The numbers.

    Returns
    -------
    Stats
        Total and label.
    """
    return sum(values), "sum"


@task
def shift(when: datetime.datetime, by: datetime.timedelta, flag: bool = False) -> datetime.datetime:
    return when + by


@task
def log_only() -> None:
    print("nothing to return")


@workflow
def square_twice(x: int) -> int:
    """Square, then square again."""
    return typing.cast(int, square(x=square(x=x)))


@workflow(failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE, interruptible=True)
def pipeline(name: str = "bob", x: int = 4, ratio: float = 0.5) -> tuple[str, int, float, int]:
    """The main pipeline.

    :param name: person to greet
    :param x: the number
    """
    g = greet(name=name)
    q = square(x=x)
    r = square_twice(x=q)
    _strings, _flag = nested(xs=[q, r, 3], table={"a": [ratio, 1.5], "b": []})
    s = stats(values=[r, x])
    log_only()
    half = on_special_image(x=ratio)
    return g, s.total, half, 7


fixed_plan = LaunchPlan.get_or_create(
    pipeline, name="fixed_plan", default_inputs={"x": 9}, fixed_inputs={"name": "alice"}
)
