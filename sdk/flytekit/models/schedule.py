"""Launch-plan schedules (``flyteidl.admin.Schedule``): a cron schedule or a fixed rate.

``flytekit.core.schedule.CronSchedule`` and ``FixedRate`` are the user-facing subclasses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity

if TYPE_CHECKING:
    from flyteidl.admin import schedule_pb2
else:
    schedule_pb2 = lazy_module("flyteidl.admin.schedule_pb2")


class Schedule(FlyteIdlEntity):
    """When admin launches a plan: ``cron_schedule`` or ``rate``; ``kickoff_time_input_arg`` names
    the workflow input that receives the scheduled time."""

    class FixedRateUnit:
        MINUTE = 0
        HOUR = 1
        DAY = 2

        @classmethod
        def enum_to_string(cls, int_value: int) -> str:
            return {cls.MINUTE: "MINUTE", cls.HOUR: "HOUR", cls.DAY: "DAY"}.get(int_value, str(int_value))

    class FixedRate(FlyteIdlEntity):
        def __init__(self, value: int, unit: int) -> None:
            self._value = value
            self._unit = unit

        @property
        def value(self) -> int:
            return self._value

        @property
        def unit(self) -> int:
            return self._unit

        def to_flyte_idl(self) -> schedule_pb2.FixedRate:
            return schedule_pb2.FixedRate(value=self._value, unit=self._unit)  # type: ignore[arg-type]

        @classmethod
        def from_flyte_idl(cls, pb2_object: schedule_pb2.FixedRate) -> Schedule.FixedRate:
            return cls(pb2_object.value, pb2_object.unit)

    class CronSchedule(FlyteIdlEntity):
        def __init__(self, schedule: str | None, offset: str | None) -> None:
            self._schedule = schedule
            self._offset = offset

        @property
        def schedule(self) -> str | None:
            return self._schedule

        @property
        def offset(self) -> str | None:
            return self._offset

        def to_flyte_idl(self) -> schedule_pb2.CronSchedule:
            return schedule_pb2.CronSchedule(schedule=self._schedule or "", offset=self._offset or "")

        @classmethod
        def from_flyte_idl(cls, pb2_object: schedule_pb2.CronSchedule) -> Schedule.CronSchedule:
            return cls(pb2_object.schedule or None, pb2_object.offset or None)

    def __init__(
        self,
        kickoff_time_input_arg: str | None,
        cron_expression: str | None = None,
        rate: Schedule.FixedRate | None = None,
        cron_schedule: Schedule.CronSchedule | None = None,
    ) -> None:
        self._kickoff_time_input_arg = kickoff_time_input_arg
        self._cron_expression = cron_expression
        self._rate = rate
        self._cron_schedule = cron_schedule

    @property
    def kickoff_time_input_arg(self) -> str | None:
        return self._kickoff_time_input_arg

    @property
    def cron_expression(self) -> str | None:
        return self._cron_expression

    @property
    def rate(self) -> Schedule.FixedRate | None:
        return self._rate

    @property
    def cron_schedule(self) -> Schedule.CronSchedule | None:
        return self._cron_schedule

    @property
    def schedule_expression(self) -> str | Schedule.FixedRate | Schedule.CronSchedule | None:
        return self._cron_expression or self._rate or self._cron_schedule

    def to_flyte_idl(self) -> schedule_pb2.Schedule:
        message = schedule_pb2.Schedule(kickoff_time_input_arg=self._kickoff_time_input_arg or "")
        if self._cron_expression:
            message.cron_expression = self._cron_expression
        if self._rate is not None:
            message.rate.CopyFrom(self._rate.to_flyte_idl())
        if self._cron_schedule is not None:
            message.cron_schedule.CopyFrom(self._cron_schedule.to_flyte_idl())
        return message

    @classmethod
    def from_flyte_idl(cls, pb2_object: schedule_pb2.Schedule) -> Schedule:
        return Schedule(
            pb2_object.kickoff_time_input_arg or None,
            cron_expression=pb2_object.cron_expression if pb2_object.HasField("cron_expression") else None,
            rate=Schedule.FixedRate.from_flyte_idl(pb2_object.rate) if pb2_object.HasField("rate") else None,
            cron_schedule=Schedule.CronSchedule.from_flyte_idl(pb2_object.cron_schedule)
            if pb2_object.HasField("cron_schedule")
            else None,
        )
