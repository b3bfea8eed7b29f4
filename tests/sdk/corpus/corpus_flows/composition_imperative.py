"""Imperative workflows (flytekit.Workflow): inputs, entities, list outputs, sub-workflows, handlers."""

import typing

from flytekit import LaunchPlan, Workflow, task, workflow
from flytekit.types.error import FlyteError

HANDLED: typing.List[typing.Any] = []


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def describe(n: int, label: str) -> str:
    return f"{label}={n}"


@task
def maybe_fail(n: int) -> int:
    if n < 0:
        raise ValueError("negative")
    return n


@task
def note_failure(n: int, err: typing.Optional[FlyteError] = None) -> None:
    HANDLED.append((n, err.failed_node_id if err else None))


@workflow
def double(n: int) -> int:
    return add(a=n, b=n)


double_lp = LaunchPlan.get_or_create(double, name="composition_imperative.double_lp")

builder = Workflow(name="composition.imperative.basic")
x_in = builder.add_workflow_input("x", int)
y_in = builder.add_workflow_input("y", int)
total = builder.add_entity(add, a=x_in, b=y_in)
doubled = builder.add_subwf(double, n=total.outputs["o0"])
via_lp = builder.add_launch_plan(double_lp, n=doubled.outputs["o0"])
text = builder.add_task(describe, n=via_lp.outputs["o0"], label="total")
builder.add_workflow_output("text", text.outputs["o0"])
builder.add_workflow_output(
    "all", [total.outputs["o0"], doubled.outputs["o0"], via_lp.outputs["o0"]], python_type=typing.List[int]
)

single = Workflow(name="composition.imperative.single")
s_in = single.add_workflow_input("n", int)
s_node = single.add_entity(add, a=s_in, b=100)
single.add_workflow_output("out", s_node.outputs["o0"])

guarded = Workflow(name="composition.imperative.guarded")
g_in = guarded.add_workflow_input("n", int)
g_node = guarded.add_entity(maybe_fail, n=g_in)
guarded.add_workflow_output("out", g_node.outputs["o0"], python_type=int)
guarded.add_on_failure_handler(note_failure)

unfinished = Workflow(name="composition.imperative.unfinished")
unfinished.add_workflow_input("unused", int)


def _guarded(n: int) -> typing.Any:
    HANDLED.clear()
    try:
        outcome: typing.Any = guarded(n=n)
    except Exception as exc:
        outcome = type(exc).__name__
    return outcome, list(HANDLED)


def _shape() -> typing.Any:
    return (
        builder.name,
        sorted(builder.python_interface.inputs),
        sorted(builder.python_interface.outputs),
        [n.id for n in builder.nodes],
        builder.ready(),
        unfinished.ready(),
        sorted(builder.inputs),
    )


CASES = {
    "basic": lambda: builder(x=1, y=2),
    "basic_positional_kwargs": lambda: builder(y=10, x=-3),
    "single": lambda: single(n=5),
    "guarded_ok": lambda: _guarded(3),
    "guarded_fails": lambda: _guarded(-1),
    "shape": _shape,
    "unfinished": lambda: unfinished(unused=1),
}
