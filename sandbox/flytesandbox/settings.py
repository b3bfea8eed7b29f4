"""Settings of the one-process sandbox (`flyte start`).

Built once in the CLI from flags, `FLYTE_SANDBOX_*` environment variables and defaults, then turned
into each component's own settings object by `flytesandbox.app`. Nothing here is read at import.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return Path.home() / ".flyte" / "sandbox"


class SandboxSettings(BaseSettings):
    """Everything `flyte start` can be told; component settings derive from these."""

    model_config = SettingsConfigDict(env_prefix="FLYTE_SANDBOX_", extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    host: str = "127.0.0.1"
    grpc_port: int = 8089
    http_port: int = 8088
    # SQLAlchemy URL of the admin database; empty means a SQLite file in the data dir.
    database_url: str = ""
    # Blob storage: a folder in the data dir by default, or an S3 bucket (with an endpoint for
    # S3-compatible servers).
    s3_bucket: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    # Folders put in front of PATH for task processes, so `pyflyte-execute` resolves to the flytekit
    # installed there; empty means the Python environment the sandbox itself runs in.
    task_path: list[Path] = Field(default_factory=list)
    log_level: str = "INFO"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir.resolve() / 'flyte.db'}"

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir.resolve() / "blobs"

    @property
    def pods_dir(self) -> Path:
        return self.data_dir.resolve()
