"""Secrets and run-as identities (``flyteidl.core.security``), as flytekit exposes them.

``Secret`` is what ``@task(secret_requests=[...])`` takes: a group/key (and optional version) the
platform mounts into the task's pod, as an environment variable or a file. ``SecurityContext``
carries the run-as ``Identity``, secrets and OAuth2 token requests of a task or launch plan.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity

if TYPE_CHECKING:
    from flyteidl.core import security_pb2
else:
    security_pb2 = lazy_module("flyteidl.core.security_pb2")

_ENV_VAR_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def _declaring() -> bool:
    """Whether code is being declared (imported, compiled) rather than executed: only then is a
    secret's group required, as in flytekit (the platform may resolve group-less secrets at run time)."""
    from flytekit.core.context_manager import FlyteContextManager

    state = FlyteContextManager.current_context().execution_state
    return state is None or state.mode is None


@dataclass
class Secret(FlyteIdlEntity):
    """A secret a task asks for: ``group`` (the secret's name), optional ``key`` and ``group_version``,
    how it should be mounted, and optionally the environment variable to expose it under."""

    class MountType(enum.Enum):
        # flyteidl.core.Secret.MountType values, written out to keep protobuf out of import time.
        ANY = 0
        ENV_VAR = 1
        FILE = 2

    group: str | None = None
    key: str | None = None
    group_version: str | None = None
    mount_requirement: MountType = MountType.ANY
    env_var: str | None = None

    def __post_init__(self) -> None:
        if self.group is None and _declaring():
            raise ValueError(
                f"Group is a required parameter (Secret key={self.key!r}): name the secret, e.g. "
                "Secret(group='my-secret', key='password')."
            )
        if self.env_var is not None and not _ENV_VAR_NAME.match(self.env_var):
            raise ValueError(
                f"Invalid environment variable name: {self.env_var} (Secret group={self.group!r}, key={self.key!r}); "
                "use upper-case letters, digits and underscores, not starting with a digit."
            )

    def to_flyte_idl(self) -> security_pb2.Secret:
        return security_pb2.Secret(
            group=self.group or "",
            group_version=self.group_version or "",
            key=self.key or "",
            mount_requirement=self.mount_requirement.value,  # type: ignore[arg-type]
            env_var=self.env_var or "",
        )

    @classmethod
    def from_flyte_idl(cls, pb2_object: security_pb2.Secret) -> Secret:
        return cls(
            group=pb2_object.group,
            group_version=pb2_object.group_version or None,
            key=pb2_object.key or None,
            mount_requirement=Secret.MountType(pb2_object.mount_requirement),
            env_var=pb2_object.env_var or None,
        )

    # dataclass(eq=True) would replace FlyteIdlEntity's equality and drop hashing
    __eq__ = FlyteIdlEntity.__eq__
    __hash__ = FlyteIdlEntity.__hash__


@dataclass
class OAuth2Client(FlyteIdlEntity):
    """An OAuth2 client id and the secret holding its client secret."""

    client_id: str
    client_secret: Secret

    def to_flyte_idl(self) -> security_pb2.OAuth2Client:
        return security_pb2.OAuth2Client(
            client_id=self.client_id, client_secret=self.client_secret.to_flyte_idl()
        )

    @classmethod
    def from_flyte_idl(cls, pb2_object: security_pb2.OAuth2Client) -> OAuth2Client:
        return cls(
            client_id=pb2_object.client_id, client_secret=Secret.from_flyte_idl(pb2_object.client_secret)
        )

    __eq__ = FlyteIdlEntity.__eq__
    __hash__ = FlyteIdlEntity.__hash__


