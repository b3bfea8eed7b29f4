"""Tasks whose body is a Python function (``@task``) or an object assigned to a module variable.

``PythonFunctionTask`` is named ``<module>.<function>`` and runs the function; the function must be
defined at module level so containers can import it (nested definitions are accepted only inside
``test_*`` functions, for unit tests). ``PythonInstanceTask`` is the base for task objects such as
plugin tasks; it is found again through the module variable it is assigned to.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from flytekit.models.documentation import Documentation


class PythonFunctionTask(PythonAutoContainerTask):
    """A task running ``task_function``; created by ``@task`` (which copies the function's
    ``__name__``, ``__doc__``, ``__wrapped__`` onto it).

    ``execution_mode`` DYNAMIC (``@dynamic``) makes the function a workflow body evaluated when the
    task runs (see ``flytekit.core.dynamic_execution``); ``node_dependency_hints`` name the entities
    such a body may call, so that registering the task registers them too.
    """

    class ExecutionBehavior(enum.Enum):
        DEFAULT = 1
        DYNAMIC = 2
        EAGER = 3

    __name__: str

    def __init__(
        self,
        task_config: Any,
        task_function: Callable[..., Any],
        task_type: str = "python-task",
        ignore_input_vars: list[str] | None = None,
        metadata: TaskMetadata | None = None,
        docs: Docstring | Documentation | None = None,
        pickle_untyped: bool = False,
        execution_mode: ExecutionBehavior = ExecutionBehavior.DEFAULT,
        node_dependency_hints: Iterable[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if not callable(task_function):
            raise FlyteValidationException(f"@task needs a function, got {task_function!r}")
        name, _, _, _ = extract_task_module(task_function)
        interface = transform_function_to_interface(
            task_function,
            docstring=docs if isinstance(docs, Docstring) else None,
            pickle_untyped=pickle_untyped,
        )
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
        self._execution_mode = execution_mode
        self._node_dependency_hints = None if node_dependency_hints is None else list(node_dependency_hints)
        # Checked once the task is built, as flytekit does: a task refused here is still listed in
        # FlyteEntities (fully initialised, so packaging code can read it).
        if is_nested_function(task_function) and not is_defined_in_test_function(task_function):
            raise ValueError(
                f"Task function {task_function.__qualname__} is defined inside another function; containers "
                "can only load module-level functions. Move it to the top level of its module."
            )
        if node_dependency_hints is not None and execution_mode != self.ExecutionBehavior.DYNAMIC:
            raise ValueError(
                f"Task {name!r}: node_dependency_hints should only be used on dynamic tasks; static tasks "
                "and workflows find their dependencies themselves."
            )

    @property
    def task_function(self) -> Callable[..., Any]:
        return self._task_function

    @property
    def execution_mode(self) -> ExecutionBehavior:
        return self._execution_mode

    @property
    def node_dependency_hints(self) -> list[Any] | None:
        return self._node_dependency_hints

    @property
    def compiles_at_run_time(self) -> bool:
        return self._execution_mode != self.ExecutionBehavior.DEFAULT

    def execute(self, **kwargs: Any) -> Any:
        if self._execution_mode == self.ExecutionBehavior.DYNAMIC:
            from flytekit.core.dynamic_execution import dynamic_execute  # deferred: it needs the compiler

            return dynamic_execute(self, **kwargs)
        return self._task_function(**kwargs)


class PythonInstanceTask(PythonAutoContainerTask):
    """Base for task objects (not functions); subclasses implement ``execute``."""

    def __class_getitem__(cls, item: Any) -> type:
        # flytekit's class is generic in its task config (``PythonInstanceTask[MyConfig]``).
        return cls

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


class AsyncPythonFunctionTask(PythonFunctionTask):
    """A task whose function is ``async def`` (``@task`` picks this class): calling it returns an
    awaitable; the body runs on an event loop of its own when the task executes."""

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from flytekit.core.async_calling import call_async

        return await call_async(self, *args, **kwargs)

    def execute(self, **kwargs: Any) -> Any:
        from flytekit.core.async_calling import run_coroutine_sync

        return run_coroutine_sync(self._task_function(**kwargs))


def __getattr__(name: str) -> Any:
    # The eager classes live in their own module; flytekit exposes them here too, and the cleanup
    # task's container args name ``flytekit.core.python_function_task.eager_failure_task_resolver``.
    if name in ("EagerAsyncPythonFunctionTask", "EagerFailureHandlerTask", "EagerFailureTaskResolver"):
        from flytekit.core import eager_task

        return getattr(eager_task, name)
    if name == "eager_failure_task_resolver":
        from flytekit.core import eager_task

        return eager_task.eager_failure_task_resolver
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
