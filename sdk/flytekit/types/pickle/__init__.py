"""``FlytePickle``: how values of types the type engine does not know travel (cloudpickle files)."""

from __future__ import annotations

from flytekit.types.pickle.pickle import FlytePickle, FlytePickleTransformer

__all__ = ["FlytePickle", "FlytePickleTransformer"]
