"""flytekit: the authoring SDK, type engine, local runner, task runtime, remote client and CLIs.

Source-compatible with flytekit 1.16: user code written for it (``from flytekit import task,
workflow``) runs unchanged on this package. Importing it stays light: protobuf messages and the
authoring core only; the remote client and anything heavy load on first use.
"""

from __future__ import annotations

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


# Names whose modules are heavier than the authoring core: imported on first use.
_LAZY = {
    "FlyteRemote": "flytekit.remote",
    "SensorEngine": "flytekit.sensor.sensor_engine",
    "entry_points": "importlib.metadata",
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
    "Config",
    "ExecutionParameters",
    "FlyteContext",
    "FlyteContextManager",
    "FlyteDirectory",
    "FlyteFile",
    "FlyteRecoverableException",
    "FlyteRemote",
    "Generator",
    "IgnoreOutputs",
    "LaunchPlan",
    "PythonFunctionTask",
    "PythonInstanceTask",
    "PythonTask",
    "Resources",
    "SensorEngine",
    "TaskMetadata",
    "WorkflowFailurePolicy",
    "__version__",
    "conditional",
    "current_context",
    "entry_points",
    "kwtypes",
    "lazy_module",
    "logger",
    "task",
    "workflow",
]
