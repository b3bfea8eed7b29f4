"""The ``@task`` decorator: turns a function into a ``PythonFunctionTask``.

Usable bare or with arguments. ``task_config`` picks the task class through ``TaskPlugins`` (plugins
register their config type explicitly; nothing is discovered at import). ``cache``/``cache_version``,
``retries``, ``interruptible``, ``timeout``, ``deprecated`` go into ``TaskMetadata``;
``container_image``, ``environment``, ``requests``/``limits``/``resources`` into the container.
Unknown keyword arguments are refused, naming them.
"""

from __future__ import annotations

import datetime
import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

from flytekit.core.base_task import TaskMetadata, TaskResolverMixin
from flytekit.core.python_function_task import AsyncPythonFunctionTask, PythonFunctionTask
from flytekit.core.resources import Resources
from flytekit.errors import FlyteValidationException

FuncOut = TypeVar("FuncOut")
# Keyword arguments passed through to the task class unchanged.
_CONTAINER_EXTRAS = (
    "secret_requests",
    "pod_template",
    "accelerator",
    "shared_memory",
    "docs",
    "enable_deck",
    "disable_deck",
    "deck_fields",
)


class TaskPlugins:
    """task_config type -> task class; plugins call ``register_pythontask_plugin`` when loaded."""

    _registry: dict[type, type[PythonFunctionTask]] = {}

    @classmethod
    def register_pythontask_plugin(cls, plugin_config_type: type, plugin: type[PythonFunctionTask]) -> None:
        cls._registry[plugin_config_type] = plugin

    @classmethod
    def find_pythontask_plugin(cls, plugin_config_type: type) -> type[PythonFunctionTask]:
        return cls._registry.get(plugin_config_type, PythonFunctionTask)


@overload
def task(_task_function: Callable[..., FuncOut], **kwargs: Any) -> PythonFunctionTask: ...


@overload
def task(
    _task_function: None = None, **kwargs: Any
) -> Callable[[Callable[..., FuncOut]], PythonFunctionTask]: ...


def task(
    _task_function: Callable[..., Any] | None = None,
    task_config: Any = None,
    cache: bool = False,
    retries: int = 0,
    interruptible: bool | None = None,
    deprecated: str = "",
    timeout: datetime.timedelta | int = 0,
    container_image: Any = None,
    environment: dict[str, str] | None = None,
    requests: Resources | None = None,
    limits: Resources | None = None,
    resources: Resources | None = None,
    task_resolver: TaskResolverMixin | None = None,
    pod_template_name: str | None = None,
    labels: dict[str, str] | None = None,
    annotations: dict[str, str] | None = None,
    execution_mode: PythonFunctionTask.ExecutionBehavior = PythonFunctionTask.ExecutionBehavior.DEFAULT,
    node_dependency_hints: Iterable[Any] | None = None,
    **kwargs: Any,
) -> PythonFunctionTask | Callable[[Callable[..., Any]], PythonFunctionTask]:
    """Declare a Flyte task; see the module docstring for the parameters."""
    cache_version = kwargs.pop("cache_version", "")
    cache_serialize = kwargs.pop("cache_serialize", False)
    cache_ignore_input_vars = tuple(kwargs.pop("cache_ignore_input_vars", ()))
    # passed on only when set, so task classes of plugins need not know it
    extra: dict[str, Any] = {"pickle_untyped": True} if kwargs.pop("pickle_untyped", False) else {}
    # Pod, hardware, secrets, docs and deck settings (see flytekit.core.python_auto_container).
    extras = {k: kwargs.pop(k) for k in _CONTAINER_EXTRAS if k in kwargs}
    if kwargs:
        raise ValueError(f"Unrecognized argument(s) for task: {', '.join(sorted(kwargs))}")
    if not isinstance(cache, bool):
        raise FlyteValidationException(
            f"cache must be True or False here (Cache objects are not supported yet), got {cache!r}"
        )

    def wrapper(fn: Callable[..., Any]) -> PythonFunctionTask:
        metadata = TaskMetadata(
            cache=cache,
            cache_serialize=cache_serialize,
            cache_version=cache_version,
            cache_ignore_input_vars=cache_ignore_input_vars,
            retries=retries,
            interruptible=interruptible,
            deprecated=deprecated,
            timeout=timeout or None,
            pod_template_name=pod_template_name,
            labels=dict(labels or {}),
            annotations=dict(annotations or {}),
        )
        task_class = TaskPlugins.find_pythontask_plugin(type(task_config))
        if task_class is PythonFunctionTask and inspect.iscoroutinefunction(fn):
            task_class = AsyncPythonFunctionTask
        task_extra = dict(extra)
        if execution_mode != PythonFunctionTask.ExecutionBehavior.DEFAULT:
            task_extra["execution_mode"] = execution_mode
        if node_dependency_hints is not None:
            task_extra["node_dependency_hints"] = node_dependency_hints
        instance = task_class(
            task_config,
            fn,
            metadata=metadata,
            container_image=container_image,
            environment=environment,
            requests=requests,
            limits=limits,
            resources=resources,
            task_resolver=task_resolver,
            **task_extra,
            **extras,
        )
        functools.update_wrapper(instance, fn)
        return instance

    if _task_function is not None:
        return wrapper(_task_function)
    return wrapper


def __getattr__(name: str) -> Any:
    # ``flytekit.core.task.eager`` as in flytekit, loaded on first use to keep imports light.
    if name == "eager":
        from flytekit.core.eager_task import eager

        return eager
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
