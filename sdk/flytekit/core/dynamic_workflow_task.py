"""``@dynamic``: a task whose body is a workflow built when the task runs.

Takes the same arguments as ``@task``. Inside the body the inputs are real Python values, so plain
``if`` and ``for`` over them work, while calls of tasks, workflows and launch plans still return
promises. In a container the body is compiled into a ``DynamicJobSpec`` (written as ``futures.pb``)
that the engine runs as a sub-workflow; locally it runs in-process. ``node_dependency_hints`` lists
entities the body may call (launch plans in particular), so registering the task registers them.
How it runs is in ``flytekit.core.dynamic_execution``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

from flytekit.core.python_function_task import PythonFunctionTask
from flytekit.core.task import task


@overload
def dynamic(_task_function: Callable[..., Any], **kwargs: Any) -> PythonFunctionTask: ...


@overload
def dynamic(
    _task_function: None = None, **kwargs: Any
) -> Callable[[Callable[..., Any]], PythonFunctionTask]: ...


def dynamic(
    _task_function: Callable[..., Any] | None = None, **kwargs: Any
) -> PythonFunctionTask | Callable[[Callable[..., Any]], PythonFunctionTask]:
    """Declare a dynamic workflow task (usable bare or with ``@task``'s arguments)."""
    if "execution_mode" in kwargs:
        raise ValueError("@dynamic sets execution_mode itself; do not pass it.")
    return task(_task_function, execution_mode=PythonFunctionTask.ExecutionBehavior.DYNAMIC, **kwargs)
