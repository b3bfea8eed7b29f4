"""Connection and storage settings: ``PlatformConfig`` (admin), ``DataConfig`` (blob stores), ``Config``.

``Config.auto(config_file)`` builds everything from the environment and the config file found by
``get_config_file``; ``Config.for_endpoint`` and ``Config.for_sandbox`` are the shortcuts flytekit offers.
"""

from __future__ import annotations

import datetime
import enum
import os
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from flytekit.configuration import internal
from flytekit.configuration.file import ConfigEntry, ConfigFile, get_config_file, read_file_if_exists

if TYPE_CHECKING:
    from flytekit.configuration.backends import (
        AzureBlobStorageConfig,
        GCSConfig,
        GenericPersistenceConfig,
        StatsConfig,
    )


def _backends() -> ModuleType:
    """The settings of the other stores and of statsd, loaded on first use (``import flytekit`` stays light)."""
    from flytekit.configuration import backends

    return backends


class AuthType(enum.Enum):
    STANDARD = "standard"
    BASIC = "basic"
    CLIENT_CREDENTIALS = "client_credentials"
    EXTERNAL_PROCESS = "external_process"
    DEVICEFLOW = "deviceflow"
    PKCE = "Pkce"
    CLIENTSECRET = "ClientSecret"
    EXTERNALCOMMAND = "ExternalCommand"
    DEVICEFLOW_ALIAS = "DeviceFlow"


def _auth_mode(value: str | AuthType | None) -> AuthType:
    if value is None:
        return AuthType.STANDARD
    if isinstance(value, AuthType):
        return value
    for mode in AuthType:
        if mode.value.lower() == value.lower():
            return mode
    raise ValueError(f"Unknown auth mode {value!r}; use one of {[m.value for m in AuthType]}")


@dataclass(frozen=True)
class PlatformConfig:
    """How to reach flyteadmin (``endpoint`` is ``host:port`` of its gRPC API)."""

    endpoint: str = "localhost:30080"
    insecure: bool = False
    insecure_skip_verify: bool = False
    ca_cert_file_path: str | None = None
    console_endpoint: str | None = None
    command: list[str] | None = None
    proxy_command: list[str] | None = None
    client_id: str | None = None
    client_credentials_secret: str | None = None
    scopes: list[str] = field(default_factory=list)
    auth_mode: AuthType = AuthType.STANDARD
    audience: str | None = None
    rpc_retries: int = 3
    http_proxy_url: str | None = None

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> PlatformConfig:
        cfg = get_config_file(config_file)
        defaults = cls()
        secret = internal.Credentials.CLIENT_CREDENTIALS_SECRET.read(cfg)
        if secret is None:
            from_file = read_file_if_exists(internal.Credentials.CLIENT_CREDENTIALS_SECRET_LOCATION.read(cfg))
            # a trailing newline of a mounted secret file is not part of the secret
            secret = from_file.strip() if from_file else None
        if secret is None:
            env_var = internal.Credentials.CLIENT_CREDENTIALS_SECRET_ENV_VAR.read(cfg)
            secret = os.environ.get(env_var) if env_var else None

        def pick(entry: ConfigEntry, default: Any) -> Any:
            value = entry.read(cfg)
            return default if value is None else value

        return cls(
            endpoint=str(pick(internal.Platform.URL, defaults.endpoint)),
            insecure=bool(pick(internal.Platform.INSECURE, defaults.insecure)),
            insecure_skip_verify=bool(pick(internal.Platform.INSECURE_SKIP_VERIFY, False)),
            ca_cert_file_path=internal.Platform.CA_CERT_FILE_PATH.read(cfg),
            console_endpoint=internal.Platform.CONSOLE_ENDPOINT.read(cfg),
            command=internal.Credentials.COMMAND.read(cfg),
            proxy_command=internal.Credentials.PROXY_COMMAND.read(cfg),
            client_id=internal.Credentials.CLIENT_ID.read(cfg),
            client_credentials_secret=secret,
            scopes=internal.Credentials.SCOPES.read(cfg) or [],
            auth_mode=_auth_mode(internal.Credentials.AUTH_MODE.read(cfg)),
            audience=internal.Credentials.AUDIENCE.read(cfg),
            http_proxy_url=internal.Platform.HTTP_PROXY_URL.read(cfg),
        )

    @classmethod
    def for_endpoint(cls, endpoint: str, insecure: bool = False) -> PlatformConfig:
        return cls(endpoint=endpoint, insecure=insecure)


@dataclass(frozen=True)
class S3Config:
    """S3 (or S3-compatible server) access; keys left None fall back to boto3's own lookup."""

    enable_debug: bool = False
    endpoint: str | None = None
    retries: int = 3
    backoff: datetime.timedelta = datetime.timedelta(seconds=5)
    access_key_id: str | None = None
    secret_access_key: str | None = None
    adressing_style: str | None = None  # flytekit's spelling, kept for source compatibility

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> S3Config:
        cfg = get_config_file(config_file)
        backoff = internal.AWS.BACKOFF_SECONDS.read(cfg)
        return cls(
            enable_debug=bool(internal.AWS.ENABLE_DEBUG.read(cfg) or False),
            endpoint=internal.AWS.S3_ENDPOINT.read(cfg),
            retries=internal.AWS.RETRIES.read(cfg) or 3,
            backoff=datetime.timedelta(seconds=backoff)
            if backoff is not None
            else datetime.timedelta(seconds=5),
            access_key_id=internal.AWS.S3_ACCESS_KEY_ID.read(cfg),
            secret_access_key=internal.AWS.S3_SECRET_ACCESS_KEY.read(cfg),
            adressing_style=internal.AWS.S3_ADDRESSING_STYLE.read(cfg),
        )


