"""User-origin exceptions under flytekit's module path; defined in ``flytekit.errors``."""

from flytekit.errors import (
    FlyteAssertion,
    FlyteEntityNotExistException,
    FlyteMissingTypeException,
    FlyteRecoverableException,
    FlyteTypeException,
    FlyteUserException,
    FlyteUserRuntimeException,
    FlyteValidationException,
)

__all__ = [
    "FlyteAssertion",
    "FlyteEntityNotExistException",
    "FlyteMissingTypeException",
    "FlyteRecoverableException",
    "FlyteTypeException",
    "FlyteUserException",
    "FlyteUserRuntimeException",
    "FlyteValidationException",
]
