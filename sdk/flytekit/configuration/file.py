"""Reading SDK settings from environment variables and config files, the way flytekit does.

Which file: ``get_config_file(path)`` takes an explicit path (``pyflyte --config``), else
``$_FLYTECTL_CONFIG_PYFLYTE_OVERRIDE`` or ``$FLYTECTL_CONFIG``, else ``./flytekit.config`` (INI),
``~/.flyte/config`` (INI), ``~/.flyte/config.yaml`` (YAML, the flytectl format). Each setting is a
``ConfigEntry`` read from ``FLYTE_<SECTION>_<OPTION>`` first, then the INI ``[section] option``,
then the dotted YAML key (``admin.endpoint``). Nothing is read at import time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

FLYTECTL_CONFIG_ENV_VAR = "FLYTECTL_CONFIG"
FLYTECTL_CONFIG_ENV_VAR_OVERRIDE = "_FLYTECTL_CONFIG_PYFLYTE_OVERRIDE"

_TRUE = {"true", "1", "yes", "y", "on", "t"}
_FALSE = {"false", "0", "no", "n", "off", "f", ""}


def str_to_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"Expected a boolean (true/false, 1/0, yes/no), got {value!r}")


def _coerce(value: Any, type_: type) -> Any:
    """Convert text from env/INI (or loosely typed YAML) to the entry's type."""
    if value is None:
        return None
    if type_ is bool:
        return value if isinstance(value, bool) else str_to_bool(str(value))
    if type_ is int:
        return int(value)
    if type_ is list:
        if isinstance(value, list):
            return [str(v) for v in value]
        return [part.strip() for part in str(value).split(",") if part.strip()]
    if type_ is str:
        return str(value)
    return value


@dataclass(frozen=True)
class LegacyConfigEntry:
    """A setting of the INI file (``[section] option``), also readable as ``FLYTE_SECTION_OPTION``."""

    section: str
    option: str
    type_: type = str

    def get_env_name(self) -> str:
        return f"FLYTE_{self.section}_{self.option}".upper()

    def read_from_env(self, transform: Callable[[Any], Any] | None = None) -> Any:
        raw = os.environ.get(self.get_env_name())
        if raw is None:
            return None
        value = _coerce(raw, self.type_)
        return transform(value) if transform else value

    def read_from_file(self, cfg: ConfigFile | None, transform: Callable[[Any], Any] | None = None) -> Any:
        if cfg is None or cfg.legacy_config is None:
            return None
        parser = cfg.legacy_config
        if not parser.has_option(self.section, self.option):
            return None
        value = _coerce(parser.get(self.section, self.option), self.type_)
        return transform(value) if transform else value


@dataclass(frozen=True)
class YamlConfigEntry:
    """A setting of the flytectl YAML file, named by its dotted path (``storage.connection.endpoint``)."""

    switch: str
    type_: type = str

    def read_from_file(self, cfg: ConfigFile | None, transform: Callable[[Any], Any] | None = None) -> Any:
        if cfg is None or not cfg.yaml_config:
            return None
        node: Any = cfg.yaml_config
        for key in self.switch.split("."):
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        value = _coerce(node, self.type_)
        return transform(value) if transform else value


@dataclass(frozen=True)
class ConfigEntry:
    """One SDK setting: environment variable, then INI entry, then YAML key; ``transform`` applies to all."""

    legacy: LegacyConfigEntry
    yaml_entry: YamlConfigEntry | None = None
    transform: Callable[[Any], Any] | None = None

    def read(self, cfg: ConfigFile | None = None) -> Any:
        value = self.legacy.read_from_env(self.transform)
        if value is None:
            value = self.legacy.read_from_file(cfg, self.transform)
        if value is None and self.yaml_entry is not None:
            value = self.yaml_entry.read_from_file(cfg, self.transform)
        return value


class ConfigFile:
    """A loaded config file: INI (``legacy_config``) or YAML (``yaml_config``), told apart by extension."""

    def __init__(self, location: str | os.PathLike[str]) -> None:
        self._location = str(location)
        self.legacy_config: configparser.ConfigParser | None = None
        self.yaml_config: dict[str, Any] = {}
        path = Path(self._location)
        if not path.is_file():
            raise FileNotFoundError(f"Config file {self._location} does not exist.")
        if path.suffix in (".yaml", ".yml"):
            import yaml

            with open(path) as f:
                loaded = yaml.safe_load(f)
            if loaded is not None and not isinstance(loaded, dict):
                raise ValueError(f"Config file {self._location} must hold a YAML mapping at the top level.")
            self.yaml_config = loaded or {}
        else:
            import configparser

            parser = configparser.ConfigParser()
            parser.read(self._location)
            self.legacy_config = parser

    @property
    def location(self) -> str:
        return self._location

    def get(self, entry: LegacyConfigEntry | YamlConfigEntry) -> Any:
        return entry.read_from_file(self)

    def __repr__(self) -> str:
        return f"ConfigFile({self._location!r})"


def _default_candidates() -> list[Path]:
    home = Path.home() / ".flyte"
    return [Path.cwd() / "flytekit.config", home / "config", home / "config.yaml"]


def get_config_file(c: str | os.PathLike[str] | ConfigFile | None) -> ConfigFile | None:
    """The config file to read: ``c`` if given, else the first one found in flytekit's search order."""
    if isinstance(c, ConfigFile):
        return c
    if c is not None:
        return ConfigFile(c)
    for var in (FLYTECTL_CONFIG_ENV_VAR_OVERRIDE, FLYTECTL_CONFIG_ENV_VAR):
        location = os.environ.get(var)
        if location:
            logger.debug("Using config file %s from $%s", location, var)
            return ConfigFile(location)
    for candidate in _default_candidates():
        if candidate.is_file():
            logger.debug("Using config file %s", candidate)
            return ConfigFile(candidate)
    return None


def set_if_exists(d: dict[str, Any], k: str, v: Any) -> dict[str, Any]:
    """Put ``v`` under ``k`` in ``d`` (mutated and returned) when the setting is set: any bool counts as set,
    other values only when truthy -- so an empty string or ``0`` read from a file keeps the default."""
    if isinstance(v, bool) or (v is not None and v):
        d[k] = v
    return d


def read_file_if_exists(filename: str | None, encoding: str | None = None) -> str | None:
    """The contents of ``filename`` as text, None when no name is given; like flytekit, a name that points
    nowhere raises ``FileNotFoundError`` (a misconfigured secret location should not pass silently)."""
    if not filename:
        return None
    path = Path(filename)
    logger.debug("Reading file contents from [%s] with current directory [%s].", path, os.getcwd())
    return path.read_text(encoding=encoding)
