"""``FlyteDirectory`` and flytekit's format aliases."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Any

from flytekit.types.directory.types import FlyteDirectory

# format names as type variables, for ``FlyteDirectory[tensorboard]`` as flytekit spells it
tensorboard = typing.TypeVar("tensorboard")
tfrecords_dir = typing.TypeVar("tfrecords_dir")

TensorboardLogs = FlyteDirectory.with_format("tensorboard")
TFRecordsDirectory = FlyteDirectory.with_format("tfrecords_dir")

if TYPE_CHECKING:
    from flytekit.core.type_transformers.files import FlyteDirToMultipartBlobTransformer


def __getattr__(name: str) -> Any:
    # The transformer lives with the type engine; loaded on first use so this package stays light.
    if name == "FlyteDirToMultipartBlobTransformer":
        from flytekit.core.type_transformers.files import FlyteDirToMultipartBlobTransformer

        return FlyteDirToMultipartBlobTransformer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FlyteDirToMultipartBlobTransformer",
    "FlyteDirectory",
    "TFRecordsDirectory",
    "TensorboardLogs",
    "tensorboard",
    "tfrecords_dir",
]
