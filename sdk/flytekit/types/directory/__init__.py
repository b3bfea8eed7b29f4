"""``FlyteDirectory`` and flytekit's format aliases."""

from __future__ import annotations

from flytekit.types.directory.types import FlyteDirectory

TensorboardLogs = FlyteDirectory.with_format("tensorboard")
TFRecordsDirectory = FlyteDirectory.with_format("tfrecords_dir")

__all__ = ["FlyteDirectory", "TFRecordsDirectory", "TensorboardLogs"]
