"""Deferred imports (``flytekit.lazy_import.lazy_module``)."""
