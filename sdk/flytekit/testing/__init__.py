"""Test helpers for user code (``flytekit.testing``): mock tasks, workflows and references.

``task_mock(t)`` is a context manager that replaces what ``t`` runs with a ``MagicMock`` for the
duration of the ``with`` block; ``patch(t)`` decorates a test function and passes it the mock as
first argument. The entity keeps its interface, so inputs and outputs still cross the type engine:
a mocked task receives native inputs, and what the mock returns becomes its outputs. This is how
references (which have no code here) run in local tests.
"""

from flytekit.testing._mocking import patch, task_mock

__all__ = ["patch", "task_mock"]
