"""GCS/Azure/persistence/statsd/task settings, entrypoint settings and the config helpers, against flytekit 1.16.31.

The same INI file and ``FLYTE_*`` variables are read by our ``auto()`` and, in a subprocess, by the
reference's; the resulting dataclasses must hold the same values.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flytekit.configuration import (
    DEFAULT_FLYTEKIT_ENTRYPOINT_FILELOC,
    AzureBlobStorageConfig,
    Config,
    DataConfig,
    EntrypointSettings,
    GCSConfig,
    GenericPersistenceConfig,
    SerializationSettings,
    StatsConfig,
    TaskConfig,
    read_file_if_exists,
    set_if_exists,
)
from flytekit.configuration.feature_flags import FeatureFlags
from tests.reference.venvs import ensure_venv

INI = """\
[gcp]
gsutil_parallelism = true
[azure]
storage_account_name = acct
storage_account_key = key
tenant_id = tenant
client_id = cid
[persistence]
attach_execution_metadata = false
[secrets]
host = statsd.local
port = 9125
disable_tags = true
[local]
project = proj
"""
ENV = {"FLYTE_AZURE_CLIENT_SECRET": "shh", "FLYTE_SECRETS_DISABLED": "true", "FLYTE_LOCAL_DOMAIN": "staging"}

DUMP = """
import dataclasses, json, sys
from flytekit.configuration import Config, DataConfig, TaskConfig, StatsConfig
cfg = sys.argv[1] or None
config = Config.auto(cfg)
out = {
    "data": {k: dataclasses.asdict(getattr(DataConfig.auto(cfg), k)) for k in ("gcs", "azure", "generic")},
    "stats": dataclasses.asdict(config.stats),
    "task": dataclasses.asdict(TaskConfig.auto(cfg)),
    "defaults": [dataclasses.asdict(StatsConfig()), dataclasses.asdict(TaskConfig())],
}
print(json.dumps(out))
"""


def _ours(cfg: str) -> dict[str, Any]:
    data = DataConfig.auto(cfg or None)
    return {
        "data": {k: dataclasses.asdict(getattr(data, k)) for k in ("gcs", "azure", "generic")},
        "stats": dataclasses.asdict(Config.auto(cfg or None).stats),
        "task": dataclasses.asdict(TaskConfig.auto(cfg or None)),
        "defaults": [dataclasses.asdict(StatsConfig()), dataclasses.asdict(TaskConfig())],
    }


@pytest.fixture(scope="module")
def reference_python() -> str:
    # Built (or found) before any test points HOME elsewhere: the venv cache lives under the real HOME.
    return str(ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).python)


@pytest.mark.integration
@pytest.mark.parametrize("with_file", [True, False])
def test_auto_reads_what_flytekit_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_file: bool, reference_python: str
) -> None:
    cfg = ""
    if with_file:
        (tmp_path / "flytekit.config").write_text(INI)
        cfg = str(tmp_path / "flytekit.config")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLYTE")}
    env.update(ENV, HOME=str(tmp_path))
    for key in [k for k in os.environ if k.startswith("FLYTE")]:
        monkeypatch.delenv(key)
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = subprocess.run(
        [reference_python, "-c", DUMP, cfg],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert _ours(cfg) == json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_and_data_config_groups() -> None:
    data = DataConfig()
    assert data.gcs == GCSConfig(gsutil_parallelism=False)
    assert data.azure == AzureBlobStorageConfig()
    assert data.generic.attach_execution_metadata is True
    assert GenericPersistenceConfig() == data.generic
    assert TaskConfig().org == "None"  # flytekit's default is the text "None"
    assert Config().stats == StatsConfig("localhost", 8125, False, False)


def test_set_if_exists_keeps_false_and_drops_empty_values() -> None:
    d: dict[str, Any] = {}
    assert set_if_exists(d, "a", False) is d and d == {"a": False}
    set_if_exists(d, "b", "")
    set_if_exists(d, "c", None)
    set_if_exists(d, "d", 0)
    set_if_exists(d, "e", "x")
    assert d == {"a": False, "e": "x"}


def test_read_file_if_exists(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("abc\n")
    assert read_file_if_exists(str(secret)) == "abc\n"
    assert read_file_if_exists(None) is None
    assert read_file_if_exists("") is None
    with pytest.raises(FileNotFoundError):
        read_file_if_exists(str(tmp_path / "missing"))


def test_entrypoint_settings_follow_the_interpreter() -> None:
    settings = SerializationSettings.for_image("img:1", "v1", python_interpreter_path="/venvs/x/bin/python")
    assert settings.entrypoint_settings == EntrypointSettings(
        path="/venvs/x/" + DEFAULT_FLYTEKIT_ENTRYPOINT_FILELOC
    )
    assert SerializationSettings.default_entrypoint_settings("/opt/venv/bin/python3").path == (
        "/opt/venv/bin/entrypoint.py"
    )
    assert EntrypointSettings.from_json(EntrypointSettings("/p").to_json()) == EntrypointSettings("/p")


def test_feature_flags_read_the_environment_at_import() -> None:
    code = "from flytekit.configuration.feature_flags import FeatureFlags as F; print(F.FLYTE_PYTHON_PACKAGE_ROOT)"
    for value, expected in ((".", "."), ("", "auto"), (None, "auto")):
        env = {k: v for k, v in os.environ.items() if k != "FLYTE_PYTHON_PACKAGE_ROOT"}
        if value is not None:
            env["FLYTE_PYTHON_PACKAGE_ROOT"] = value
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert out.stdout.strip() == expected
    assert isinstance(FeatureFlags.FLYTE_PYTHON_PACKAGE_ROOT, str)
