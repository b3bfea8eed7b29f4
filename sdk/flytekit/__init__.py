"""flytekit: the authoring SDK, type engine, local runner, task runtime, remote client and CLIs.

Source-compatible with flytekit 1.16: user code written for it (``from flytekit import task,
workflow``) runs unchanged on this package. Importing it stays light: protobuf messages and the
authoring core only; the remote client and anything heavy load on first use.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator
from typing import Any

from flytekit._version import __version__
from flytekit.configuration import Config
from flytekit.core.base_task import IgnoreOutputs, PythonTask, TaskMetadata, kwtypes
from flytekit.core.condition import conditional
from flytekit.core.context_manager import ExecutionParameters, FlyteContext, FlyteContextManager
from flytekit.core.launch_plan import LaunchPlan
from flytekit.core.python_function_task import PythonFunctionTask, PythonInstanceTask
from flytekit.core.resources import Resources
from flytekit.core.task import task
from flytekit.core.workflow import WorkflowFailurePolicy, workflow
from flytekit.errors import FlyteRecoverableException
from flytekit.lazy_import.lazy_module import lazy_module
from flytekit.loggers import LOGGING_RICH_FMT_ENV_VAR, logger
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile


def current_context() -> ExecutionParameters:
    """What the running task or workflow can know about its execution (see ``ExecutionParameters``)."""
    params = FlyteContextManager.current_context().user_space_params
    if params is None:
        raise RuntimeError("No execution parameters in the current Flyte context.")
    return params


def new_context() -> contextlib.AbstractContextManager[FlyteContext]:
    """A copy of the current Flyte context, pushed for the duration of a ``with`` block."""
    return FlyteContextManager.with_context(FlyteContextManager.current_context().new_builder())


# Names whose modules are heavier than the authoring core: imported on first use.
_LAZY = {
    "FlyteRemote": "flytekit.remote",
    "SensorEngine": "flytekit.sensor.sensor_engine",
    "entry_points": "importlib.metadata",
    # launch plans, schedules, notifications and run settings
    "CronSchedule": "flytekit.core.schedule",
    "FixedRate": "flytekit.core.schedule",
    "Email": "flytekit.core.notification",
    "Slack": "flytekit.core.notification",
    "PagerDuty": "flytekit.core.notification",
    "WorkflowExecutionPhase": "flytekit.models.core.execution",
    "Labels": "flytekit.models.common",
    "Annotations": "flytekit.models.common",
    "AuthRole": "flytekit.models.common",
    "ConcurrencyPolicy": "flytekit.models.concurrency",
    "ConcurrencyLimitBehavior": "flytekit.models.concurrency",
    "Options": "flytekit.core.options",
    "SecurityContext": "flytekit.models.security",
    "Secret": "flytekit.models.security",
    # caching
    "Cache": "flytekit.core.cache",
    "CachePolicy": "flytekit.core.cache",
    "VersionParameters": "flytekit.core.cache",
    # documentation of entities (docs=)
    "Description": "flytekit.models.documentation",
    "Documentation": "flytekit.models.documentation",
    "SourceCode": "flytekit.models.documentation",
    # task runtime helpers
    "Checkpoint": "flytekit.core.checkpointer",
    "Environment": "flytekit.core.environment",
}

# Sub-packages flytekit exposes as attributes (``flytekit.types``, ``flytekit.extend``, ...).
_SUBMODULES = {
    "clients",
    "configuration",
    "constants",
    "core",
    "exceptions",
    "extend",
    "lazy_import",
    "loggers",
    "models",
    "remote",
    "sensor",
    "tools",
    "types",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _SUBMODULES:
        return importlib.import_module(f"flytekit.{name}")
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'flytekit' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)


__all__ = [
    "LOGGING_RICH_FMT_ENV_VAR",
    "Annotations",
    "AuthRole",
    "Cache",
    "CachePolicy",
    "Checkpoint",
    "ConcurrencyLimitBehavior",
    "ConcurrencyPolicy",
    "Config",
    "CronSchedule",
    "Description",
    "Documentation",
    "Email",
    "Environment",
    "ExecutionParameters",
    "FixedRate",
    "FlyteContext",
    "FlyteContextManager",
    "FlyteDirectory",
    "FlyteFile",
    "FlyteRecoverableException",
    "FlyteRemote",
    "Generator",
    "IgnoreOutputs",
    "Labels",
    "LaunchPlan",
    "Options",
    "PagerDuty",
    "PythonFunctionTask",
    "PythonInstanceTask",
    "PythonTask",
    "Resources",
    "Secret",
    "SecurityContext",
    "SensorEngine",
    "Slack",
    "SourceCode",
    "TaskMetadata",
    "VersionParameters",
    "WorkflowExecutionPhase",
    "WorkflowFailurePolicy",
    "__version__",
    "conditional",
    "current_context",
    "entry_points",
    "kwtypes",
    "lazy_module",
    "logger",
    "new_context",
    "task",
    "workflow",
]
