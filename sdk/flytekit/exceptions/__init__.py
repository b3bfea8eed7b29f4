"""flytekit's exception modules (``flytekit.exceptions.user`` / ``.system``); the tree is in ``flytekit.errors``."""
