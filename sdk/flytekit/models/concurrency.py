"""Launch-plan concurrency limits (``flyteidl.admin.ConcurrencyPolicy``), as flytekit exposes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity

if TYPE_CHECKING:
    from flyteidl.admin import launch_plan_pb2
else:
    launch_plan_pb2 = lazy_module("flyteidl.admin.launch_plan_pb2")


class ConcurrencyLimitBehavior:
    """What admin does with a new execution once the limit is reached (values of the IDL enum)."""

    SKIP = 1  # CONCURRENCY_LIMIT_BEHAVIOR_SKIP: do not start it

    @classmethod
    def enum_to_string(cls, val: int) -> str:
        return "SKIP" if val == cls.SKIP else "<UNKNOWN>"


class ConcurrencyPolicy(FlyteIdlEntity):
    """At most ``max_concurrency`` running executions of a launch plan; ``behavior`` says what happens to more."""

    def __init__(self, max_concurrency: int, behavior: int | None = None) -> None:
        self._max_concurrency = max_concurrency
        self._behavior = ConcurrencyLimitBehavior.SKIP if behavior is None else behavior

    @property
    def max_concurrency(self) -> int:
        return self._max_concurrency

    @property
    def behavior(self) -> int:
        return self._behavior

    def to_flyte_idl(self) -> launch_plan_pb2.ConcurrencyPolicy:
        return launch_plan_pb2.ConcurrencyPolicy(max=self._max_concurrency, behavior=self._behavior)  # type: ignore[arg-type]

    @classmethod
    def from_flyte_idl(cls, pb2_object: launch_plan_pb2.ConcurrencyPolicy) -> ConcurrencyPolicy:
        return cls(max_concurrency=pb2_object.max, behavior=pb2_object.behavior)
