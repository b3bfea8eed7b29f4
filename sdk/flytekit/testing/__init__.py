"""Test helpers for user code (``flytekit.testing``): mock tasks, workflows and references.

``task_mock(t)`` is a context manager that replaces what ``t`` runs with a ``MagicMock`` for the
duration of the ``with`` block; ``patch(t)`` decorates a test function and passes it the mock as
first argument. The entity keeps its interface, so inputs and outputs still cross the type engine:
a mocked task receives native inputs, and what the mock returns becomes its outputs. This is how
references (which have no code here) run in local tests. ``SecretsManager`` is the secrets reader of
``flytekit.core.secrets``, exposed here as flytekit does.
"""

from typing import Any

from flytekit.testing._mocking import patch, task_mock


def __getattr__(name: str) -> Any:
    if name == "SecretsManager":
        import importlib

        return importlib.import_module("flytekit.core.secrets").SecretsManager
    raise AttributeError(f"module 'flytekit.testing' has no attribute {name!r}")


__all__ = ["patch", "task_mock"]
