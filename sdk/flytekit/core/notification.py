"""Launch-plan notifications: ``Email``, ``Slack`` and ``PagerDuty`` on terminal workflow phases.

All three send e-mail (to a Slack or PagerDuty address for the latter two); the phases must be
terminal ones (``WorkflowExecutionPhase.SUCCEEDED``, ``FAILED``, ``ABORTED``, ``TIMED_OUT``).
"""

from __future__ import annotations

from flytekit.models import common as _common
from flytekit.models.core.execution import WorkflowExecutionPhase


class Notification(_common.Notification):
    VALID_PHASES = frozenset(
        {
            WorkflowExecutionPhase.ABORTED,
            WorkflowExecutionPhase.FAILED,
            WorkflowExecutionPhase.SUCCEEDED,
            WorkflowExecutionPhase.TIMED_OUT,
        }
    )

    def __init__(
        self,
        phases: list[int],
        email: _common.EmailNotification | None = None,
        pager_duty: _common.PagerDutyNotification | None = None,
        slack: _common.SlackNotification | None = None,
    ) -> None:
        self._validate_phases(phases)
        super().__init__(phases, email=email, pager_duty=pager_duty, slack=slack)

    def _validate_phases(self, phases: list[int]) -> None:
        if len(phases) == 0:
            raise AssertionError("You must specify at least one phase for a notification.")
        for phase in phases:
            if phase not in self.VALID_PHASES:
                raise AssertionError(
                    f"Invalid phase: {phase}. only terminal states are permitted for notifications "
                    "(WorkflowExecutionPhase.SUCCEEDED, FAILED, ABORTED, TIMED_OUT)."
                )


class PagerDuty(Notification):
    """Notify a PagerDuty service (through its e-mail integration)."""

    def __init__(self, phases: list[int], recipients_email: list[str]) -> None:
        super().__init__(phases, pager_duty=_common.PagerDutyNotification(recipients_email))


class Email(Notification):
    """Notify people by e-mail."""

    def __init__(self, phases: list[int], recipients_email: list[str]) -> None:
        super().__init__(phases, email=_common.EmailNotification(recipients_email))


class Slack(Notification):
    """Notify a Slack channel (through its e-mail address)."""

    def __init__(self, phases: list[int], recipients_email: list[str]) -> None:
        super().__init__(phases, slack=_common.SlackNotification(recipients_email))
