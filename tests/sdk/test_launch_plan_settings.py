"""Launch-plan settings: schedules, notifications, the flytekit.models value objects, Options, and
the LaunchPlanSpec fields they become."""

from __future__ import annotations

import datetime
import typing
from collections import OrderedDict

import pytest

from flyteidl.admin import common_pb2, launch_plan_pb2, schedule_pb2
from flyteidl.core import execution_pb2, security_pb2
from flytekit import (
    Annotations,
    AuthRole,
    ConcurrencyLimitBehavior,
    ConcurrencyPolicy,
    CronSchedule,
    Email,
    FixedRate,
    Labels,
    LaunchPlan,
    PagerDuty,
    Slack,
    WorkflowExecutionPhase,
    task,
    workflow,
)
from flytekit.configuration import ImageConfig, SerializationSettings
from flytekit.core.options import Options
from flytekit.core.schedule import OnSchedule
from flytekit.models.common import Notification, RawOutputDataConfig
from flytekit.models.schedule import Schedule
from flytekit.models.security import Identity, OAuth2Client, OAuth2TokenRequest, Secret, SecurityContext
from flytekit.tools.translator import get_serializable

SETTINGS = SerializationSettings(image_config=ImageConfig.auto(img_name="img:1"))


@task
def echo(x: int, when: datetime.datetime) -> str:
    return f"{x}@{when.isoformat()}"


@workflow
def scheduled(x: int, when: datetime.datetime) -> str:
    return typing.cast(str, echo(x=x, when=when))


def _spec(lp: LaunchPlan) -> launch_plan_pb2.LaunchPlanSpec:
    proto = get_serializable(OrderedDict(), SETTINGS, lp)
    assert isinstance(proto, launch_plan_pb2.LaunchPlan)
    return proto.spec


