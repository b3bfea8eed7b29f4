"""Ready-made task types that need no plugin: shell scripts (``flytekit.extras.tasks.shell``)."""
