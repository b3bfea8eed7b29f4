"""Settings of the object stores other than S3, of statsd and of the default project/domain/org.

Each is a frozen dataclass with flytekit's field names and defaults; ``auto(config_file)`` reads every
field from ``FLYTE_<SECTION>_<OPTION>`` first, then the INI file (``[gcp]``, ``[azure]``,
``[persistence]``, ``[secrets]`` for statsd by a flytekit quirk, ``[local]`` or YAML ``task.*`` for
``TaskConfig``), keeping the default where nothing is set. ``DataConfig`` (in ``platform``) holds
the store settings, ``Config`` the statsd ones; the CLIs take project/domain defaults from ``TaskConfig``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flytekit.configuration import internal
from flytekit.configuration.file import ConfigEntry, ConfigFile, get_config_file, set_if_exists


def _read(cfg: ConfigFile | None, fields: dict[str, ConfigEntry]) -> dict[str, Any]:
    """Keyword arguments of the fields that are set (see ``set_if_exists``)."""
    kwargs: dict[str, Any] = {}
    for name, entry in fields.items():
        set_if_exists(kwargs, name, entry.read(cfg))
    return kwargs


@dataclass(frozen=True)
class GCSConfig:
    """Google Cloud Storage settings."""

    gsutil_parallelism: bool = False

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> GCSConfig:
        cfg = get_config_file(config_file)
        return cls(**_read(cfg, {"gsutil_parallelism": internal.GCP.GSUTIL_PARALLELISM}))


@dataclass(frozen=True)
class GenericPersistenceConfig:
    """Settings that apply to every store: whether execution metadata is attached to written objects."""

    attach_execution_metadata: bool = True

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> GenericPersistenceConfig:
        cfg = get_config_file(config_file)
        return cls(
            **_read(cfg, {"attach_execution_metadata": internal.Persistence.ATTACH_EXECUTION_METADATA})
        )


@dataclass(frozen=True)
class AzureBlobStorageConfig:
    """Azure Blob Storage account and service-principal credentials."""

    account_name: str | None = None
    account_key: str | None = None
    tenant_id: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> AzureBlobStorageConfig:
        cfg = get_config_file(config_file)
        return cls(
            **_read(
                cfg,
                {
                    "account_name": internal.AZURE.STORAGE_ACCOUNT_NAME,
                    "account_key": internal.AZURE.STORAGE_ACCOUNT_KEY,
                    "tenant_id": internal.AZURE.TENANT_ID,
                    "client_id": internal.AZURE.CLIENT_ID,
                    "client_secret": internal.AZURE.CLIENT_SECRET,
                },
            )
        )


@dataclass(frozen=True)
class StatsConfig:
    """Where ``current_context().stats`` sends statsd metrics inside a task, and whether it sends at all."""

    host: str = "localhost"
    port: int = 8125
    disabled: bool = False
    disabled_tags: bool = False

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> StatsConfig:
        cfg = get_config_file(config_file)
        return cls(
            **_read(
                cfg,
                {
                    "host": internal.StatsD.HOST,
                    "port": internal.StatsD.PORT,
                    "disabled": internal.StatsD.DISABLED,
                    "disabled_tags": internal.StatsD.DISABLE_TAGS,
                },
            )
        )


@dataclass(frozen=True)
class TaskConfig:
    """The project, domain and org commands use when none is given.

    ``org`` defaults to the text ``"None"``, exactly as flytekit has it.
    """

    project: str | None = "flytesnacks"
    domain: str | None = "development"
    org: str | None = "None"

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> TaskConfig:
        cfg = get_config_file(config_file)
        return cls(
            **_read(
                cfg,
                {
                    "project": internal.Local.USER_PROJECT,
                    "domain": internal.Local.USER_DOMAIN,
                    "org": internal.Local.USER_ORG,
                },
            )
        )
