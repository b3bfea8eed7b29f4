"""``Environment``: a reusable bundle of ``@task`` arguments.

``env = Environment(retries=2, environment={"A": "1"})`` then ``@env.task`` (or ``@env``,
``@env(...)`` with extra arguments, ``@env.dynamic``) decorates with those arguments merged under
the extra ones; nested dicts merge key by key. ``update`` changes the bundle in place, ``extend``
returns a new one, ``show`` prints it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any


def inherit(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``old`` with ``new`` laid over it; dict values merge recursively (``old`` is not changed)."""
    out = copy.deepcopy(old)
    for key, value in new.items():
        if key in out and isinstance(value, dict) and isinstance(out[key], dict):
            out[key] = inherit(out[key], value)
        else:
            out[key] = value
    return out


class Environment:
    """See the module docstring; accepts every ``@task`` keyword argument."""

    def __init__(self, **overrides: Any) -> None:
        if "_task_function" in overrides:
            raise KeyError("Cannot override task function")
        self.overrides: dict[str, Any] = dict(overrides)

    def update(self, **overrides: Any) -> None:
        """Merge ``overrides`` into this environment."""
        self.overrides = inherit(self.overrides, overrides)

    def extend(self, **overrides: Any) -> Environment:
        """A new environment: this one's arguments with ``overrides`` merged in."""
        return self.__class__(**inherit(self.overrides, overrides))

    def _decorate(
        self, decorator: Callable[..., Any], fn: Callable[..., Any] | None, overrides: dict[str, Any]
    ) -> Any:
        if fn is not None:
            if not callable(fn):
                raise ValueError("The first positional argument must be a callable")
            return decorator(fn, **inherit(self.overrides, overrides))

        def inner(function: Callable[..., Any]) -> Any:
            return decorator(function, **inherit(self.overrides, overrides))

        return inner

    def __call__(self, _task_function: Callable[..., Any] | None = None, /, **overrides: Any) -> Any:
        """Decorate as ``@task`` with this environment's arguments (and ``overrides`` on top)."""
        from flytekit.core.task import task

        return self._decorate(task, _task_function, overrides)

    task = __call__

    def dynamic(self, _task_function: Callable[..., Any] | None = None, /, **overrides: Any) -> Any:
        """Decorate as ``@dynamic`` with this environment's arguments (and ``overrides`` on top)."""
        import importlib

        dynamic = importlib.import_module("flytekit.core.dynamic_workflow_task").dynamic
        return self._decorate(dynamic, _task_function, overrides)

    def show(self) -> None:
        """Print the arguments of this environment."""
        from rich.console import Console
        from rich.panel import Panel
        from rich.pretty import Pretty

        Console().print(Panel.fit(Pretty(self.overrides)))

    def __repr__(self) -> str:
        return f"Environment({self.overrides!r})"
