"""Constants user code imports from ``flytekit.constants`` (flytekit 1.16's public path)."""

from flytekit.tools.fast_registration import CopyFileDetection

__all__ = ["CopyFileDetection"]