@dataclass
class Identity(FlyteIdlEntity):
    """Who an execution runs as: IAM role, Kubernetes service account, OAuth2 client, or an identity name."""

    iam_role: str | None = None
    k8s_service_account: str | None = None
    oauth2_client: OAuth2Client | None = None
    execution_identity: str | None = None

    def to_flyte_idl(self) -> security_pb2.Identity:
        message = security_pb2.Identity(
            iam_role=self.iam_role or "",
            k8s_service_account=self.k8s_service_account or "",
            execution_identity=self.execution_identity or "",
        )
        if self.oauth2_client is not None:
            message.oauth2_client.CopyFrom(self.oauth2_client.to_flyte_idl())
        return message

    @classmethod
    def from_flyte_idl(cls, pb2_object: security_pb2.Identity) -> Identity:
        return cls(
            iam_role=pb2_object.iam_role or None,
            k8s_service_account=pb2_object.k8s_service_account or None,
            oauth2_client=OAuth2Client.from_flyte_idl(pb2_object.oauth2_client)
            if pb2_object.HasField("oauth2_client")
            else None,
            execution_identity=pb2_object.execution_identity or None,
        )

    __eq__ = FlyteIdlEntity.__eq__
    __hash__ = FlyteIdlEntity.__hash__


@dataclass
class OAuth2TokenRequest(FlyteIdlEntity):
    """A token the platform should fetch for the task (client-credentials flow)."""

    class Type(enum.Enum):
        CLIENT_CREDENTIALS = 0

    name: str
    client: OAuth2Client
    idp_discovery_endpoint: str | None = None
    token_endpoint: str | None = None
    type_: Type = Type.CLIENT_CREDENTIALS

    def to_flyte_idl(self) -> security_pb2.OAuth2TokenRequest:
        return security_pb2.OAuth2TokenRequest(
            name=self.name,
            type=self.type_.value,  # type: ignore[arg-type]
            token_endpoint=self.token_endpoint or "",
            idp_discovery_endpoint=self.idp_discovery_endpoint or "",
            client=self.client.to_flyte_idl(),
        )

    @classmethod
    def from_flyte_idl(cls, pb2_object: security_pb2.OAuth2TokenRequest) -> OAuth2TokenRequest:
        return cls(
            name=pb2_object.name,
            client=OAuth2Client.from_flyte_idl(pb2_object.client),
            idp_discovery_endpoint=pb2_object.idp_discovery_endpoint or None,
            token_endpoint=pb2_object.token_endpoint or None,
            type_=OAuth2TokenRequest.Type(pb2_object.type),
        )

    __eq__ = FlyteIdlEntity.__eq__
    __hash__ = FlyteIdlEntity.__hash__


@dataclass
class SecurityContext(FlyteIdlEntity):
    """Run-as identity, secrets and token requests of a task or an execution."""

    run_as: Identity | None = None
    secrets: list[Secret] | None = None
    tokens: list[OAuth2TokenRequest] | None = None

    def __post_init__(self) -> None:
        # A single secret or token is accepted for a list of one.
        if self.secrets is not None and not isinstance(self.secrets, list):
            self.secrets = [self.secrets]
        if self.tokens is not None and not isinstance(self.tokens, list):
            self.tokens = [self.tokens]

    def to_flyte_idl(self) -> Any:
        message = security_pb2.SecurityContext(
            secrets=[s.to_flyte_idl() for s in self.secrets or []],
            tokens=[t.to_flyte_idl() for t in self.tokens or []],
        )
        if self.run_as is not None:
            message.run_as.CopyFrom(self.run_as.to_flyte_idl())
        return message

    @classmethod
    def from_flyte_idl(cls, pb2_object: security_pb2.SecurityContext) -> SecurityContext:
        return cls(
            run_as=Identity.from_flyte_idl(pb2_object.run_as) if pb2_object.run_as.ByteSize() else None,
            secrets=[Secret.from_flyte_idl(s) for s in pb2_object.secrets] or None,
            tokens=[OAuth2TokenRequest.from_flyte_idl(t) for t in pb2_object.tokens] or None,
        )

    __eq__ = FlyteIdlEntity.__eq__
    __hash__ = FlyteIdlEntity.__hash__
