"""Names for extending flytekit: custom type transformers, task types, their serialization, connectors.

``from flytekit.extend import TypeEngine, TypeTransformer`` is how plugins and user code (e.g.
flytesnacks' custom types example) reach the type engine.
"""

from __future__ import annotations

from flytekit.configuration import Image, ImageConfig, SerializationSettings
from flytekit.core import context_manager
from flytekit.core.base_sql_task import SQLTask
from flytekit.core.base_task import IgnoreOutputs, PythonTask, TaskResolverMixin
from flytekit.core.context_manager import ExecutionState
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.core.interface import Interface
from flytekit.core.promise import Promise
from flytekit.core.secrets import SecretsManager
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
    "DictTransformer",
    "ExecutionState",
    "FileAccessProvider",
    "IgnoreOutputs",
    "Image",
    "ImageConfig",
    "Interface",
    "Promise",
    "PythonTask",
    "SQLTask",
    "SecretsManager",
    "SerializationSettings",
    "T",
    "TaskPlugins",
    "TaskResolverMixin",
    "TypeEngine",
    "TypeTransformer",
    "TypeTransformerFailedError",
    "context_manager",
    "get_serializable",
]
