"""The default container image: flytekit's published image for this Python and flytekit version."""

from __future__ import annotations

import sys

from flytekit._version import FLYTEKIT_COMPATIBLE_VERSION


class DefaultImages:
    DEFAULT_REGISTRY = "cr.flyte.org/flyteorg/flytekit"

    @classmethod
    def find_image_for(cls, python_version: str | None = None, flytekit_version: str | None = None) -> str:
        python = python_version or f"{sys.version_info.major}.{sys.version_info.minor}"
        return f"{cls.DEFAULT_REGISTRY}:py{python}-{flytekit_version or FLYTEKIT_COMPATIBLE_VERSION}"

    @classmethod
    def default_image(cls) -> str:
        return cls.find_image_for()
