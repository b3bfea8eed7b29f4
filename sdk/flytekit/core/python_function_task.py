"""Tasks whose body is a Python function (``@task``) or an object assigned to a module variable.

``PythonFunctionTask`` is named ``<module>.<function>`` and runs the function; the function must be
defined at module level so containers can import it (nested definitions are accepted only inside
``test_*`` functions, for unit tests). ``PythonInstanceTask`` is the base for task objects such as
plugin tasks; it is found again through the module variable it is assigned to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flytekit.core.base_task import TaskMetadata
from flytekit.core.docstring import Docstring
from flytekit.core.interface import Interface, transform_function_to_interface
from flytekit.core.python_auto_container import PythonAutoContainerTask
from flytekit.core.tracker import (
    extract_task_module,
    is_defined_in_test_function,
    is_nested_function,
)
from flytekit.errors import FlyteValidationException


class PythonFunctionTask(PythonAutoContainerTask):
    """A task running ``task_function``; created by ``@task`` (which copies the function's
    ``__name__``, ``__doc__``, ``__wrapped__`` onto it)."""

    __name__: str

    def __init__(
        self,
        task_config: Any,
        task_function: Callable[..., Any],
        task_type: str = "python-task",
        ignore_input_vars: list[str] | None = None,
        metadata: TaskMetadata | None = None,
        docs: Docstring | None = None,
        **kwargs: Any,
    ) -> None:
        if not callable(task_function):
            raise FlyteValidationException(f"@task needs a function, got {task_function!r}")
        if is_nested_function(task_function) and not is_defined_in_test_function(task_function):
            raise FlyteValidationException(
                f"Task function {task_function.__qualname__} is defined inside another function; containers "
                "can only load module-level functions. Move it to the top level of its module."
            )
        name, _, _, _ = extract_task_module(task_function)
        interface = transform_function_to_interface(task_function, docstring=docs)
        super().__init__(
            name=name,
            task_config=task_config,
            interface=interface,
            task_type=task_type,
            metadata=metadata,
            docs=docs,
            **kwargs,
        )
        self._task_function = task_function

    @property
    def task_function(self) -> Callable[..., Any]:
        return self._task_function

    def execute(self, **kwargs: Any) -> Any:
        return self._task_function(**kwargs)


class PythonInstanceTask(PythonAutoContainerTask):
    """Base for task objects (not functions); subclasses implement ``execute``."""

    def __init__(
        self,
        name: str,
        task_config: Any,
        task_type: str = "python-task",
        interface: Interface | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            name=name,
            task_config=task_config,
            task_type=task_type,
            interface=interface or Interface(),
            **kwargs,
        )
