"""Launch plans with default and fixed inputs, called locally and from other workflows."""

import typing

from flytekit import LaunchPlan, task, workflow


@task
def join(x: int, y: str, sep: str) -> str:
    return f"{x}{sep}{y}"


@task
def shout(s: str) -> str:
    return s.upper()


@workflow
def pair_wf(x: int, y: str = "dflt", sep: str = ",") -> str:
    return join(x=x, y=y, sep=sep)


fixed_lp = LaunchPlan.get_or_create(
    pair_wf, name="lp_fixed_y", default_inputs={"x": 1}, fixed_inputs={"y": "hello"}
)
defaults_lp = LaunchPlan.get_or_create(pair_wf, name="lp_defaults", default_inputs={"x": 7, "sep": "-"})
default_lp = LaunchPlan.get_or_create(pair_wf)
created_lp = LaunchPlan.create("lp_created", pair_wf, fixed_inputs={"sep": "|", "y": "z"})


@workflow
def calls_lps(n: int) -> typing.Tuple[str, str, str]:
    a = fixed_lp(x=n)
    b = defaults_lp()
    c = created_lp(x=n)
    return a, b, c


@workflow
def chained(n: int) -> str:
    first = fixed_lp(x=n)
    return shout(s=first)


def _same_plan_again() -> bool:
    again = LaunchPlan.get_or_create(
        pair_wf, name="lp_fixed_y", default_inputs={"x": 1}, fixed_inputs={"y": "hello"}
    )
    return again is fixed_lp


def _parameters(lp: LaunchPlan) -> typing.List[typing.Tuple[str, bool]]:
    return sorted((name, p.required) for name, p in lp.parameters.parameters.items())


@workflow
def twice_with_lp(a: int, b: int) -> typing.List[str]:
    return [fixed_lp(x=a), fixed_lp(x=b), defaults_lp(x=a)]


@workflow
def default_lp_inside(n: int = 11) -> str:
    return default_lp(x=n, sep=":")


nested_lp = LaunchPlan.get_or_create(chained, name="lp_nested", default_inputs={"n": 21})


@workflow
def calls_nested(k: int) -> str:
    return shout(s=nested_lp(n=k))


@task
def total(xs: typing.List[int]) -> int:
    return sum(xs)


@workflow
def list_defaults(xs: typing.List[int] = [1, 2, 3], label: str = "sum") -> str:  # noqa: B006
    return join(x=total(xs=xs), y=label, sep="=")


list_lp = LaunchPlan.get_or_create(list_defaults, name="lp_list_defaults", default_inputs={"xs": [4, 5]})


CASES = {
    "fixed_defaults_only": lambda: fixed_lp(),
    "fixed_override_default": lambda: fixed_lp(x=5),
    "fixed_override_fixed_locally": lambda: fixed_lp(x=2, y="changed"),
    "defaults_lp": lambda: defaults_lp(),
    "defaults_lp_override": lambda: defaults_lp(sep="+"),
    "default_lp": lambda: default_lp(x=3),
    "default_lp_is_cached": lambda: LaunchPlan.get_or_create(pair_wf) is default_lp,
    "default_lp_name": lambda: default_lp.name == pair_wf.name,
    "created_lp": lambda: created_lp(x=9),
    "inside_workflow": lambda: calls_lps(n=4),
    "chained": lambda: chained(n=8),
    "positional_refused": lambda: fixed_lp(3),
    "same_plan_again": _same_plan_again,
    "different_settings_refused": lambda: LaunchPlan.get_or_create(
        pair_wf, name="lp_fixed_y", default_inputs={"x": 2}
    ),
    "other_workflow_refused": lambda: LaunchPlan.get_or_create(chained, name="lp_defaults"),
    "create_twice_refused": lambda: LaunchPlan.create("lp_created", pair_wf),
    "default_with_settings_refused": lambda: LaunchPlan.get_or_create(pair_wf, default_inputs={"x": 1}),
    "fixed_parameters": lambda: _parameters(fixed_lp),
    "default_parameters": lambda: _parameters(default_lp),
    "saved_inputs": lambda: sorted(fixed_lp.saved_inputs.items()),
    "raw_fixed_inputs": lambda: sorted(created_lp.raw_fixed_inputs.items()),
    "missing_required": lambda: created_lp(),
    "twice_with_lp": lambda: twice_with_lp(a=1, b=2),
    "default_lp_inside": lambda: default_lp_inside(),
    "nested_lp_default": lambda: nested_lp(),
    "calls_nested": lambda: calls_nested(k=3),
    "list_defaults": lambda: list_defaults(),
    "list_lp": lambda: list_lp(),
    "list_lp_override": lambda: list_lp(xs=[1], label="n"),
}
