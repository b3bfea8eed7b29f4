"""Dates and durations typed on the command line.

Durations: ``1d``, ``2h30m``, ``10 days``, ``1 minute``, ``90`` (seconds), clock forms ``1:24``
(minutes:seconds), ``1:02:03`` (hours:minutes:seconds), ``:22`` (seconds), and ISO 8601
``P1DT2H``. Datetimes: ``now``, ``today``, ISO 8601 (``2024-01-31``, ``2024-01-31T10:00:00``,
``2024-01-31 10:00:00``, with an optional UTC offset), and ``<datetime> - <duration>`` or ``+``,
e.g. ``now - 1d``.
"""

from __future__ import annotations

import datetime
import re

_UNIT_SECONDS = {
    "w": 604800.0,
    "week": 604800.0,
    "weeks": 604800.0,
    "d": 86400.0,
    "day": 86400.0,
    "days": 86400.0,
    "h": 3600.0,
    "hr": 3600.0,
    "hrs": 3600.0,
    "hour": 3600.0,
    "hours": 3600.0,
    "m": 60.0,
    "min": 60.0,
    "mins": 60.0,
    "minute": 60.0,
    "minutes": 60.0,
    "s": 1.0,
    "sec": 1.0,
    "secs": 1.0,
    "second": 1.0,
    "seconds": 1.0,
    "ms": 0.001,
    "millisecond": 0.001,
    "milliseconds": 0.001,
}
_TERM = re.compile(r"\s*([0-9]+(?:\.[0-9]*)?)\s*([a-z]+)\s*,?", re.IGNORECASE)
_CLOCK = re.compile(r"^(?:(?:(\d+):)?(\d*):)?(\d+(?:\.\d*)?)$")
_ISO = re.compile(
    r"^P(?:(?P<weeks>\d+(?:\.\d+)?)W)?(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)
_ARITHMETIC = re.compile(r"^(.+?)\s+([-+])\s+(.+)$")
DATETIME_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")


def parse_duration(text: str) -> datetime.timedelta:
    """A ``timedelta`` from the duration forms in the module docstring; ``ValueError`` otherwise."""
    value = text.strip()
    if not value:
        raise ValueError("an empty string is not a duration")
    sign = -1.0 if value.startswith("-") else 1.0
    value = value.lstrip("+-").strip()
    iso = _ISO.match(value)
    if iso and value.upper() != "P":
        parts = {key: float(number) for key, number in iso.groupdict().items() if number}
        return sign * datetime.timedelta(**parts)
    clock = _CLOCK.match(value)
    if clock:
        # Two fields are minutes:seconds (``1:24``), three hours:minutes:seconds.
        hours, minutes, seconds = clock.groups()
        total = float(seconds) + float(minutes or 0) * 60 + float(hours or 0) * 3600
        return sign * datetime.timedelta(seconds=total)
    position, total = 0, 0.0
    while position < len(value):
        term = _TERM.match(value, position)
        if term is None or term.group(2).lower() not in _UNIT_SECONDS:
            raise ValueError(
                f"{text!r} is not a duration; write e.g. '1d', '2h30m', '10 days', '1:24' or 'P1DT2H'"
            )
        total += float(term.group(1)) * _UNIT_SECONDS[term.group(2).lower()]
        position = term.end()
    return sign * datetime.timedelta(seconds=total)


def _parse_point(text: str) -> datetime.datetime:
    value = text.strip()
    if value == "now":
        return datetime.datetime.now()
    if value == "today":
        now = datetime.datetime.now()
        return datetime.datetime(now.year, now.month, now.day)
    for fmt in DATETIME_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date/time; use 'now', 'today', ISO 8601 such as '2024-01-31' or "
            "'2024-01-31T10:00:00', or '<datetime> - <duration>' such as 'now - 1d'"
        ) from None


def parse_datetime(text: str) -> datetime.datetime:
    """A ``datetime`` from the forms in the module docstring; ``ValueError`` otherwise."""
    value = text.strip()
    arithmetic = _ARITHMETIC.match(value)
    if arithmetic:
        base, operator, amount = arithmetic.groups()
        try:
            point = _parse_point(base)
        except ValueError:
            point = None
        if point is not None:
            delta = parse_duration(amount)
            return point - delta if operator == "-" else point + delta
    return _parse_point(value)
