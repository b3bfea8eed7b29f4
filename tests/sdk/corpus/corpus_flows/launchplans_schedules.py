"""Scheduled launch plans with notifications and run settings (compiled), plus their validation."""

import datetime

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
from flytekit.core.options import Options
from flytekit.models.common import RawOutputDataConfig
from flytekit.models.security import Identity, Secret, SecurityContext


@task
def stamp(when: datetime.datetime, label: str) -> str:
    return f"{label}@{when.isoformat()}"


@workflow
def nightly(kickoff: datetime.datetime, label: str = "nightly") -> str:
    return stamp(when=kickoff, label=label)


cron_lp = LaunchPlan.get_or_create(
    nightly,
    name="nightly_cron",
    schedule=CronSchedule(schedule="0 3 * * *", offset="PT1H", kickoff_time_input_arg="kickoff"),
    notifications=[
        Email(phases=[WorkflowExecutionPhase.SUCCEEDED], recipients_email=["team@example.com"]),
        Slack(
            phases=[WorkflowExecutionPhase.FAILED, WorkflowExecutionPhase.TIMED_OUT],
            recipients_email=["alerts@example.slack.com"],
        ),
        PagerDuty(phases=[WorkflowExecutionPhase.ABORTED], recipients_email=["oncall@example.pagerduty.com"]),
    ],
    labels=Labels({"team": "data"}),
    annotations=Annotations({"owner": "ada"}),
    raw_output_data_config=RawOutputDataConfig("s3://bucket/raw"),
    max_parallelism=4,
    security_context=SecurityContext(
        run_as=Identity(k8s_service_account="runner"), secrets=[Secret(group="db", key="password")]
    ),
    overwrite_cache=True,
    auto_activate=True,
    concurrency=ConcurrencyPolicy(max_concurrency=1, behavior=ConcurrencyLimitBehavior.SKIP),
)
alias_lp = LaunchPlan.get_or_create(
    nightly, name="nightly_alias", schedule=CronSchedule(schedule="@daily", kickoff_time_input_arg="kickoff")
)
hourly_lp = LaunchPlan.get_or_create(
    nightly,
    name="hourly_rate",
    schedule=FixedRate(duration=datetime.timedelta(hours=1), kickoff_time_input_arg="kickoff"),
    auth_role=AuthRole(assumable_iam_role="arn:aws:iam::1:role/r", kubernetes_service_account="sa"),
    overwrite_cache=False,
)
daily_rate_lp = LaunchPlan.get_or_create(
    nightly,
    name="daily_rate",
    schedule=FixedRate(duration=datetime.timedelta(days=2)),
    default_inputs={"label": "d"},
)
minutes_lp = LaunchPlan.create(
    "minutes_rate", nightly, schedule=FixedRate(duration=datetime.timedelta(minutes=90))
)


@workflow
def plain(label: str) -> str:
    return stamp(when=datetime.datetime(2024, 1, 2, 3, 4, 5), label=label)


options_lp = LaunchPlan.get_or_create(
    plain,
    name="plain_options",
    labels=Options.default_from(k8s_service_account="sa2").labels,
    raw_output_data_config=Options.default_from(raw_data_prefix="s3://other/raw").raw_output_data_config,
)

KICKOFF = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)


def _schedule_fields():
    rate = hourly_lp.schedule.rate
    return [
        cron_lp.schedule.cron_schedule.schedule,
        cron_lp.schedule.cron_schedule.offset,
        cron_lp.schedule.kickoff_time_input_arg,
        alias_lp.schedule.cron_schedule.schedule,
        [rate.value, rate.unit],
        [daily_rate_lp.schedule.rate.value, daily_rate_lp.schedule.rate.unit],
        [minutes_lp.schedule.rate.value, minutes_lp.schedule.rate.unit],
    ]


def _notification_fields():
    out = []
    for n in cron_lp.notifications:
        target = n.email or n.slack or n.pager_duty
        out.append([list(n.phases), target.recipients_email])
    return out


def _settings():
    sc = hourly_lp.security_context
    return [
        cron_lp.labels.values,
        cron_lp.annotations.values,
        cron_lp.raw_output_data_config.output_location_prefix,
        cron_lp.max_parallelism,
        cron_lp.overwrite_cache,
        cron_lp.should_auto_activate,
        cron_lp.concurrency.max_concurrency,
        cron_lp.concurrency.behavior == ConcurrencyLimitBehavior.SKIP,
        [s.group for s in cron_lp.security_context.secrets],
        [sc.run_as.iam_role, sc.run_as.k8s_service_account],
        options_lp.labels,
        Options.default_from(k8s_service_account="sa2").security_context.run_as.k8s_service_account,
    ]


CASES = {
    "cron_lp_runs_locally": lambda: cron_lp(kickoff=KICKOFF),
    "rate_lp_default_label": lambda: daily_rate_lp(kickoff=KICKOFF),
    "schedule_fields": _schedule_fields,
    "notification_fields": _notification_fields,
    "settings": _settings,
    "phase_values": lambda: [
        WorkflowExecutionPhase.SUCCEEDED,
        WorkflowExecutionPhase.FAILED,
        WorkflowExecutionPhase.ABORTED,
    ],
    "bad_cron": lambda: CronSchedule(schedule="every tuesday"),
    "bad_offset": lambda: CronSchedule(schedule="@hourly", offset="1 hour"),
    "deprecated_cron_expression": lambda: CronSchedule(cron_expression="0 10 * * ? *"),
    "sub_minute_rate": lambda: FixedRate(duration=datetime.timedelta(seconds=90)),
    "non_terminal_phase": lambda: Email(phases=[WorkflowExecutionPhase.RUNNING], recipients_email=["a@b.c"]),
    "no_phase": lambda: Slack(phases=[], recipients_email=["a@b.c"]),
    "auth_and_security_refused": lambda: LaunchPlan.create(
        "both_identities",
        plain,
        auth_role=AuthRole(kubernetes_service_account="x"),
        security_context=SecurityContext(),
    ),
    "same_schedule_again": lambda: (
        LaunchPlan.get_or_create(
            nightly,
            name="nightly_alias",
            schedule=CronSchedule(schedule="@daily", kickoff_time_input_arg="kickoff"),
        )
        is alias_lp
    ),
    "other_schedule_refused": lambda: LaunchPlan.get_or_create(
        nightly,
        name="nightly_alias",
        schedule=CronSchedule(schedule="@weekly", kickoff_time_input_arg="kickoff"),
    ),
    "labels_equality": lambda: [
        Labels({"a": "b"}) == Labels({"a": "b"}),
        Labels({"a": "b"}) == Labels({"a": "c"}),
    ],
}
