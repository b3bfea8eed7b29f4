"""User-origin exceptions under flytekit's module path; defined in ``flytekit.errors``."""

from flytekit.errors import (
    FlyteAssertion,
    FlyteAuthenticationException,
    FlyteEntityAlreadyExistsException,
    FlyteEntityNotExistException,
    FlyteInvalidInputException,
    FlyteMissingTypeException,
    FlyteRecoverableException,
    FlyteTimeout,
    FlyteTypeException,
    FlyteUserException,
    FlyteUserRuntimeException,
    FlyteValidationException,
)

__all__ = [
    "FlyteAssertion",
    "FlyteAuthenticationException",
    "FlyteEntityAlreadyExistsException",
    "FlyteEntityNotExistException",
    "FlyteInvalidInputException",
    "FlyteMissingTypeException",
    "FlyteRecoverableException",
    "FlyteTimeout",
    "FlyteTypeException",
    "FlyteUserException",
    "FlyteUserRuntimeException",
    "FlyteValidationException",
]
