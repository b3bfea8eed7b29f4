"""SDK configuration: where admin and the blob store are, which images tasks use, how to serialize.

Public names match flytekit's ``flytekit.configuration``. Settings are plain frozen dataclasses built
explicitly (``Config.auto()``, ``SerializationSettings(...)``) and passed down; nothing is read at
import time. Reading order and file formats are in ``flytekit.configuration.file``.
"""

from flytekit.configuration.default_images import DefaultImages
from flytekit.configuration.file import ConfigEntry, ConfigFile, get_config_file
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
    DEFAULT_IN_CONTAINER_SRC_PATH,
    DEFAULT_RUNTIME_PYTHON_INTERPRETER,
    SERIALIZED_CONTEXT_ENV_VAR,
    FastSerializationSettings,
    SerializationSettings,
)

PROJECT_PLACEHOLDER = "{{ registration.project }}"
DOMAIN_PLACEHOLDER = "{{ registration.domain }}"
VERSION_PLACEHOLDER = "{{ registration.version }}"

__all__ = [
    "DEFAULT_IMAGE_NAME",
    "DEFAULT_IN_CONTAINER_SRC_PATH",
    "DEFAULT_RUNTIME_PYTHON_INTERPRETER",
    "DOMAIN_PLACEHOLDER",
    "PROJECT_PLACEHOLDER",
    "SERIALIZED_CONTEXT_ENV_VAR",
    "VERSION_PLACEHOLDER",
    "AuthType",
    "Config",
    "ConfigEntry",
    "ConfigFile",
    "DataConfig",
    "DefaultImages",
    "FastSerializationSettings",
    "Image",
    "ImageConfig",
    "LocalConfig",
    "PlatformConfig",
    "S3Config",
    "SecretsConfig",
    "SerializationSettings",
    "get_config_file",
]
