"""Launch-plan schedules: ``CronSchedule`` (cron syntax or an alias) and ``FixedRate`` (every N
minutes, hours or days). Both validate on construction and serialize as ``flyteidl.admin.Schedule``.

``OnSchedule`` wraps one for the ``trigger=`` argument of launch plans.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Protocol

from flytekit.models.schedule import Schedule

_CRON_ALIASES = frozenset(
    {
        "hourly",
        "hours",
        "@hourly",
        "daily",
        "days",
        "@daily",
        "weekly",
        "weeks",
        "@weekly",
        "monthly",
        "months",
        "@monthly",
        "annually",
        "@annually",
        "yearly",
        "years",
        "@yearly",
    }
)

# An ISO 8601 duration such as P1D, PT1H30M or -PT5M (kept deliberately loose).
_OFFSET = re.compile(r"([-+]?)P([-+0-9YMWD]+)?(T([-+0-9HMS.,]+)?)?")


class LaunchPlanTriggerBase(Protocol):
    """Anything that can become a launch plan's launch condition."""

    def to_flyte_idl(self, *args: Any, **kwargs: Any) -> Any: ...


class CronSchedule(Schedule):
    """Run on a cron schedule: five-field cron syntax (``"*/5 * * * *"``) or an alias such as
    ``"@daily"``/``"hourly"``; ``offset`` is an ISO 8601 duration; ``kickoff_time_input_arg`` names
    a ``datetime`` workflow input that receives the scheduled time."""

    _VALID_CRON_ALIASES = sorted(_CRON_ALIASES)

    def __init__(
        self,
        cron_expression: str | None = None,
        schedule: str | None = None,
        offset: str | None = None,
        kickoff_time_input_arg: str | None = None,
    ) -> None:
        if cron_expression:
            raise AssertionError(
                f"CronSchedule(cron_expression={cron_expression!r}): cron_expression (AWS style) is deprecated; "
                "pass schedule='<minute> <hour> <day> <month> <weekday>' or an alias like '@daily' instead."
            )
        if schedule is not None:
            self._validate_schedule(schedule)
        if offset is not None:
            self._validate_offset(offset)
        super().__init__(
            kickoff_time_input_arg,
            cron_expression=cron_expression,
            cron_schedule=Schedule.CronSchedule(schedule, offset) if schedule is not None else None,
        )

    @staticmethod
    def _validate_schedule(schedule: str) -> None:
        if schedule.lower() in _CRON_ALIASES:
            return
        import croniter  # deferred: only schedules need it

        try:
            croniter.croniter(schedule).get_next(datetime.datetime)
        except Exception as exc:
            raise ValueError(
                f"Schedule is invalid. Provided schedule: {schedule} Error: {exc}. Use five cron fields "
                f"(minute hour day-of-month month day-of-week) or one of {sorted(_CRON_ALIASES)}."
            ) from exc

    @staticmethod
    def _validate_offset(offset: str) -> None:
        if _OFFSET.fullmatch(offset) is None:
            raise ValueError(
                f"Offset is invalid. It must be an ISO 8601 duration such as 'PT1H' or 'P1D'. Provided offset: {offset}"
            )


_MINUTE = 60
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR


class FixedRate(Schedule):
    """Run every ``duration`` (whole minutes; expressed in the largest unit that divides it)."""

    def __init__(self, duration: datetime.timedelta, kickoff_time_input_arg: str | None = None) -> None:
        super().__init__(kickoff_time_input_arg, rate=self._translate_duration(duration))

    @staticmethod
    def _translate_duration(duration: datetime.timedelta) -> Schedule.FixedRate:
        if duration.microseconds != 0 or duration.seconds % _MINUTE != 0:
            raise AssertionError(
                f"Granularity of less than a minute is not supported for FixedRate schedules.  Received: {duration}"
            )
        seconds = int(duration.total_seconds())
        if seconds % _DAY == 0:
            return Schedule.FixedRate(seconds // _DAY, Schedule.FixedRateUnit.DAY)
        if seconds % _HOUR == 0:
            return Schedule.FixedRate(seconds // _HOUR, Schedule.FixedRateUnit.HOUR)
        return Schedule.FixedRate(seconds // _MINUTE, Schedule.FixedRateUnit.MINUTE)


class OnSchedule(LaunchPlanTriggerBase):
    """A trigger that fires on ``schedule``."""

    def __init__(self, schedule: CronSchedule | FixedRate) -> None:
        self._schedule = schedule

    def to_flyte_idl(self, *args: Any, **kwargs: Any) -> Any:
        return self._schedule.to_flyte_idl()
