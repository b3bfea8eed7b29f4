"""``FlyteError``: the error a failure handler receives (``flytekit.types.error``).

A workflow's ``on_failure`` handler may declare an input ``err: Optional[FlyteError]``; the engine
fills it with the id of the node that failed and its message. Its literal type is ``simple: ERROR``
and its literal ``scalar.error`` (transformer in ``flytekit.core.type_transformers.errors``).
"""

from flytekit.types.error.error import FlyteError

__all__ = ["FlyteError"]
