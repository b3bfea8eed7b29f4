"""Launch plans against a real admin: ``auto_activate=True`` makes a plan ACTIVE after registration
(a client-side flag), and ``Options`` override plans at registration and executions at launch.

Both registration paths are checked against a real admin: ``pyflyte register`` and
``FlyteRemote.register_launch_plan``. Plans without the flag stay inactive.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from flytekit.clis.pyflyte import main
from tests.sdk.remote.platform import RunningAdmin, UserProject

pytestmark = pytest.mark.integration

PLANS = """
    import datetime
    from flytekit import CronSchedule, LaunchPlan, task, workflow

    @task
    def double(x: int) -> int:
        return 2 * x

    @workflow
    def wf(x: int = 1) -> int:
        return double(x=x)

    auto = LaunchPlan.get_or_create(
        wf, name=__name__ + ".auto", default_inputs={"x": 3}, auto_activate=True,
        schedule=CronSchedule(schedule="@daily"),
    )
    manual = LaunchPlan.get_or_create(wf, name=__name__ + ".manual", default_inputs={"x": 4})
"""


@pytest.fixture
def in_project(user_project: UserProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserProject]:
    monkeypatch.chdir(user_project.root)
    for name in ("FLYTE_DEFAULT_PROJECT", "FLYTE_DEFAULT_DOMAIN", "FLYTE_PLATFORM_URL", "FLYTECTL_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    yield user_project


def test_pyflyte_register_activates_auto_activate_plans(
    in_project: UserProject, admin: RunningAdmin, tmp_path: Path
) -> None:
    in_project.write("plans", PLANS)
    config = admin.write_config_file(tmp_path)
    result = CliRunner().invoke(
        main, ["-c", str(config), "register", in_project.package], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    name = in_project.module_name("plans")
    version = result.output.splitlines()[-1].rsplit(" ", 1)[-1]
    assert (
        f"    activated launch plan {name}.auto version {version} (auto_activate)"
        in result.output.splitlines()
    )
    remote = admin.remote()
    active = remote.fetch_active_launchplan(name=f"{name}.auto")
    assert active is not None and active.id.version == version
    assert active.is_active and active.spec.entity_metadata.schedule.cron_schedule.schedule == "@daily"
    assert remote.fetch_active_launchplan(name=f"{name}.manual") is None
    assert remote.fetch_active_launchplan(name=f"{name}.wf") is None


def test_remote_register_launch_plan_activates_it(in_project: UserProject, admin: RunningAdmin) -> None:
    in_project.write("plans", PLANS)
    module = in_project.load("plans")
    remote = admin.remote()
    registered = remote.register_launch_plan(module.auto, version="a1")
    manual = remote.register_launch_plan(module.manual, version="a1")
    active = remote.fetch_active_launchplan(name=module.auto.name)
    assert active is not None and active.id == registered.id
    assert manual.default_inputs.parameters["x"].default.scalar.primitive.integer == 4
    assert remote.fetch_active_launchplan(name=module.manual.name) is None


def test_registration_options_override_launch_plan_settings(
    in_project: UserProject, admin: RunningAdmin
) -> None:
    from flytekit import Labels
    from flytekit.core.options import Options
    from flytekit.models.security import Identity, SecurityContext

    in_project.write(
        "plans",
        PLANS.replace(
            'default_inputs={"x": 4})',
            'default_inputs={"x": 4},\n        security_context=SecurityContext(secrets=[Secret(group="g", key="k")]))',
        ).replace(
            "from flytekit import CronSchedule", "from flytekit import Secret, SecurityContext, CronSchedule"
        ),
    )
    module = in_project.load("plans")
    options = Options(
        labels=Labels({"team": "ops"}),
        security_context=SecurityContext(run_as=Identity(k8s_service_account="deployer")),
        max_parallelism=7,
    )
    registered = admin.remote().register_launch_plan(module.manual, version="o1", options=options)
    spec = registered.spec
    assert dict(spec.labels.values) == {"team": "ops"} and spec.max_parallelism == 7
    assert spec.security_context.run_as.k8s_service_account == "deployer"
    assert [s.group for s in spec.security_context.secrets] == ["g"], "the plan's own secrets are kept"


def test_execution_options_reach_the_execution_spec(in_project: UserProject, admin: RunningAdmin) -> None:
    from flytekit import Email, Labels, WorkflowExecutionPhase
    from flytekit.core.options import Options
    from flytekit.models.security import Identity, SecurityContext

    in_project.write("plans", PLANS)
    module = in_project.load("plans")
    remote = admin.remote()
    plan = remote.register_launch_plan(module.manual, version="e1")
    options = Options(
        labels=Labels({"run": "nightly"}),
        security_context=SecurityContext(run_as=Identity(k8s_service_account="runner")),
        notifications=[Email(phases=[WorkflowExecutionPhase.FAILED], recipients_email=["a@x.org"])],
        overwrite_cache=True,
    )
    execution = remote.execute(plan, inputs={"x": 2}, options=options)
    spec = execution.spec
    assert dict(spec.labels.values) == {"run": "nightly"}
    assert spec.security_context.run_as.k8s_service_account == "runner"
    assert spec.notifications.notifications[0].email.recipients_email == ["a@x.org"]
    assert spec.overwrite_cache
    quiet = remote.execute(plan, inputs={"x": 3}, options=Options(disable_notifications=True))
    assert quiet.spec.disable_all
