"""``AdminSettings``: everything the admin process can be told, as one explicit object.

Built once at the edge (``flyteadmin.main.main`` from ``FLYTEADMIN_*`` environment variables and an
optional YAML file; the sandbox builds it from its own settings) and passed down. Nothing reads
settings at import time. Nested fields use ``__`` in environment names, e.g.
``FLYTEADMIN_STORAGE__ROOT=/data/blobs``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from flytestdlib.storage import StorageSettings

__all__ = ["AdminSettings", "DataProxySettings", "DomainSettings", "default_admin_dir"]


def default_admin_dir() -> Path:
    """Where a standalone admin keeps its database, blobs and logs by default."""
    return Path.home() / ".flyte" / "admin"


class DomainSettings(BaseModel):
    """One domain every project has (``id`` is what requests use, ``name`` is for display)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str


def _default_domains() -> list[DomainSettings]:
    return [DomainSettings(id=name, name=name) for name in ("development", "staging", "production")]


class DataProxySettings(BaseModel):
    """Signed upload/download URLs handed out by DataProxyService."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Longest lifetime a client may ask for; also the default when it asks for none.
    upload_max_expires_in: timedelta = timedelta(hours=1)
    download_max_expires_in: timedelta = timedelta(hours=1)
    # Folder below the store's base where uploads land: <base>/<prefix>/<project>/<domain>/...
    upload_storage_prefix: str = "uploads"
    # Length of the random file name used when a client sends none.
    default_filename_length: int = 20


class AdminSettings(BaseSettings):
    """Settings of the admin process (gRPC + HTTP servers, database, blob store, domains)."""

    model_config = SettingsConfigDict(env_prefix="FLYTEADMIN_", env_nested_delimiter="__", extra="forbid")

    # SQLAlchemy URL; SQLite by default (``postgresql+psycopg://...`` for Postgres).
    database_url: str = Field(
        default_factory=lambda: f"sqlite:///{(default_admin_dir() / 'flyteadmin.db').as_posix()}"
    )
    # Interface both servers bind to; 127.0.0.1 keeps a sandbox private to the machine.
    host: str = "127.0.0.1"
    grpc_port: int = 8089
    http_port: int = 8088
    # Base URL clients use to reach the HTTP server (for signed URLs); empty = http://<host>:<port>.
    public_url: str = ""
    storage: StorageSettings = Field(
        default_factory=lambda: StorageSettings(kind="local", root=default_admin_dir() / "blobs")
    )
    domains: list[DomainSettings] = Field(default_factory=_default_domains)
    # Projects created (if missing) at start-up.
    seed_projects: list[str] = Field(default_factory=lambda: ["flytesnacks"])
    data_proxy: DataProxySettings = Field(default_factory=DataProxySettings)
    # Key that signs the upload/download URLs admin serves itself; empty = random per process.
    signing_secret: SecretStr = SecretStr("")
    # Folder of task logs written by the local cluster: <logs_dir>/<namespace>/<pod>.log.
    logs_dir: Path = Field(default_factory=lambda: default_admin_dir() / "logs")
    # Raw output prefix of executions that set none; empty = <storage base>/raw.
    raw_output_prefix: str = ""
    # Execution defaults written into the FlyteWorkflow object.
    max_parallelism: int = 25
    event_version: int = 2
    # Event payloads (inline output_data) above this size are refused (RESOURCE_EXHAUSTED).
    max_inline_data_bytes: int = 2 * 1024 * 1024
    # Blobs above this size are not inlined into Get*Data responses.
    max_data_read_bytes: int = 2 * 1024 * 1024
    # Namespace of an execution's workflow object; ``{project}`` and ``{domain}`` are substituted.
    namespace_template: str = "{project}-{domain}"
    log_level: str = "INFO"
    log_format: str = "text"

    @field_validator("domains")
    @classmethod
    def _some_domains(cls, domains: list[DomainSettings]) -> list[DomainSettings]:
        if not domains:
            raise ValueError(
                "domains must list at least one domain, e.g. [{id: development, name: development}]"
            )
        return domains

    @field_validator("namespace_template")
    @classmethod
    def _template_fields(cls, template: str) -> str:
        try:
            template.format(project="p", domain="d")
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(
                f"namespace_template {template!r} may only use {{project}} and {{domain}} ({error})"
            ) from error
        return template

    def namespace(self, project: str, domain: str) -> str:
        """The namespace an execution of ``project``/``domain`` runs in."""
        return self.namespace_template.format(project=project, domain=domain)

    @property
    def domain_ids(self) -> list[str]:
        return [domain.id for domain in self.domains]
