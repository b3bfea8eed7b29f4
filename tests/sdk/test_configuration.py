"""SDK configuration: config-file search, YAML/INI keys, FLYTE_* variables, images, serialization settings."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from flytekit.configuration import (
    AuthType,
    Config,
    DataConfig,
    FastSerializationSettings,
    Image,
    ImageConfig,
    LocalConfig,
    PlatformConfig,
    SerializationSettings,
    get_config_file,
)
from flytekit.configuration.default_images import DefaultImages

YAML = """\
admin:
  endpoint: dns:///localhost:8089
  insecure: true
  authType: Pkce
  clientId: my-client
  clientSecretLocation: {secret}
  scopes: [all, more]
console:
  endpoint: http://localhost:8088/console
storage:
  type: s3
  connection:
    endpoint: http://localhost:9000
    access-key: AK
    secret-key: SK
    addressing-style: path
images:
  special: ghcr.io/x/special:1
"""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No FLYTE_* variables, an empty home and working directory: only what a test sets counts."""
    for key in list(os.environ):
        if key.startswith(("FLYTE_", "FLYTECTL_", "_FLYTECTL_")):
            monkeypatch.delenv(key)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    return home


def write_yaml(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = path.parent / "secret.txt"
    secret.write_text("s3cr3t\n")
    path.write_text(YAML.format(secret=secret))
    return path


def test_yaml_config_file(tmp_path: Path) -> None:
    config = Config.auto(str(write_yaml(tmp_path / "config.yaml")))
    assert config.platform == PlatformConfig(
        endpoint="localhost:8089",
        insecure=True,
        console_endpoint="http://localhost:8088/console",
        client_id="my-client",
        client_credentials_secret="s3cr3t",
        scopes=["all", "more"],
        auth_mode=AuthType.PKCE,
    )
    s3 = config.data_config.s3
    assert (s3.endpoint, s3.access_key_id, s3.secret_access_key, s3.adressing_style) == (
        "http://localhost:9000",
        "AK",
        "SK",
        "path",
    )


def test_environment_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYTE_PLATFORM_URL", "admin.example.com:443")
    monkeypatch.setenv("FLYTE_PLATFORM_INSECURE", "False")
    monkeypatch.setenv("FLYTE_AWS_ACCESS_KEY_ID", "env-key")
    monkeypatch.setenv("FLYTE_CREDENTIALS_CLIENT_SECRET", "from-env")
    config = Config.auto(str(write_yaml(tmp_path / "config.yaml")))
    assert (config.platform.endpoint, config.platform.insecure) == ("admin.example.com:443", False)
    assert config.platform.client_credentials_secret == "from-env"
    assert config.data_config.s3.access_key_id == "env-key"
    assert config.data_config.s3.secret_access_key == "SK"


def test_environment_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYTE_AWS_ENDPOINT", "http://s3.local:9000")
    monkeypatch.setenv("FLYTE_AWS_SECRET_ACCESS_KEY", "sk")
    monkeypatch.setenv("FLYTE_LOCAL_CACHE_ENABLED", "false")
    assert get_config_file(None) is None
    config = Config.auto()
    assert config.platform == PlatformConfig()
    assert config.data_config.s3.endpoint == "http://s3.local:9000"
    assert config.data_config.s3.secret_access_key == "sk"
    assert LocalConfig.auto() == LocalConfig(cache_enabled=False, cache_overwrite=False)


def test_search_order(tmp_path: Path, clean_environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home_yaml = write_yaml(clean_environment / ".flyte" / "config.yaml")
    found = get_config_file(None)
    assert found is not None and found.location == str(home_yaml)

    ini = Path.cwd() / "flytekit.config"
    ini.write_text("[platform]\nurl = ini-host:81\ninsecure = true\n[aws]\naccess_key_id = ini-key\n")
    found = get_config_file(None)
    assert found is not None and found.location == str(ini)
    config = Config.auto()
    assert (config.platform.endpoint, config.platform.insecure) == ("ini-host:81", True)
    assert config.data_config.s3.access_key_id == "ini-key"

    override = tmp_path / "flytectl.yaml"
    override.write_text("admin:\n  endpoint: dns:///other:1\n")
    monkeypatch.setenv("FLYTECTL_CONFIG", str(override))
    assert Config.auto().platform.endpoint == "other:1"


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        Config.auto(str(tmp_path / "nope.yaml"))


def test_for_endpoint_and_sandbox(tmp_path: Path) -> None:
    config = Config.for_endpoint(
        "localhost:8089", insecure=True, config_file=str(write_yaml(tmp_path / "c.yaml"))
    )
    assert (config.platform.endpoint, config.platform.insecure) == ("localhost:8089", True)
    assert config.data_config.s3.endpoint == "http://localhost:9000", "the rest still comes from the file"
    data = DataConfig()
    assert Config.for_endpoint("h:1", data_config=data).data_config is data
    assert PlatformConfig.for_endpoint("h:2", True) == PlatformConfig(endpoint="h:2", insecure=True)
    sandbox = Config.for_sandbox()
    assert sandbox.platform.endpoint == "localhost:30080"
    assert sandbox.data_config.s3.endpoint == "http://localhost:30002"


def test_bad_boolean_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYTE_PLATFORM_INSECURE", "maybe")
    with pytest.raises(ValueError, match="'maybe'"):
        PlatformConfig.auto()


@pytest.mark.parametrize(
    ("ref", "fqn", "tag", "digest", "full"),
    [
        ("myreg/img:1", "myreg/img", "1", None, "myreg/img:1"),
        ("localhost:5000/a/b:v2", "localhost:5000/a/b", "v2", None, "localhost:5000/a/b:v2"),
        ("r.io/a/b@sha256:abcd", "r.io/a/b", None, "sha256:abcd", "r.io/a/b@sha256:abcd"),
    ],
)
def test_image_references(ref: str, fqn: str, tag: str | None, digest: str | None, full: str) -> None:
    image = Image.look_up_image_info("default", ref)
    assert (image.fqn, image.tag, image.digest, image.full) == (fqn, tag, digest, full)


def test_image_without_tag_is_refused() -> None:
    with pytest.raises(ValueError, match="neither a tag nor a digest"):
        Image.look_up_image_info("default", "localhost:5000/img")


def test_image_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = ImageConfig.auto(config_file=str(write_yaml(tmp_path / "c.yaml")), img_name="abc/d:1")
    assert cfg.default_image == Image("default", "abc/d", "1")
    assert [i.name for i in cfg.images] == ["default", "special"]
    assert cfg.find_image("special") == Image("special", "ghcr.io/x/special", "1")
    assert ImageConfig.auto().default_image is None
    monkeypatch.setenv("FLYTE_INTERNAL_IMAGE", "in/container:7")
    assert ImageConfig.auto().default_image == Image("default", "in/container", "7")
    cli = ImageConfig.validate_image(None, None, ("main/img:3", "gpu=ghcr.io/x/gpu:1"))
    assert cli.default_image == Image("default", "main/img", "3")
    assert cli.find_image("gpu") == Image("gpu", "ghcr.io/x/gpu", "1")
    assert DefaultImages.default_image().startswith("cr.flyte.org/flyteorg/flytekit:py3.11-1.16.")
    assert ImageConfig.auto_default_image().default_image is not None


def test_serialization_settings() -> None:
    settings = SerializationSettings(
        image_config=ImageConfig.auto(img_name="a/b:1"),
        project="p",
        domain="d",
        version="v",
        env={"K": "V"},
        fast_serialization_settings=FastSerializationSettings(True, "/root", "s3://b/fast.tar.gz"),
    )
    # Same keys and shape as flytekit's to_json (observed from 1.16.31).
    assert json.loads(settings.to_json()) == {
        "image_config": {
            "default_image": {"name": "default", "fqn": "a/b", "tag": "1", "digest": None},
            "images": [{"name": "default", "fqn": "a/b", "tag": "1", "digest": None}],
        },
        "project": "p",
        "domain": "d",
        "version": "v",
        "env": {"K": "V"},
        "default_resources": None,
        "git_repo": None,
        "python_interpreter": "/opt/venv/bin/python3",
        "flytekit_virtualenv_root": "/opt/venv",
        "fast_serialization_settings": {
            "enabled": True,
            "destination_dir": "/root",
            "distribution_location": "s3://b/fast.tar.gz",
        },
        "source_root": None,
    }
    assert SerializationSettings.from_transport(settings.serialized_context) == settings
    assert settings.with_serialized_context().env is not None
    assert settings.should_fast_serialize()
    assert not SerializationSettings(ImageConfig()).should_fast_serialize()
    rebuilt = settings.new_builder()
    rebuilt.version = "v2"
    assert rebuilt.build().version == "v2" and rebuilt.build().project == "p"
    image_only = SerializationSettings.for_image("x/y:2", "v9", "p", "d")
    assert (image_only.image_config.default_image, image_only.version) == (Image("default", "x/y", "2"), "v9")


def test_s3_backoff_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYTE_AWS_BACKOFF_SECONDS", "9")
    monkeypatch.setenv("FLYTE_AWS_RETRIES", "5")
    s3 = DataConfig.auto().s3
    assert (s3.backoff, s3.retries) == (datetime.timedelta(seconds=9), 5)