@dataclass(frozen=True)
class DataConfig:
    """Blob-store settings, one group per store as in flytekit. This SDK's ``FileAccessProvider`` talks to
    local folders and S3; the GCS and Azure groups are read and carried for plugins and for round trips."""

    s3: S3Config = field(default_factory=S3Config)
    gcs: GCSConfig = field(default_factory=lambda: _backends().GCSConfig())
    azure: AzureBlobStorageConfig = field(default_factory=lambda: _backends().AzureBlobStorageConfig())
    generic: GenericPersistenceConfig = field(default_factory=lambda: _backends().GenericPersistenceConfig())

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> DataConfig:
        cfg = get_config_file(config_file)
        backends = _backends()
        return cls(
            s3=S3Config.auto(cfg),
            gcs=backends.GCSConfig.auto(cfg),
            azure=backends.AzureBlobStorageConfig.auto(cfg),
            generic=backends.GenericPersistenceConfig.auto(cfg),
        )


@dataclass(frozen=True)
class LocalConfig:
    """Local runs: the local cache (on/off, overwrite, its folder; ``~`` expanded when used) and
    ``parallelism`` (our addition; 1 = flytekit's sequential runs)."""

    cache_enabled: bool = True
    cache_overwrite: bool = False
    cache_dir: str = os.path.join("~", ".flyte", "local-cache")
    parallelism: int = 1

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> LocalConfig:
        cfg = get_config_file(config_file)
        enabled = internal.Local.CACHE_ENABLED.read(cfg)
        overwrite = internal.Local.CACHE_OVERWRITE.read(cfg)
        parallelism = internal.Local.PARALLELISM.read(cfg)
        cache_dir = internal.Local.CACHE_DIR.read(cfg)
        return cls(
            cache_enabled=True if enabled is None else enabled,
            cache_overwrite=False if overwrite is None else overwrite,
            cache_dir=cache_dir or cls.cache_dir,
            parallelism=1 if parallelism is None else parallelism,
        )


@dataclass(frozen=True)
class SecretsConfig:
    env_prefix: str = "_FSEC_"
    default_dir: str = os.path.join(os.sep, "etc", "secrets")
    file_prefix: str = ""

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> SecretsConfig:
        cfg = get_config_file(config_file)
        defaults = cls()
        return cls(
            env_prefix=internal.Secrets.ENV_PREFIX.read(cfg) or defaults.env_prefix,
            default_dir=internal.Secrets.DEFAULT_DIR.read(cfg) or defaults.default_dir,
            file_prefix=internal.Secrets.FILE_PREFIX.read(cfg) or defaults.file_prefix,
        )


def _default_sandbox_path() -> str:
    import tempfile  # deferred: keeps `import flytekit` light

    return os.path.join(tempfile.gettempdir(), "flyte")


@dataclass(frozen=True)
class Config:
    """Everything a client needs: platform (admin), secrets, statsd, data (blob stores), local sandbox folder."""

    platform: PlatformConfig = field(default_factory=PlatformConfig)
    secrets: SecretsConfig = field(default_factory=SecretsConfig)
    stats: StatsConfig = field(default_factory=lambda: _backends().StatsConfig())
    data_config: DataConfig = field(default_factory=DataConfig)
    local_sandbox_path: str = field(default_factory=_default_sandbox_path)

    def with_params(
        self,
        platform: PlatformConfig | None = None,
        secrets: SecretsConfig | None = None,
        stats: StatsConfig | None = None,
        data_config: DataConfig | None = None,
        local_sandbox_path: str | None = None,
    ) -> Config:
        return Config(
            platform=platform or self.platform,
            secrets=secrets or self.secrets,
            stats=stats or self.stats,
            data_config=data_config or self.data_config,
            local_sandbox_path=local_sandbox_path or self.local_sandbox_path,
        )

    @classmethod
    def auto(cls, config_file: str | ConfigFile | None = None) -> Config:
        """Settings from ``FLYTE_*`` variables and the config file (explicit, or found by the search order)."""
        cfg = get_config_file(config_file)
        sandbox = internal.Sdk.LOCAL_SANDBOX.read(cfg)
        return cls(
            platform=PlatformConfig.auto(cfg),
            secrets=SecretsConfig.auto(cfg),
            stats=_backends().StatsConfig.auto(cfg),
            data_config=DataConfig.auto(cfg),
            local_sandbox_path=sandbox or _default_sandbox_path(),
        )

    @classmethod
    def for_sandbox(cls) -> Config:
        """flytekit's demo-cluster defaults: admin on localhost:30080, minio on localhost:30002."""
        return cls(
            platform=PlatformConfig(endpoint="localhost:30080", auth_mode=AuthType.PKCE, insecure=True),
            data_config=DataConfig(
                s3=S3Config(
                    endpoint="http://localhost:30002", access_key_id="minio", secret_access_key="miniostorage"
                )
            ),
        )

    @classmethod
    def for_endpoint(
        cls,
        endpoint: str,
        insecure: bool = False,
        data_config: DataConfig | None = None,
        config_file: str | ConfigFile | None = None,
    ) -> Config:
        """``Config.auto(config_file)`` pointed at ``endpoint`` (and ``data_config`` when given)."""
        base = cls.auto(config_file)
        platform = replace(base.platform, endpoint=endpoint, insecure=insecure)
        return base.with_params(platform=platform, data_config=data_config or base.data_config)
