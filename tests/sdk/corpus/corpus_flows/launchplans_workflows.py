"""Workflow parameters: default inputs (default launch plan), failure policy, interruptible, docs,
default options; task parameters that land in the compiled spec."""

import datetime
import typing

from flytekit import Annotations, Labels, LaunchPlan, Resources, WorkflowFailurePolicy, task, workflow
from flytekit.core.options import Options
from flytekit.models.documentation import Description, Documentation, SourceCode


@task(
    retries=3,
    interruptible=True,
    timeout=120,
    deprecated="use add_v2",
    labels={"tier": "gold"},
    annotations={"owner": "ops"},
    pod_template_name="small-pods",
    environment={"MODE": "fast"},
    requests=Resources(cpu="1", mem="1Gi"),
)
def add(a: int, b: int = 10) -> int:
    """Add two numbers.

    A longer explanation of the adding.
    """
    return a + b


@task(interruptible=False, timeout=datetime.timedelta(minutes=5))
def label(total: int, prefix: str) -> str:
    return f"{prefix}{total}"


@workflow(
    failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE,
    interruptible=True,
    docs=Documentation(
        short_description="Adds and labels.",
        long_description=Description(value="Long words about adding."),
        source_code=SourceCode(link="https://example.com/src"),
    ),
    default_options=Options(labels=Labels({"team": "wf"}), annotations=Annotations({"note": "x"})),
)
def add_and_label(a: int, b: int = 5, prefix: str = "total=") -> str:
    return label(total=add(a=a, b=b), prefix=prefix)


@workflow
def optional_input(a: int, note: typing.Optional[str] = None, scale: float = 1.5) -> float:
    """Scales a number.

    :param a: the number
    :param note: an optional note
    :param scale: the factor
    """
    return label_float(x=add(a=a), scale=scale)


@task
def label_float(x: int, scale: float) -> float:
    return x * scale


default_plan = LaunchPlan.get_or_create(add_and_label)
optional_plan = LaunchPlan.get_or_create(optional_input)


def _default_plan_shape() -> typing.List[typing.Any]:
    params = default_plan.parameters.parameters
    return [
        sorted((k, p.required) for k, p in params.items()),
        default_plan.labels.values,
        default_plan.annotations.values,
        sorted((k, p.required) for k, p in optional_plan.parameters.parameters.items()),
    ]


def _task_settings() -> typing.List[typing.Any]:
    md = add.metadata
    return [
        md.retries,
        md.interruptible,
        md.timeout.total_seconds(),
        md.deprecated,
        label.metadata.interruptible,
    ]


@task(
    docs=Documentation(short_description="Fails on negatives.", long_description=Description(value="Raises."))
)
def fails(x: int) -> int:
    if x < 0:
        raise ValueError("negative")
    return x


@workflow(failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE)
def keeps_going(x: int) -> typing.Tuple[int, int]:
    return fails(x=x), add(a=x)


@workflow(interruptible=True)
def interruptible_wf(a: int) -> str:
    return label(total=add(a=a, b=a), prefix="i")


@workflow
def sub_and_plan(a: int) -> str:
    return add_and_label(a=a, prefix="sub=")


CASES = {
    "defaults": lambda: add_and_label(a=1),
    "overrides": lambda: add_and_label(a=1, b=2, prefix="="),
    "task_default": lambda: add(a=4),
    "optional": lambda: optional_input(a=2),
    "default_plan_runs": lambda: default_plan(a=3),
    "default_plan_shape": _default_plan_shape,
    "task_settings": _task_settings,
    "bad_timeout": lambda: task(timeout="soon")(_task_settings),
    "keeps_going": lambda: keeps_going(x=2),
    "keeps_going_fails": lambda: keeps_going(x=-1),
    "interruptible_wf": lambda: interruptible_wf(a=3),
    "sub_and_plan": lambda: sub_and_plan(a=9),
}
