"""The errors flyteadmin's services raise, in one tree, and the one table mapping them to wire codes.

Services and repositories raise these; the gRPC servicers and REST routes translate them with
:func:`grpc_code_name` / :func:`http_status` (the API layer turns the name into a ``grpc.StatusCode``,
so this module imports neither grpc nor fastapi). A message names what failed, which id, and what to
do about it::

    AdminError                   base; ``details`` holds protobuf messages sent as gRPC status details
    ├── InvalidArgument          the request is malformed or breaks a rule        INVALID_ARGUMENT / 400
    ├── NotFound                 an entity the request names does not exist       NOT_FOUND / 404
    ├── AlreadyExists            the entity (or event phase) is recorded already  ALREADY_EXISTS / 409
    ├── FailedPrecondition       the entity is in a state that forbids the call   FAILED_PRECONDITION / 400
    ├── ResourceExhausted        a payload is over a configured size limit        RESOURCE_EXHAUSTED / 429
    ├── Unauthenticated          a signed URL's token is missing, bad or expired  UNAUTHENTICATED / 401
    └── InternalError            a bug or a broken collaborator (storage, engine) INTERNAL / 500

Origin: all but ``InternalError`` are caused by the caller's request; ``InternalError`` is ours.
None of them is worth retrying unchanged except ``InternalError`` when a collaborator was flaky.
"""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf.message import Message

__all__ = [
    "AdminError",
    "AlreadyExists",
    "FailedPrecondition",
    "InternalError",
    "InvalidArgument",
    "NotFound",
    "ResourceExhausted",
    "Unauthenticated",
    "grpc_code_name",
    "grpc_code_number",
    "http_status",
]


class AdminError(Exception):
    """Base of every error flyteadmin reports to a client."""

    #: the gRPC status code name (``grpc.StatusCode[...]``) this error travels as
    code_name: str = "INTERNAL"

    def __init__(self, message: str, *, details: Sequence[Message] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details: tuple[Message, ...] = tuple(details)


class InvalidArgument(AdminError):
    """The request is malformed or breaks a registration/execution rule."""

    code_name = "INVALID_ARGUMENT"


class NotFound(AdminError):
    """An entity named by the request does not exist."""

    code_name = "NOT_FOUND"


class AlreadyExists(AdminError):
    """The entity, or the event phase, is recorded already."""

    code_name = "ALREADY_EXISTS"


class FailedPrecondition(AdminError):
    """The entity is in a state that forbids the call (e.g. terminal executions)."""

    code_name = "FAILED_PRECONDITION"


class ResourceExhausted(AdminError):
    """A payload exceeds a configured size limit."""

    code_name = "RESOURCE_EXHAUSTED"


class Unauthenticated(AdminError):
    """A signed URL's token is missing, does not verify, or has expired."""

    code_name = "UNAUTHENTICATED"


class InternalError(AdminError):
    """A bug, or a collaborator (database, blob store, workflow engine) failed."""

    code_name = "INTERNAL"


# The grpc-gateway's mapping from gRPC code to HTTP status, for every code admin can produce.
_HTTP_STATUS = {
    "OK": 200,
    "CANCELLED": 499,
    "UNKNOWN": 500,
    "INVALID_ARGUMENT": 400,
    "DEADLINE_EXCEEDED": 504,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "PERMISSION_DENIED": 403,
    "UNAUTHENTICATED": 401,
    "RESOURCE_EXHAUSTED": 429,
    "FAILED_PRECONDITION": 400,
    "ABORTED": 409,
    "OUT_OF_RANGE": 400,
    "UNIMPLEMENTED": 501,
    "INTERNAL": 500,
    "UNAVAILABLE": 503,
    "DATA_LOSS": 500,
}

# Numeric gRPC codes, for the ``code`` field of REST error bodies.
_GRPC_NUMBER = {
    "OK": 0,
    "CANCELLED": 1,
    "UNKNOWN": 2,
    "INVALID_ARGUMENT": 3,
    "DEADLINE_EXCEEDED": 4,
    "NOT_FOUND": 5,
    "ALREADY_EXISTS": 6,
    "PERMISSION_DENIED": 7,
    "RESOURCE_EXHAUSTED": 8,
    "FAILED_PRECONDITION": 9,
    "ABORTED": 10,
    "OUT_OF_RANGE": 11,
    "UNIMPLEMENTED": 12,
    "INTERNAL": 13,
    "UNAVAILABLE": 14,
    "DATA_LOSS": 15,
    "UNAUTHENTICATED": 16,
}


def grpc_code_name(error: BaseException) -> str:
    """The gRPC status code name an error travels as; anything not an AdminError is INTERNAL."""
    return error.code_name if isinstance(error, AdminError) else "INTERNAL"


def grpc_code_number(code_name: str) -> int:
    """The numeric value of a gRPC status code name (``NOT_FOUND`` -> 5)."""
    return _GRPC_NUMBER.get(code_name, 2)


def http_status(code_name: str) -> int:
    """The HTTP status grpc-gateway uses for a gRPC code name."""
    return _HTTP_STATUS.get(code_name, 500)
