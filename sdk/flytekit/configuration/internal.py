"""The table of SDK settings: where each one is read from (env var, INI entry, YAML key).

Grouped by INI section like flytekit's; the env var of an entry is ``FLYTE_<SECTION>_<OPTION>``.
"""

from __future__ import annotations

from typing import Any

from flytekit.configuration.file import ConfigEntry, ConfigFile, LegacyConfigEntry, YamlConfigEntry


def _strip_dns_scheme(endpoint: str) -> str:
    """flytectl writes gRPC endpoints as ``dns:///host:port``; the SDK wants ``host:port``."""
    return endpoint[len("dns:///") :] if endpoint.startswith("dns:///") else endpoint


class Platform:
    URL = ConfigEntry(
        LegacyConfigEntry("platform", "url"), YamlConfigEntry("admin.endpoint"), _strip_dns_scheme
    )
    INSECURE = ConfigEntry(
        LegacyConfigEntry("platform", "insecure", bool), YamlConfigEntry("admin.insecure", bool)
    )
    INSECURE_SKIP_VERIFY = ConfigEntry(
        LegacyConfigEntry("platform", "insecure_skip_verify", bool),
        YamlConfigEntry("admin.insecureSkipVerify", bool),
    )
    CONSOLE_ENDPOINT = ConfigEntry(
        LegacyConfigEntry("platform", "console_endpoint"), YamlConfigEntry("console.endpoint")
    )
    CA_CERT_FILE_PATH = ConfigEntry(
        LegacyConfigEntry("platform", "ca_cert_file_path"), YamlConfigEntry("admin.caCertFilePath")
    )
    HTTP_PROXY_URL = ConfigEntry(
        LegacyConfigEntry("platform", "http_proxy_url"), YamlConfigEntry("admin.httpProxyURL")
    )


class Credentials:
    SECTION = "credentials"
    COMMAND = ConfigEntry(LegacyConfigEntry(SECTION, "command", list), YamlConfigEntry("admin.command", list))
    PROXY_COMMAND = ConfigEntry(
        LegacyConfigEntry(SECTION, "proxy_command", list), YamlConfigEntry("admin.proxyCommand", list)
    )
    CLIENT_ID = ConfigEntry(LegacyConfigEntry(SECTION, "client_id"), YamlConfigEntry("admin.clientId"))
    CLIENT_CREDENTIALS_SECRET = ConfigEntry(LegacyConfigEntry(SECTION, "client_secret"))
    CLIENT_CREDENTIALS_SECRET_LOCATION = ConfigEntry(
        LegacyConfigEntry(SECTION, "client_secret_location"), YamlConfigEntry("admin.clientSecretLocation")
    )
    CLIENT_CREDENTIALS_SECRET_ENV_VAR = ConfigEntry(
        LegacyConfigEntry(SECTION, "client_secret_env_var"), YamlConfigEntry("admin.clientSecretEnvVar")
    )
    SCOPES = ConfigEntry(LegacyConfigEntry(SECTION, "scopes", list), YamlConfigEntry("admin.scopes", list))
    AUTH_MODE = ConfigEntry(LegacyConfigEntry(SECTION, "auth_mode"), YamlConfigEntry("admin.authType"))
    AUDIENCE = ConfigEntry(LegacyConfigEntry(SECTION, "audience"), YamlConfigEntry("admin.audience"))


class AWS:
    SECTION = "aws"
    S3_ENDPOINT = ConfigEntry(
        LegacyConfigEntry(SECTION, "endpoint"), YamlConfigEntry("storage.connection.endpoint")
    )
    S3_ACCESS_KEY_ID = ConfigEntry(
        LegacyConfigEntry(SECTION, "access_key_id"), YamlConfigEntry("storage.connection.access-key")
    )
    S3_SECRET_ACCESS_KEY = ConfigEntry(
        LegacyConfigEntry(SECTION, "secret_access_key"), YamlConfigEntry("storage.connection.secret-key")
    )
    ENABLE_DEBUG = ConfigEntry(LegacyConfigEntry(SECTION, "enable_debug", bool))
    RETRIES = ConfigEntry(LegacyConfigEntry(SECTION, "retries", int))
    BACKOFF_SECONDS = ConfigEntry(LegacyConfigEntry(SECTION, "backoff_seconds", int))
    S3_ADDRESSING_STYLE = ConfigEntry(
        LegacyConfigEntry(SECTION, "addressing_style"), YamlConfigEntry("storage.connection.addressing-style")
    )


