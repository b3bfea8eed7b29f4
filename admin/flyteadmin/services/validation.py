"""Request checks shared by the services: required fields, identifiers, names, labels, and whether a
project/domain may be written to. Failures are INVALID_ARGUMENT with Flyte's wording
(``missing project``, ``invalid value for limit``) plus what to do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from google.protobuf.message import Message

from flyteadmin.errors import InvalidArgument
from flyteadmin.repositories import UnitOfWork
from flyteidl.admin import common_pb2, project_pb2
from flyteidl.core import identifier_pb2

__all__ = [
    "check_execution_name",
    "check_identifier",
    "check_labels",
    "check_project_domain",
    "require",
    "require_execution_id",
    "require_fields",
]

_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_EXECUTION_NAME = re.compile(r"^[a-z][a-z\-0-9]*$")
_LABEL_KEY_NAME = re.compile(r"^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$")
_LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
_MAX_LABELS = 16
_VERSIONED_ID_FIELDS = ("project", "domain", "name", "version")


def require(value: object, field_name: str) -> None:
    """``missing <field>`` unless ``value`` is set (non-empty)."""
    if not value:
        raise InvalidArgument(f"missing {field_name}")


def require_fields(message: Message, *field_names: str, prefix: str = "") -> None:
    """``missing <prefix><field>`` for the first of ``field_names`` that ``message`` leaves empty."""
    for field_name in field_names:
        require(getattr(message, field_name), f"{prefix}{field_name}")


def require_execution_id(identifier: identifier_pb2.WorkflowExecutionIdentifier) -> None:
    require_fields(identifier, "project", "domain", "name")


def check_identifier(identifier: identifier_pb2.Identifier, expected_type: int, *, what: str = "id") -> None:
    """A complete identifier of the expected resource type (project, domain, name, version set)."""
    if identifier.resource_type != expected_type:
        raise InvalidArgument(
            f"unexpected resource type {identifier_pb2.ResourceType.Name(identifier.resource_type).lower()} "
            f"for identifier [{identifier.project}:{identifier.domain}:{identifier.name}:{identifier.version}], "
            f"expected {identifier_pb2.ResourceType.Name(expected_type).lower()} instead"
        )
    require_fields(identifier, *_VERSIONED_ID_FIELDS, prefix="" if what == "id" else f"{what}.")


def check_dns_label(value: str, field_name: str) -> None:
    if len(value) > 63 or not _DNS_LABEL.match(value):
        raise InvalidArgument(
            f"invalid value for {field_name}: {value!r} must be at most 63 lower-case letters, digits "
            "or '-', starting and ending with a letter or digit."
        )


def check_execution_name(name: str) -> None:
    """Execution names are lower-cased, then must look like ``^[a-z][a-z-0-9]*$``, at most 63 chars."""
    lowered = name.lower()
    if len(lowered) > 63:
        raise InvalidArgument(
            f"invalid value for name: execution name {name!r} is longer than 63 characters."
        )
    if not _EXECUTION_NAME.match(lowered):
        raise InvalidArgument(
            f"invalid value for name: execution name {name!r} must start with a letter and contain only "
            "letters, digits and '-'."
        )


def check_labels(labels: Mapping[str, str], field_name: str = "labels") -> None:
    """At most 16 Kubernetes-valid labels."""
    if len(labels) > _MAX_LABELS:
        raise InvalidArgument(f"invalid value for {field_name}: at most {_MAX_LABELS} labels are allowed.")
    for key, value in labels.items():
        prefix, _, name = key.rpartition("/")
        if not name or len(name) > 63 or not _LABEL_KEY_NAME.match(name) or len(prefix) > 253:
            raise InvalidArgument(
                f"invalid value for {field_name}: label key {key!r} is not a valid Kubernetes label key."
            )
        if len(value) > 63 or not _LABEL_VALUE.match(value):
            raise InvalidArgument(
                f"invalid value for {field_name}: label value {value!r} of {key!r} is not a valid Kubernetes "
                "label value (at most 63 letters, digits, '-', '_' or '.')."
            )


def check_project_domain(uow: UnitOfWork, project: str, domain: str, domains: Sequence[str]) -> None:
    """The project exists and is active, and the domain is configured."""
    require(project, "project")
    require(domain, "domain")
    record = uow.projects.find(project)
    if record is None:
        raise InvalidArgument(
            f"failed to validate that project [{project}] and domain [{domain}] are registered, err: "
            f"[project [{project}] not found]; register the project first."
        )
    if record.project.state != project_pb2.Project.ACTIVE:
        raise InvalidArgument(
            f"project [{project}] is not active; unarchive it to register or launch anything in it.",
            details=[project_pb2.InactiveProject(id=project)],
        )
    if domain not in domains:
        raise InvalidArgument(
            f"domain [{domain}] is unrecognized by system; use one of: {', '.join(domains)}."
        )


def named_entity_identifier(identifier: identifier_pb2.Identifier) -> common_pb2.NamedEntityIdentifier:
    return common_pb2.NamedEntityIdentifier(
        project=identifier.project, domain=identifier.domain, name=identifier.name
    )
