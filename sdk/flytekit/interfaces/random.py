"""The SDK's own random generator, so a user's ``random.seed(...)`` never changes flytekit's choices
(e.g. the random parts of blob paths). ``seed_flyte_random`` replaces it with a seeded one, for
callers that need reproducible, distinct values (array elements seeded by their index)."""

from __future__ import annotations

import random as _random

random = _random.Random()


def seed_flyte_random(seed: int | str | bytes) -> None:
    """Re-create flytekit's generator from ``seed``; weaker entropy can make paths collide, so use sparingly."""
    global random
    random = _random.Random(seed)
