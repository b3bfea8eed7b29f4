"""Map gRPC failures from admin onto the SDK's exception tree (drawn in ``flytekit.errors``).

===================  ========================================
gRPC status          raised
===================  ========================================
NOT_FOUND            ``FlyteEntityNotExistException``
ALREADY_EXISTS       ``FlyteEntityAlreadyExistsException``
INVALID_ARGUMENT     ``FlyteInvalidInputException``
UNAUTHENTICATED      ``FlyteAuthenticationException``
DEADLINE_EXCEEDED    ``FlyteTimeout``
UNAVAILABLE          ``FlyteSystemUnavailableException``
anything else        ``FlyteSystemException``
===================  ========================================

The original ``grpc.RpcError`` stays attached as ``__cause__``; the message
names the RPC and repeats admin's details (which name the entity and what is wrong with it).
"""

from __future__ import annotations

from flytekit.errors import (
    FlyteAuthenticationException,
    FlyteEntityAlreadyExistsException,
    FlyteEntityNotExistException,
    FlyteException,
    FlyteInvalidInputException,
    FlyteSystemException,
    FlyteSystemUnavailableException,
    FlyteTimeout,
)

# The table of the module docstring; any other status becomes ``FlyteSystemException``.
_EXCEPTION_BY_STATUS: dict[str, type[FlyteException]] = {
    "NOT_FOUND": FlyteEntityNotExistException,
    "ALREADY_EXISTS": FlyteEntityAlreadyExistsException,
    "INVALID_ARGUMENT": FlyteInvalidInputException,
    "UNAUTHENTICATED": FlyteAuthenticationException,
    "DEADLINE_EXCEEDED": FlyteTimeout,
    "UNAVAILABLE": FlyteSystemUnavailableException,
}


def status_name(error: BaseException) -> str:
    """The gRPC status code name of an ``RpcError`` (``"UNKNOWN"`` when it carries none)."""
    code = getattr(error, "code", None)
    if not callable(code):
        return "UNKNOWN"
    value = code()
    return str(getattr(value, "name", value))


def status_details(error: BaseException) -> str:
    """The server's error message of an ``RpcError``."""
    details = getattr(error, "details", None)
    text = details() if callable(details) else None
    return str(text) if text else str(error)


def translate_rpc_error(error: BaseException, rpc: str) -> FlyteException:
    """The SDK exception for a failed call of ``rpc`` (raise it ``from error``)."""
    name = status_name(error)
    exception_type = _EXCEPTION_BY_STATUS.get(name, FlyteSystemException)
    return exception_type(f"{rpc} failed with {name}: {status_details(error)}")
