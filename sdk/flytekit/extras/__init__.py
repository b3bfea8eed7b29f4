"""Extras shipped with flytekit: transformers for third-party libraries, accelerator constants and
ready-made task types (``extras.tasks``)."""
