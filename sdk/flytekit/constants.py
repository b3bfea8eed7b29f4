"""Constants shared by the SDK's CLIs and remote client."""

from __future__ import annotations

import enum


class CopyFileDetection(enum.Enum):
    """Which files of the source root a fast registration ships (``--copy auto|all|none``)."""

    LOADED_MODULES = 1
    ALL = 2
    NO_COPY = 3

    @classmethod
    def from_cli(cls, value: str) -> CopyFileDetection:
        """Parse the ``--copy`` choice (``auto``, ``all``, ``none``; case-insensitive)."""
        choices = {"auto": cls.LOADED_MODULES, "all": cls.ALL, "none": cls.NO_COPY}
        try:
            return choices[value.lower()]
        except KeyError:
            raise ValueError(f"--copy must be one of auto, all, none; got {value!r}") from None
