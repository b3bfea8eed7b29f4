"""The SDK's loggers and the environment variables that tune them.

``logger`` ("flytekit") is the SDK's own log; ``user_space_logger`` is what tasks get through
``current_context().logging``; ``developer_logger`` carries SDK-internal detail. Levels come from
``FLYTE_SDK_LOGGING_LEVEL`` (default WARNING) and ``FLYTE_SDK_DEV_LOGGING_LEVEL``; nothing is
configured at import time: ``initialize_global_loggers()`` applies the environment (the CLIs call it).
"""

from __future__ import annotations

import logging
import os

LOGGING_ENV_VAR = "FLYTE_SDK_LOGGING_LEVEL"
LOGGING_DEV_ENV_VAR = "FLYTE_SDK_DEV_LOGGING_LEVEL"
LOGGING_FMT_ENV_VAR = "FLYTE_SDK_LOGGING_FORMAT"
LOGGING_RICH_FMT_ENV_VAR = "FLYTE_SDK_RICH_TRACEBACKS"
DISPLAY_PROGRESS_ENV_VAR = "FLYTE_SDK_DISPLAY_PROGRESS"

logger = logging.getLogger("flytekit")
user_space_logger = logging.getLogger("user_space")
developer_logger = logging.getLogger("developer")

_FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


def _level_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if raw.isdigit():
        return int(raw)
    level = logging.getLevelName(raw.upper())
    if not isinstance(level, int):
        raise ValueError(f"{name}={raw!r} is not a logging level; use e.g. DEBUG, INFO, WARNING or 10/20/30.")
    return level


def set_flytekit_log_properties(
    handler: logging.Handler | None = None, filter: logging.Filter | None = None, level: int | None = None
) -> None:
    """Give the SDK logger one handler (replacing earlier ones), an optional filter and level."""
    for existing in list(logger.handlers):
        logger.removeHandler(existing)
    if handler is not None:
        logger.addHandler(handler)
    if filter is not None:
        logger.addFilter(filter)
    if level is not None:
        logger.setLevel(level)


def set_user_logger_properties(
    handler: logging.Handler | None = None, filter: logging.Filter | None = None, level: int | None = None
) -> None:
    if handler is not None:
        user_space_logger.addHandler(handler)
    if filter is not None:
        user_space_logger.addFilter(filter)
    if level is not None:
        user_space_logger.setLevel(level)


def is_rich_logging_enabled() -> bool:
    return os.environ.get(LOGGING_RICH_FMT_ENV_VAR, "1") != "0"


def is_display_progress_enabled() -> bool:
    return os.environ.get(DISPLAY_PROGRESS_ENV_VAR, "1").lower() not in ("0", "false")


def initialize_global_loggers() -> None:
    """Apply the logging environment variables to the SDK, user-space and developer loggers."""
    handler = logging.StreamHandler()
    if os.environ.get(LOGGING_FMT_ENV_VAR, "").lower() == "json":
        handler.setFormatter(
            logging.Formatter(
                '{"asctime": "%(asctime)s", "name": "%(name)s", "levelname": "%(levelname)s", '
                '"message": "%(message)s"}'
            )
        )
    else:
        handler.setFormatter(logging.Formatter(_FORMAT))
    set_flytekit_log_properties(handler, level=_level_from_env(LOGGING_ENV_VAR, logging.WARNING))
    user_space_logger.setLevel(_level_from_env(LOGGING_ENV_VAR, logging.INFO))
    developer_logger.setLevel(_level_from_env(LOGGING_DEV_ENV_VAR, logging.INFO))


def get_level_from_cli_verbosity(verbosity: int) -> int:
    """``pyflyte -v`` count to a level: 0 -> WARNING, 1 -> INFO, 2 or more -> DEBUG."""
    if verbosity <= 0:
        return logging.WARNING
    return logging.INFO if verbosity == 1 else logging.DEBUG