def test_phases_and_units_equal_the_idl() -> None:
    for name in ("UNDEFINED", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT", "ABORTING"):
        assert getattr(WorkflowExecutionPhase, name) == execution_pb2.WorkflowExecution.Phase.Value(name)
    assert WorkflowExecutionPhase.enum_to_string(WorkflowExecutionPhase.FAILED) == "FAILED"
    for name in ("MINUTE", "HOUR", "DAY"):
        assert getattr(Schedule.FixedRateUnit, name) == schedule_pb2.FixedRateUnit.Value(name)
    assert ConcurrencyLimitBehavior.SKIP == launch_plan_pb2.CONCURRENCY_LIMIT_BEHAVIOR_SKIP
    for member in Secret.MountType:
        assert member.value == security_pb2.Secret.MountType.Value(member.name)


@pytest.mark.parametrize("alias", ["hourly", "@daily", "weeks", "MONTHLY", "@yearly", "annually"])
def test_cron_aliases_are_accepted(alias: str) -> None:
    schedule = CronSchedule(schedule=alias)
    assert schedule.to_flyte_idl() == schedule_pb2.Schedule(
        cron_schedule=schedule_pb2.CronSchedule(schedule=alias)
    )


def test_cron_schedule_validation() -> None:
    schedule = CronSchedule(schedule="*/5 * * * *", offset="-PT30M", kickoff_time_input_arg="when")
    assert schedule.cron_schedule is not None and schedule.cron_schedule.offset == "-PT30M"
    assert schedule.to_flyte_idl().kickoff_time_input_arg == "when"
    with pytest.raises(ValueError, match="Schedule is invalid"):
        CronSchedule(schedule="61 * * * *")
    with pytest.raises(ValueError, match="ISO 8601"):
        CronSchedule(schedule="@daily", offset="an hour")
    with pytest.raises(AssertionError, match="deprecated"):
        CronSchedule(cron_expression="0 10 * * ? *")


@pytest.mark.parametrize(
    ("duration", "value", "unit"),
    [
        (datetime.timedelta(minutes=5), 5, Schedule.FixedRateUnit.MINUTE),
        (datetime.timedelta(minutes=120), 2, Schedule.FixedRateUnit.HOUR),
        (datetime.timedelta(hours=36), 36, Schedule.FixedRateUnit.HOUR),
        (datetime.timedelta(days=3), 3, Schedule.FixedRateUnit.DAY),
    ],
)
def test_fixed_rate_uses_the_largest_whole_unit(duration: datetime.timedelta, value: int, unit: int) -> None:
    rate = FixedRate(duration).rate
    assert rate is not None and (rate.value, rate.unit) == (value, unit)


def test_fixed_rate_refuses_seconds() -> None:
    with pytest.raises(AssertionError, match="less than a minute"):
        FixedRate(datetime.timedelta(seconds=30))
    with pytest.raises(AssertionError, match="less than a minute"):
        FixedRate(datetime.timedelta(minutes=1, microseconds=1))


def test_notifications() -> None:
    email = Email(phases=[WorkflowExecutionPhase.SUCCEEDED], recipients_email=["a@x.org"])
    assert email.to_flyte_idl() == common_pb2.Notification(
        phases=[execution_pb2.WorkflowExecution.SUCCEEDED],
        email=common_pb2.EmailNotification(recipients_email=["a@x.org"]),
    )
    assert Slack([WorkflowExecutionPhase.FAILED], ["s@x.org"]).to_flyte_idl().HasField("slack")
    assert PagerDuty([WorkflowExecutionPhase.ABORTED], ["p@x.org"]).to_flyte_idl().HasField("pager_duty")
    assert Notification.from_flyte_idl(email.to_flyte_idl()) == email
    with pytest.raises(AssertionError, match="at least one phase"):
        Email(phases=[], recipients_email=["a@x.org"])
    with pytest.raises(AssertionError, match="only terminal states"):
        Email(phases=[WorkflowExecutionPhase.QUEUED], recipients_email=["a@x.org"])


def test_model_values_compare_and_hash_by_their_protos() -> None:
    assert Labels({"a": "1"}) == Labels({"a": "1"}) and Labels({"a": "1"}) != Labels({"a": "2"})
    assert len({Annotations({"k": "v"}), Annotations({"k": "v"})}) == 1
    one = typing.cast(list[Secret], Secret(group="g", key="k"))
    ctx = SecurityContext(run_as=Identity(k8s_service_account="sa"), secrets=one)
    assert ctx.secrets == [Secret(group="g", key="k")], "a single secret becomes a list of one"
    assert SecurityContext.from_flyte_idl(ctx.to_flyte_idl()) == ctx
    token = OAuth2TokenRequest(
        name="t", client=OAuth2Client(client_id="c", client_secret=Secret(group="s", key="k"))
    )
    assert OAuth2TokenRequest.from_flyte_idl(token.to_flyte_idl()) == token
    assert AuthRole.from_flyte_idl(AuthRole("arn", "sa").to_flyte_idl()) == AuthRole("arn", "sa")
    with pytest.raises(ValueError, match="Invalid environment variable name"):
        Secret(group="g", key="k", env_var="lower")
    with pytest.raises(ValueError, match="Group is a required parameter"):
        Secret(key="k")


def test_options_default_from() -> None:
    options = Options.default_from(k8s_service_account="runner", raw_data_prefix="s3://b/raw")
    assert options.security_context == SecurityContext(run_as=Identity(k8s_service_account="runner"))
    assert options.raw_output_data_config == RawOutputDataConfig("s3://b/raw")
    assert Options.default_from() == Options()


def test_every_setting_reaches_the_spec() -> None:
    lp = LaunchPlan.get_or_create(
        scheduled,
        name="test_settings_lp",
        default_inputs={"x": 2},
        schedule=CronSchedule(schedule="@hourly", kickoff_time_input_arg="when"),
        notifications=[Email([WorkflowExecutionPhase.FAILED], ["a@x.org"])],
        labels=Labels({"l": "1"}),
        annotations=Annotations({"a": "2"}),
        raw_output_data_config=RawOutputDataConfig("s3://b/p"),
        max_parallelism=3,
        security_context=SecurityContext(secrets=[Secret(group="g")]),
        overwrite_cache=True,
        auto_activate=True,
        concurrency=ConcurrencyPolicy(max_concurrency=2),
    )
    spec = _spec(lp)
    assert spec.entity_metadata.schedule.cron_schedule.schedule == "@hourly"
    assert spec.entity_metadata.notifications[0].email.recipients_email == ["a@x.org"]
    assert dict(spec.labels.values) == {"l": "1"} and dict(spec.annotations.values) == {"a": "2"}
    assert spec.raw_output_data_config.output_location_prefix == "s3://b/p"
    assert spec.max_parallelism == 3 and spec.overwrite_cache
    assert spec.security_context.secrets[0].group == "g"
    assert spec.concurrency_policy == launch_plan_pb2.ConcurrencyPolicy(
        max=2, behavior=launch_plan_pb2.CONCURRENCY_LIMIT_BEHAVIOR_SKIP
    )
    assert spec.default_inputs.parameters["x"].default.scalar.primitive.integer == 2
    assert lp.should_auto_activate


def test_auth_role_becomes_the_run_as_identity() -> None:
    lp = LaunchPlan.get_or_create(scheduled, name="test_auth_role_lp", auth_role=AuthRole("arn", "sa"))
    assert _spec(lp).security_context.run_as == security_pb2.Identity(
        iam_role="arn", k8s_service_account="sa"
    )
    assert not _spec(lp).HasField("concurrency_policy")
    with pytest.raises(ValueError, match="cannot specify both"):
        LaunchPlan.create(
            "test_auth_both", scheduled, auth_role=AuthRole("arn"), security_context=SecurityContext()
        )


def test_trigger_is_packed_as_launch_conditions() -> None:
    class EveryNight:
        def to_flyte_idl(self, lp: LaunchPlan) -> common_pb2.Labels:
            return common_pb2.Labels(values={"plan": lp.name})

    lp = LaunchPlan.get_or_create(scheduled, name="test_trigger_lp", trigger=EveryNight())
    packed = _spec(lp).entity_metadata.launch_conditions
    unpacked = common_pb2.Labels()
    assert packed.Unpack(unpacked) and unpacked.values["plan"] == "test_trigger_lp"
    bad = LaunchPlan.get_or_create(
        scheduled, name="test_trigger_schedule_lp", trigger=OnSchedule(CronSchedule(schedule="@daily"))
    )
    with pytest.raises(Exception, match="pass it as schedule="):
        _spec(bad)


def test_default_launch_plan_takes_labels_from_default_options() -> None:
    @workflow(default_options=Options(labels=Labels({"team": "t"}), annotations=Annotations({"n": "1"})))
    def labelled(x: int = 1) -> str:
        return typing.cast(str, echo(x=x, when=datetime.datetime(2024, 1, 1)))

    spec = _spec(LaunchPlan.get_or_create(labelled))
    assert dict(spec.labels.values) == {"team": "t"} and dict(spec.annotations.values) == {"n": "1"}
    assert labelled.default_options is not None


def test_optional_inputs_default_to_none() -> None:
    @task
    def maybe(x: int | None) -> int:
        return x or 0

    @workflow
    def optional(x: int | None, y: int) -> int:
        return typing.cast(int, maybe(x=x))

    params = LaunchPlan.get_or_create(optional).parameters.parameters
    assert params["x"].default.scalar.none_type is not None and not params["x"].required
    assert params["y"].required
