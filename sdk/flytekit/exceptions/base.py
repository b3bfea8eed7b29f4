"""The base exception under flytekit's module path; defined in ``flytekit.errors``."""

from flytekit.errors import FlyteException

__all__ = ["FlyteException"]
