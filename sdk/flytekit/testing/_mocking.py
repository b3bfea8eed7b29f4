"""``task_mock`` and ``patch``: swap an entity's ``execute`` for a ``MagicMock`` (see the package docstring)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any
from unittest.mock import MagicMock

from flytekit.core.base_task import PythonTask
from flytekit.core.reference_entity import ReferenceEntity
from flytekit.core.workflow import WorkflowBase

logger = logging.getLogger(__name__)

_MOCKABLE = (PythonTask, WorkflowBase, ReferenceEntity)


@contextlib.contextmanager
def task_mock(t: Any) -> Iterator[MagicMock]:
    """Within the block, calls of ``t`` run the yielded mock (given native inputs) instead of its code."""
    if not isinstance(t, _MOCKABLE):
        raise ValueError(f"Can only be used for tasks, but got {type(t)}")
    mock = MagicMock()

    def _call_mock(*args: Any, **kwargs: Any) -> Any:
        logger.warning("Invoking mock method for task: '%s'", t.name)
        return mock(*args, **kwargs)

    saved = t.execute
    setattr(t, "execute", _call_mock)  # noqa: B010 -- instances get the mock, not the class
    try:
        yield mock
    finally:
        setattr(t, "execute", saved)  # noqa: B010


def patch(target: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a test: it receives a mock standing in for ``target`` as its first argument."""
    if not isinstance(target, _MOCKABLE):
        raise ValueError(f"Can only use mocks on tasks/workflows declared in Python, but got {type(target)}")

    def wrapper(test_fn: Callable[..., Any]) -> Callable[..., Any]:
        # No functools.wraps: test runners must not see the mock parameter as one to fill.
        def new_test(*args: Any, **kwargs: Any) -> Any:
            logger.warning("Invoking mock method for target: '%s'", target.name)
            mock = MagicMock()
            saved = target.execute
            setattr(target, "execute", mock)  # noqa: B010
            try:
                return test_fn(mock, *args, **kwargs)
            finally:
                setattr(target, "execute", saved)  # noqa: B010

        return new_test

    return wrapper
