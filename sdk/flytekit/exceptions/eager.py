"""The eager-execution error under flytekit's module path; defined in ``flytekit.errors``."""

from flytekit.errors import EagerException

__all__ = ["EagerException"]
