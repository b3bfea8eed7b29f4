"""flytekit: the authoring SDK, type engine, local runner, task runtime, remote client and CLIs.

Source-compatible with flytekit 1.16: user code written for it (``from flytekit import task,
workflow``) runs unchanged on this package. Importing it stays light: protobuf messages and the
authoring core only; the remote client and anything heavy load on first use.
"""

from __future__ import annotations

import contextlib
import typing
from typing import (
    TYPE_CHECKING,
    Any,
)

from flytekit._version import __version__
from flytekit.configuration import Config
from flytekit.core.base_task import IgnoreOutputs, PythonTask, TaskMetadata, kwtypes
from flytekit.core.condition import conditional
from flytekit.core.context_manager import ExecutionParameters, FlyteContext, FlyteContextManager
from flytekit.core.dynamic_workflow_task import dynamic
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

# flytekit re-exports typing's Generator (not collections.abc's).
Generator = typing.Generator

if TYPE_CHECKING:  # loaded on first use through _LAZY below
    from flytekit.core.artifact import Artifact
    from flytekit.core.eager_task import eager
    from flytekit.core.gate import approve, sleep, wait_for_input
    from flytekit.core.imperative import Workflow
    from flytekit.core.node_creation import create_node
    from flytekit.core.reference import (
        get_reference_entity,
        reference_launch_plan,
        reference_task,
        reference_workflow,
    )
    from flytekit.core.reference_entity import LaunchPlanReference, TaskReference, WorkflowReference


def current_context() -> ExecutionParameters:
    """What the running task or workflow can know about its execution (see ``ExecutionParameters``)."""
    params = FlyteContextManager.current_context().user_space_params
    if params is None:
        raise RuntimeError("No execution parameters in the current Flyte context.")
    return params


# Names whose modules are heavier than the authoring core: imported on first use.
def new_context() -> contextlib.AbstractContextManager[FlyteContext]:
    """A copy of the current Flyte context, pushed for the duration of a ``with`` block."""
    return FlyteContextManager.with_context(FlyteContextManager.current_context().new_builder())


_LAZY = {
    "load_implicit_plugins": "flytekit.core.type_plugins",
    "FlyteRemote": "flytekit.remote",
    "Artifact": "flytekit.core.artifact",
    "eager": "flytekit.core.eager_task",
    "SensorEngine": "flytekit.sensor.sensor_engine",
    "entry_points": "importlib.metadata",
    "BatchSize": "flytekit.core.type_engine",
    "HashMethod": "flytekit.core.hash",
    "StructuredDataset": "flytekit.types.structured.structured_dataset",
    "StructuredDatasetFormat": "flytekit.types.structured.structured_dataset",
    "StructuredDatasetTransformerEngine": "flytekit.types.structured.structured_dataset",
    "StructuredDatasetType": "flytekit.types.structured.structured_dataset",
    "map_task": "flytekit.core.array_node_map_task",
    "ContainerTask": "flytekit.core.container_task",
    "PodTemplate": "flytekit.core.pod_template",
    "ImageSpec": "flytekit.image_spec",
    "Deck": "flytekit.deck",
    "Documentation": "flytekit.models.documentation",
    "Description": "flytekit.models.documentation",
    "SourceCode": "flytekit.models.documentation",
    "SQLTask": "flytekit.core.base_sql_task",
    "BlobType": "flytekit.models.core.types",
    "LiteralType": "flytekit.models.types",
    "Blob": "flytekit.models.literals",
    "BlobMetadata": "flytekit.models.literals",
    "Literal": "flytekit.models.literals",
    "Scalar": "flytekit.models.literals",
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
    "Cache": "flytekit.core.cache",
    "CachePolicy": "flytekit.core.cache",
    "VersionParameters": "flytekit.core.cache",
    "Checkpoint": "flytekit.core.checkpointer",
    "Environment": "flytekit.core.environment",
    "approve": "flytekit.core.gate",
    "sleep": "flytekit.core.gate",
    "wait_for_input": "flytekit.core.gate",
    "reference_task": "flytekit.core.reference",
    "reference_workflow": "flytekit.core.reference",
    "reference_launch_plan": "flytekit.core.reference",
    "get_reference_entity": "flytekit.core.reference",
    "TaskReference": "flytekit.core.reference_entity",
    "WorkflowReference": "flytekit.core.reference_entity",
    "LaunchPlanReference": "flytekit.core.reference_entity",
    "create_node": "flytekit.core.node_creation",
    "Workflow": "flytekit.core.imperative",
}

# Sub-packages flytekit exposes as attributes (``flytekit.types``, ``flytekit.extend``, ...).
_SUBMODULES = {
    "models",
    "image_spec",
    "extras",
    "deck",
    "clients",
    "configuration",
    "constants",
    "core",
    "exceptions",
    "extend",
    "interaction",
    "interactive",
    "interfaces",
    "lazy_import",
    "loggers",
    "remote",
    "sensor",
    "tools",
    "types",
    "utils",
}


# ``flytekit.file`` / ``.directory`` / ``.iterator`` are the modules of flytekit.types.
_TYPE_SUBMODULES = {"directory", "file", "iterator"}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _SUBMODULES:
        return importlib.import_module(f"flytekit.{name}")
    if name in _TYPE_SUBMODULES:
        return importlib.import_module(f"flytekit.types.{name}")
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'flytekit' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)


__all__ = [
    "LOGGING_RICH_FMT_ENV_VAR",
    "Annotations",
    "Artifact",
    "AuthRole",
    "BatchSize",
    "Blob",
    "BlobMetadata",
    "BlobType",
    "Cache",
    "CachePolicy",
    "Checkpoint",
    "ConcurrencyLimitBehavior",
    "ConcurrencyPolicy",
    "Config",
    "ContainerTask",
    "CronSchedule",
    "Deck",
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
    "HashMethod",
    "IgnoreOutputs",
    "ImageSpec",
    "Labels",
    "LaunchPlan",
    "LaunchPlanReference",
    "Literal",
    "LiteralType",
    "Options",
    "PagerDuty",
    "PodTemplate",
    "PythonFunctionTask",
    "PythonInstanceTask",
    "PythonTask",
    "Resources",
    "SQLTask",
    "Scalar",
    "Secret",
    "SecurityContext",
    "SensorEngine",
    "Slack",
    "SourceCode",
    "StructuredDataset",
    "StructuredDatasetFormat",
    "StructuredDatasetTransformerEngine",
    "StructuredDatasetType",
    "TaskMetadata",
    "TaskReference",
    "VersionParameters",
    "Workflow",
    "WorkflowExecutionPhase",
    "WorkflowFailurePolicy",
    "WorkflowReference",
    "__version__",
    "approve",
    "conditional",
    "create_node",
    "current_context",
    "dynamic",
    "eager",
    "entry_points",
    "get_reference_entity",
    "kwtypes",
    "lazy_module",
    "load_implicit_plugins",
    "logger",
    "map_task",
    "new_context",
    "reference_launch_plan",
    "reference_task",
    "reference_workflow",
    "sleep",
    "task",
    "wait_for_input",
    "workflow",
]
