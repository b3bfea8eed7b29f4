"""Names for extending flytekit: custom type transformers, task types, their serialization, connectors.

``from flytekit.extend import TypeEngine, TypeTransformer`` is how plugins and user code (e.g.
flytesnacks' custom types example) reach the type engine.
"""

from __future__ import annotations

from flytekit.configuration import Image, ImageConfig, SerializationSettings
from flytekit.core import context_manager
from flytekit.core.base_sql_task import SQLTask
from flytekit.core.base_task import IgnoreOutputs, PythonTask, TaskResolverMixin
from flytekit.core.class_based_resolver import ClassStorageTaskResolver
from flytekit.core.context_manager import ExecutionState
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.core.interface import Interface
from flytekit.core.promise import Promise
from flytekit.core.python_customized_container_task import PythonCustomizedContainerTask
from flytekit.core.secrets import SecretsManager
from flytekit.core.shim_task import ExecutableTemplateShimTask, ShimTaskExecutor
from flytekit.core.task import TaskPlugins
from flytekit.core.type_engine import (
    AsyncTypeTransformer,
    T,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
)
from flytekit.core.type_transformers.dicts import DictTransformer
from flytekit.tools.translator import get_serializable

__all__ = [
    "AsyncTypeTransformer",
    "ClassStorageTaskResolver",
    "DictTransformer",
    "ExecutableTemplateShimTask",
    "ExecutionState",
    "FileAccessProvider",
    "IgnoreOutputs",
    "Image",
    "ImageConfig",
    "Interface",
    "Promise",
    "PythonCustomizedContainerTask",
    "PythonTask",
    "SQLTask",
    "SecretsManager",
    "SerializationSettings",
    "ShimTaskExecutor",
    "T",
    "TaskPlugins",
    "TaskResolverMixin",
    "TypeEngine",
    "TypeTransformer",
    "TypeTransformerFailedError",
    "context_manager",
    "get_serializable",
]
