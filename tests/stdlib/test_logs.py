"""``configure_logging``: text or JSON lines on stderr, idempotent, strict about level names."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from flytestdlib.errors import InvalidSettings
from flytestdlib.logs import configure_logging


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_json_lines_carry_level_logger_message_and_extras(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("debug", json=True)
    logger = logging.getLogger("flyteadmin.example")
    logger.debug("created %s", "execution-1", extra={"project": "flytesnacks"})
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logger.exception("failed")
    first, second = (json.loads(line) for line in capsys.readouterr().err.splitlines())
    assert first["level"] == "DEBUG"
    assert first["logger"] == "flyteadmin.example"
    assert first["message"] == "created execution-1"
    assert first["project"] == "flytesnacks"
    assert first["time"].endswith("+00:00")
    assert "RuntimeError: boom" in second["exception"]


def test_text_format_and_level_filter(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("WARNING")
    logging.getLogger("x").info("hidden")
    logging.getLogger("x").warning("shown")
    assert capsys.readouterr().err.rstrip().endswith("WARNING x: shown")


def test_configuring_twice_does_not_duplicate_lines(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO")
    configure_logging("INFO")
    logging.getLogger("x").info("once")
    assert capsys.readouterr().err.count("once") == 1


def test_unknown_level_is_refused() -> None:
    with pytest.raises(InvalidSettings, match="'verbose' is not one of DEBUG, INFO"):
        configure_logging("verbose")
