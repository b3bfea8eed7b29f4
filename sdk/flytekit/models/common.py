"""Value objects of ``flyteidl.admin.common`` as flytekit exposes them (``flytekit.models.common``).

User code builds these (``Labels({...})``, ``Annotations({...})``, ``AuthRole(...)``,
``RawOutputDataConfig(prefix)``, notifications) and hands them to launch plans and ``Options``.
Each wraps its fields and converts to and from its protobuf message; two objects are equal when
their messages are, which is what ``LaunchPlan.get_or_create`` compares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity

if TYPE_CHECKING:
    from flyteidl.admin import common_pb2
    from flyteidl.core import literals_pb2
else:
    common_pb2 = lazy_module("flyteidl.admin.common_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")


class _Recipients(FlyteIdlEntity):
    """Shared shape of the three notification targets: a list of e-mail addresses."""

    _message_name = ""

    def __init__(self, recipients_email: list[str]) -> None:
        self._recipients_email = list(recipients_email)

    @property
    def recipients_email(self) -> list[str]:
        return self._recipients_email

    def to_flyte_idl(self) -> Any:
        return getattr(common_pb2, self._message_name)(recipients_email=self._recipients_email)

    @classmethod
    def from_flyte_idl(cls, pb2_object: Any) -> Any:
        return cls(list(pb2_object.recipients_email))


class EmailNotification(_Recipients):
    _message_name = "EmailNotification"


class SlackNotification(_Recipients):
    _message_name = "SlackNotification"


class PagerDutyNotification(_Recipients):
    _message_name = "PagerDutyNotification"


class Notification(FlyteIdlEntity):
    """Who to tell (e-mail, Slack or PagerDuty addresses) when an execution reaches one of ``phases``."""

    def __init__(
        self,
        phases: list[int],
        email: EmailNotification | None = None,
        pager_duty: PagerDutyNotification | None = None,
        slack: SlackNotification | None = None,
    ) -> None:
        self._phases = list(phases)
        self._email = email
        self._pager_duty = pager_duty
        self._slack = slack

    @property
    def phases(self) -> list[int]:
        return self._phases

    @property
    def email(self) -> EmailNotification | None:
        return self._email

    @property
    def pager_duty(self) -> PagerDutyNotification | None:
        return self._pager_duty

    @property
    def slack(self) -> SlackNotification | None:
        return self._slack

    def to_flyte_idl(self) -> common_pb2.Notification:
        message = common_pb2.Notification(phases=self._phases)  # type: ignore[arg-type]
        if self._email is not None:
            message.email.CopyFrom(self._email.to_flyte_idl())
        if self._pager_duty is not None:
            message.pager_duty.CopyFrom(self._pager_duty.to_flyte_idl())
        if self._slack is not None:
            message.slack.CopyFrom(self._slack.to_flyte_idl())
        return message

    @classmethod
    def from_flyte_idl(cls, p: common_pb2.Notification) -> Notification:
        return cls(
            list(p.phases),
            email=EmailNotification.from_flyte_idl(p.email) if p.HasField("email") else None,
            pager_duty=PagerDutyNotification.from_flyte_idl(p.pager_duty)
            if p.HasField("pager_duty")
            else None,
            slack=SlackNotification.from_flyte_idl(p.slack) if p.HasField("slack") else None,
        )


class Labels(FlyteIdlEntity):
    """Kubernetes labels put on the resources of an execution."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values

    @property
    def values(self) -> dict[str, str]:
        return self._values

    def to_flyte_idl(self) -> common_pb2.Labels:
        return common_pb2.Labels(values=dict(self._values))

    @classmethod
    def from_flyte_idl(cls, pb2_object: common_pb2.Labels) -> Labels:
        return cls(dict(pb2_object.values))


class Annotations(FlyteIdlEntity):
    """Kubernetes annotations put on the resources of an execution."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values

    @property
    def values(self) -> dict[str, str]:
        return self._values

    def to_flyte_idl(self) -> common_pb2.Annotations:
        return common_pb2.Annotations(values=dict(self._values))

    @classmethod
    def from_flyte_idl(cls, pb2_object: common_pb2.Annotations) -> Annotations:
        return cls(dict(pb2_object.values))


class AuthRole(FlyteIdlEntity):
    """Deprecated identity of an execution (IAM role and/or service account); use ``SecurityContext``."""

    def __init__(
        self, assumable_iam_role: str | None = None, kubernetes_service_account: str | None = None
    ) -> None:
        self._assumable_iam_role = assumable_iam_role
        self._kubernetes_service_account = kubernetes_service_account

    @property
    def assumable_iam_role(self) -> str | None:
        return self._assumable_iam_role

    @property
    def kubernetes_service_account(self) -> str | None:
        return self._kubernetes_service_account

    def to_flyte_idl(self) -> common_pb2.AuthRole:
        return common_pb2.AuthRole(
            assumable_iam_role=self._assumable_iam_role or "",
            kubernetes_service_account=self._kubernetes_service_account or "",
        )

    @classmethod
    def from_flyte_idl(cls, pb2_object: common_pb2.AuthRole) -> AuthRole:
        return cls(
            assumable_iam_role=pb2_object.assumable_iam_role,
            kubernetes_service_account=pb2_object.kubernetes_service_account,
        )


class RawOutputDataConfig(FlyteIdlEntity):
    """Where an execution writes offloaded data (files, dataframes): a blob-store prefix."""

    def __init__(self, output_location_prefix: str) -> None:
        self._output_location_prefix = output_location_prefix

    @property
    def output_location_prefix(self) -> str:
        return self._output_location_prefix

    def to_flyte_idl(self) -> common_pb2.RawOutputDataConfig:
        return common_pb2.RawOutputDataConfig(output_location_prefix=self._output_location_prefix)

    @classmethod
    def from_flyte_idl(cls, pb2: common_pb2.RawOutputDataConfig) -> RawOutputDataConfig:
        return cls(output_location_prefix=pb2.output_location_prefix)


class Envs(FlyteIdlEntity):
    """Environment variables set on every task of an execution."""

    def __init__(self, envs: dict[str, str]) -> None:
        self._envs = envs

    @property
    def envs(self) -> dict[str, str]:
        return self._envs

    def to_flyte_idl(self) -> common_pb2.Envs:
        return common_pb2.Envs(
            values=[literals_pb2.KeyValuePair(key=k, value=v) for k, v in self._envs.items()]
        )

    @classmethod
    def from_flyte_idl(cls, pb2: common_pb2.Envs) -> Envs:
        return cls(envs={kv.key: kv.value for kv in pb2.values})
