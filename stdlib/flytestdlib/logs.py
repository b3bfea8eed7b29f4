"""Process-wide logging setup for the services' ``main()``: plain text for people, JSON lines for machines.

Libraries only ever call ``logging.getLogger(__name__)``; the one place that installs handlers is
``configure_logging``, called once by a service entry point (never at import). Calling it again
replaces the handler it installed before, so tests and re-entrant CLIs do not duplicate lines.
"""

from __future__ import annotations

import json as jsonlib
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from flytestdlib.errors import InvalidSettings

__all__ = ["JsonFormatter", "configure_logging"]

TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is emitted too.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime", "taskName"}
)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, then
    ``exception`` if any and the record's ``extra=`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            document["stack"] = self.formatStack(record.stack_info)
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and key not in document:
                document[key] = value
        return jsonlib.dumps(document, default=str, ensure_ascii=False)


class _ServiceHandler(logging.StreamHandler[TextIO]):
    """The handler ``configure_logging`` installs; its type marks it for replacement on a later call."""


def configure_logging(level: str = "INFO", json: bool = False) -> None:
    """Send all logs at ``level`` and above to stderr, as text or (``json=True``) JSON lines."""
    name = level.upper()
    if name not in LEVELS:
        raise InvalidSettings(f"Log level {level!r} is not one of {', '.join(LEVELS)}; set one of those.")
    handler = _ServiceHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for previous in [h for h in root.handlers if isinstance(h, _ServiceHandler)]:
        root.removeHandler(previous)
        previous.close()
    root.addHandler(handler)
    root.setLevel(name)
