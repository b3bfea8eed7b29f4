"""numpy arrays as ``.npy`` file blobs (``NumpyArrayTransformer``), registered once numpy is imported."""

from __future__ import annotations

from flytekit.types.numpy.ndarray import NumpyArrayTransformer

__all__ = ["NumpyArrayTransformer"]
