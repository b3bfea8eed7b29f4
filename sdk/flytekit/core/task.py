"""The ``@task`` decorator: turns a function into a ``PythonFunctionTask``.

Usable bare or with arguments. ``task_config`` picks the task class through ``TaskPlugins`` (plugins
register their config type explicitly; nothing is discovered at import). ``cache``/``cache_version``,
``retries``, ``interruptible``, ``timeout``, ``deprecated`` go into ``TaskMetadata``;
``container_image``, ``environment``, ``requests``/``limits``/``resources`` into the container;
``secret_requests`` into the task's security context. ``cache`` is a bool (with the legacy
``cache_version``/``cache_serialize``/``cache_ignore_input_vars``) or a ``Cache``; mixing the two
styles is refused. Unknown keyword arguments are refused, naming them.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar, overload

from flytekit.core.base_task import TaskMetadata, TaskResolverMixin
from flytekit.core.python_function_task import AsyncPythonFunctionTask, PythonFunctionTask
from flytekit.core.resources import Resources

if TYPE_CHECKING:
    from flytekit.core.cache import Cache
    from flytekit.models.documentation import Documentation
    from flytekit.models.security import Secret

FuncOut = TypeVar("FuncOut")
# Keyword arguments passed through to the task class unchanged.
_CONTAINER_EXTRAS = (
    "pod_template",
    "accelerator",
    "shared_memory",
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
    cache: bool | Cache = False,
    retries: int = 0,
    interruptible: bool | None = None,
    deprecated: str = "",
    timeout: datetime.timedelta | int = 0,
    container_image: Any = None,
    environment: dict[str, str] | None = None,
    requests: Resources | None = None,
    limits: Resources | None = None,
    secret_requests: list[Secret] | None = None,
    task_resolver: TaskResolverMixin | None = None,
    docs: Documentation | None = None,
    pod_template_name: str | None = None,
    resources: Resources | None = None,
    labels: dict[str, str] | None = None,
    annotations: dict[str, str] | None = None,
    execution_mode: PythonFunctionTask.ExecutionBehavior = PythonFunctionTask.ExecutionBehavior.DEFAULT,
    node_dependency_hints: Iterable[Any] | None = None,
    **kwargs: Any,
) -> PythonFunctionTask | Callable[[Callable[..., Any]], PythonFunctionTask]:
    """Declare a Flyte task; see the module docstring for the parameters."""
    # The pre-Cache way of configuring caching, still accepted.
    cache_serialize: bool | None = kwargs.pop("cache_serialize", None)
    cache_version: str | None = kwargs.pop("cache_version", None)
    cache_ignore_input_vars: tuple[str, ...] | None = kwargs.pop("cache_ignore_input_vars", None)
    # passed on only when set, so task classes of plugins need not know it
    extra: dict[str, Any] = {"pickle_untyped": True} if kwargs.pop("pickle_untyped", False) else {}
    # Pod, hardware and deck settings (see flytekit.core.python_auto_container).
    extras = {k: kwargs.pop(k) for k in _CONTAINER_EXTRAS if k in kwargs}
    if kwargs:
        raise ValueError(
            f"Unrecognized argument(s) for task: {', '.join(sorted(kwargs))}; check the spelling against "
            "flytekit.task's parameters."
        )

    def wrapper(fn: Callable[..., Any]) -> PythonFunctionTask:
        metadata = TaskMetadata(
            **_cache_settings(
                fn,
                cache,
                cache_serialize,
                cache_version,
                cache_ignore_input_vars,
                container_image,
                pod_template_name,
            ),
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
            _decorate_for_debugging(fn),
            metadata=metadata,
            container_image=container_image,
            environment=environment,
            requests=requests,
            limits=limits,
            resources=resources,
            secret_requests=secret_requests,
            task_resolver=task_resolver,
            docs=docs,
            **task_extra,
            **extras,
        )
        functools.update_wrapper(instance, fn)
        return instance

    if _task_function is not None:
        return wrapper(_task_function)
    return wrapper


def _cache_settings(
    fn: Callable[..., Any],
    cache: bool | Cache,
    cache_serialize: bool | None,
    cache_version: str | None,
    cache_ignore_input_vars: tuple[str, ...] | None,
    container_image: Any,
    pod_template_name: str | None,
) -> dict[str, Any]:
    """TaskMetadata cache fields from ``cache=`` (bool or ``Cache``) and the legacy ``cache_*`` arguments."""
    if cache is False or (cache is True and cache_version is not None):
        return {
            "cache": bool(cache),
            "cache_version": cache_version or "",
            "cache_serialize": bool(cache_serialize),
            "cache_ignore_input_vars": tuple(cache_ignore_input_vars or ()),
        }
    from flytekit.core.cache import Cache, VersionParameters  # deferred: keeps `import flytekit` light

    if cache is True and cache_version is None:
        # cache=True without a version means "version from the default policies" (there are none
        # in open-source flytekit, so Cache() refuses it with flytekit's message).
        cache = Cache(
            serialize=bool(cache_serialize),
            ignored_inputs=tuple(cache_ignore_input_vars or ()),
        )
    if isinstance(cache, Cache):
        if cache_serialize is not None or cache_version is not None or cache_ignore_input_vars is not None:
            raise ValueError(
                "cache_serialize, cache_version, and cache_ignore_input_vars are deprecated. Please use Cache object"
            )
        version = cache.get_version(
            VersionParameters(func=fn, container_image=container_image, pod_template_name=pod_template_name)
        )
        return {
            "cache": True,
            "cache_version": version,
            "cache_serialize": cache.serialize,
            "cache_ignore_input_vars": cache.get_ignored_inputs(),
        }
    return {
        "cache": bool(cache),
        "cache_version": cache_version or "",
        "cache_serialize": bool(cache_serialize),
        "cache_ignore_input_vars": tuple(cache_ignore_input_vars or ()),
    }


def __getattr__(name: str) -> Any:
    # flytekit also exposes these here; loaded on first use to keep imports light.
    if name == "eager":
        from flytekit.core.eager_task import eager

        return eager
    if name == "Secret":
        from flytekit.models.security import Secret

        return Secret
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _decorate_for_debugging(fn: Callable[..., Any]) -> Callable[..., Any]:
    """With ``_F_E_VS`` true (set when registering), every task function is wrapped with ``vscode``."""
    from flytekit.interactive.constants import FLYTE_ENABLE_VSCODE_KEY

    if os.environ.get(FLYTE_ENABLE_VSCODE_KEY, "").lower() in ("true", "t", "1"):
        from flytekit.interactive import vscode

        return vscode(task_function=fn)
    return fn
