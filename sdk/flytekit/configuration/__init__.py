"""SDK configuration: where admin and the blob store are, which images tasks use, how to serialize.

Public names match flytekit's ``flytekit.configuration``. Settings are plain frozen dataclasses built
explicitly (``Config.auto()``, ``SerializationSettings(...)``) and passed down; nothing is read at
import time. Reading order and file formats are in ``flytekit.configuration.file``.
"""

from typing import TYPE_CHECKING, Any

from flytekit.configuration import feature_flags
from flytekit.configuration.default_images import DefaultImages
from flytekit.configuration.file import (
    ConfigEntry,
    ConfigFile,
    get_config_file,
    read_file_if_exists,
    set_if_exists,
)
from flytekit.configuration.images import DEFAULT_IMAGE_NAME, Image, ImageConfig
from flytekit.configuration.platform import (
    AuthType,
    Config,
    DataConfig,
    LocalConfig,
    PlatformConfig,
    S3Config,
    SecretsConfig,
)
from flytekit.configuration.serialization import (
    DEFAULT_FLYTEKIT_ENTRYPOINT_FILELOC,
    DEFAULT_IN_CONTAINER_SRC_PATH,
    DEFAULT_RUNTIME_PYTHON_INTERPRETER,
    SERIALIZED_CONTEXT_ENV_VAR,
    EntrypointSettings,
    FastSerializationSettings,
    SerializationSettings,
)

if TYPE_CHECKING:
    from flytekit.configuration.backends import (
        AzureBlobStorageConfig,
        GCSConfig,
        GenericPersistenceConfig,
        StatsConfig,
        TaskConfig,
    )

# Settings of the other stores, statsd and task defaults: loaded on first access.
_BACKEND_NAMES = frozenset(
    {"AzureBlobStorageConfig", "GCSConfig", "GenericPersistenceConfig", "StatsConfig", "TaskConfig"}
)


def __getattr__(name: str) -> Any:
    if name in _BACKEND_NAMES:
        from flytekit.configuration import backends

        return getattr(backends, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _BACKEND_NAMES)


PROJECT_PLACEHOLDER = "{{ registration.project }}"
DOMAIN_PLACEHOLDER = "{{ registration.domain }}"
VERSION_PLACEHOLDER = "{{ registration.version }}"

__all__ = [
    "DEFAULT_FLYTEKIT_ENTRYPOINT_FILELOC",
    "DEFAULT_IMAGE_NAME",
    "DEFAULT_IN_CONTAINER_SRC_PATH",
    "DEFAULT_RUNTIME_PYTHON_INTERPRETER",
    "DOMAIN_PLACEHOLDER",
    "PROJECT_PLACEHOLDER",
    "SERIALIZED_CONTEXT_ENV_VAR",
    "VERSION_PLACEHOLDER",
    "AuthType",
    "AzureBlobStorageConfig",
    "Config",
    "ConfigEntry",
    "ConfigFile",
    "DataConfig",
    "DefaultImages",
    "EntrypointSettings",
    "FastSerializationSettings",
    "GCSConfig",
    "GenericPersistenceConfig",
    "Image",
    "ImageConfig",
    "LocalConfig",
    "PlatformConfig",
    "S3Config",
    "SecretsConfig",
    "SerializationSettings",
    "StatsConfig",
    "TaskConfig",
    "feature_flags",
    "get_config_file",
    "read_file_if_exists",
    "set_if_exists",
]
