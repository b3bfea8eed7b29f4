"""``ClassDecorator``: a decorator object around a task function that can also add task config.

Used bare (``@vscode``) it wraps the function at once; used with arguments (``@vscode(port=8081)``)
it remembers them and wraps the function on the next call. Calling the wrapped object runs
``execute``; the compiler merges ``get_extra_config()`` into the task template's ``config`` (how the
backend learns, e.g., which port to link to). flytekit keeps this class in ``flytekit.core.utils``.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any


class ClassDecorator(ABC):
    LINK_TYPE_KEY = "link_type"
    PORT_KEY = "port"

    def __init__(self, task_function: Callable[..., Any] | None = None, **kwargs: Any) -> None:
        self.task_function = task_function
        self.decorator_kwargs = kwargs
        if task_function is not None:
            # name, module, docstring and signature of the user function, so the task looks like it
            functools.update_wrapper(self, task_function)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.task_function is not None:
            return self.execute(*args, **kwargs)
        # decorator used with arguments: this call receives the function to wrap
        return self.__class__(args[0], **self.decorator_kwargs)

    @abstractmethod
    def execute(self, *args: Any, **kwargs: Any) -> Any:
        """Run the decorated function (or whatever the decorator does instead)."""

    @abstractmethod
    def get_extra_config(self) -> dict[str, str]:
        """Entries added to the task template's ``config``."""