class Persistence:
    SECTION = "persistence"
    ATTACH_EXECUTION_METADATA = ConfigEntry(LegacyConfigEntry(SECTION, "attach_execution_metadata", bool))


class GCP:
    SECTION = "gcp"
    GSUTIL_PARALLELISM = ConfigEntry(LegacyConfigEntry(SECTION, "gsutil_parallelism", bool))


class AZURE:
    SECTION = "azure"
    STORAGE_ACCOUNT_NAME = ConfigEntry(LegacyConfigEntry(SECTION, "storage_account_name"))
    STORAGE_ACCOUNT_KEY = ConfigEntry(LegacyConfigEntry(SECTION, "storage_account_key"))
    TENANT_ID = ConfigEntry(LegacyConfigEntry(SECTION, "tenant_id"))
    CLIENT_ID = ConfigEntry(LegacyConfigEntry(SECTION, "client_id"))
    CLIENT_SECRET = ConfigEntry(LegacyConfigEntry(SECTION, "client_secret"))


class Local:
    SECTION = "local"
    CACHE_ENABLED = ConfigEntry(LegacyConfigEntry(SECTION, "cache_enabled", bool))
    CACHE_OVERWRITE = ConfigEntry(LegacyConfigEntry(SECTION, "cache_overwrite", bool))
    # Not a flytekit setting: how many independent nodes / map elements a local run may run at once.
    PARALLELISM = ConfigEntry(LegacyConfigEntry(SECTION, "parallelism", int))
    # Ours (flytekit's cache folder is fixed, flyte#5613): env FLYTE_LOCAL_CACHE_DIR, YAML local.cacheDir.
    CACHE_DIR = ConfigEntry(LegacyConfigEntry(SECTION, "cache_dir"), YamlConfigEntry("local.cacheDir"))
    USER_PROJECT = ConfigEntry(LegacyConfigEntry(SECTION, "project"), YamlConfigEntry("task.project"))
    USER_DOMAIN = ConfigEntry(LegacyConfigEntry(SECTION, "domain"), YamlConfigEntry("task.domain"))
    USER_ORG = ConfigEntry(LegacyConfigEntry(SECTION, "org"), YamlConfigEntry("task.org"))


class Secrets:
    SECTION = "secrets"
    ENV_PREFIX = ConfigEntry(LegacyConfigEntry(SECTION, "env_prefix"))
    DEFAULT_DIR = ConfigEntry(LegacyConfigEntry(SECTION, "default_dir"))
    FILE_PREFIX = ConfigEntry(LegacyConfigEntry(SECTION, "file_prefix"))


class StatsD:
    # flytekit reads statsd settings from the [secrets] section (FLYTE_SECRETS_HOST, ...); kept for compatibility.
    SECTION = "secrets"
    HOST = ConfigEntry(LegacyConfigEntry(SECTION, "host"))
    PORT = ConfigEntry(LegacyConfigEntry(SECTION, "port", int))
    DISABLED = ConfigEntry(LegacyConfigEntry(SECTION, "disabled", bool))
    DISABLE_TAGS = ConfigEntry(LegacyConfigEntry(SECTION, "disable_tags", bool))


class Sdk:
    SECTION = "sdk"
    WORKFLOW_PACKAGES = ConfigEntry(LegacyConfigEntry(SECTION, "workflow_packages", list))
    LOCAL_SANDBOX = ConfigEntry(LegacyConfigEntry(SECTION, "local_sandbox"))


class Images:
    @staticmethod
    def get_specified_images(cfg: ConfigFile | None) -> dict[str, str]:
        """Named images of the config file: INI ``[images] name=fqn:tag`` or YAML ``images: {name: fqn:tag}``."""
        if cfg is None:
            return {}
        if cfg.legacy_config is not None and cfg.legacy_config.has_section("images"):
            return dict(cfg.legacy_config.items("images"))
        images: Any = cfg.yaml_config.get("images")
        if isinstance(images, dict):
            return {str(k): str(v) for k, v in images.items()}
        return {}
