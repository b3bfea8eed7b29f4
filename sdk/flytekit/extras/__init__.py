"""Extras shipped with flytekit: accelerator constants and ready-made task types (``extras.tasks``)."""
