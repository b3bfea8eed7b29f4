"""System-origin exceptions under flytekit's module path; defined in ``flytekit.errors``."""

from flytekit.errors import (
    FlyteDataAccessException,
    FlyteNonRecoverableSystemException,
    FlyteSystemException,
    FlyteSystemUnavailableException,
)

__all__ = [
    "FlyteDataAccessException",
    "FlyteNonRecoverableSystemException",
    "FlyteSystemException",
    "FlyteSystemUnavailableException",
]
