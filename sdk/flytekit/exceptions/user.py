"""User-origin exceptions under flytekit's module path; defined in ``flytekit.errors``."""

from flytekit.errors import (
    FlyteAssertion,
    FlyteAuthenticationException,
    FlyteDisapprovalException,
    FlyteEntityAlreadyExistsException,
    FlyteEntityNotExistException,
    FlyteFailureNodeInputMismatchException,
    FlyteInvalidInputException,
    FlyteMissingTypeException,
    FlytePromiseAttributeResolveException,
    FlyteRecoverableException,
    FlyteTimeout,
    FlyteTypeException,
    FlyteUserException,
    FlyteUserRuntimeException,
    FlyteValidationException,
    FlyteValueException,
)

__all__ = [
    "FlyteAssertion",
    "FlyteAuthenticationException",
    "FlyteDisapprovalException",
    "FlyteEntityAlreadyExistsException",
    "FlyteEntityNotExistException",
    "FlyteFailureNodeInputMismatchException",
    "FlyteInvalidInputException",
    "FlyteMissingTypeException",
    "FlytePromiseAttributeResolveException",
    "FlyteRecoverableException",
    "FlyteTimeout",
    "FlyteTypeException",
    "FlyteUserException",
    "FlyteUserRuntimeException",
    "FlyteValidationException",
    "FlyteValueException",
]
