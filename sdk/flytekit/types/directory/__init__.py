"""``FlyteDirectory`` and flytekit's format aliases."""

from __future__ import annotations

import typing

from flytekit.types.directory.types import FlyteDirectory

# format names as type variables, for ``FlyteDirectory[tensorboard]`` as flytekit spells it
tensorboard = typing.TypeVar("tensorboard")
tfrecords_dir = typing.TypeVar("tfrecords_dir")

TensorboardLogs = FlyteDirectory.with_format("tensorboard")
TFRecordsDirectory = FlyteDirectory.with_format("tfrecords_dir")

__all__ = ["FlyteDirectory", "TFRecordsDirectory", "TensorboardLogs", "tensorboard", "tfrecords_dir"]
