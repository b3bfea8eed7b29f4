"""Command-line entry points: the task runtime commands (``entrypoints``) and the ``pyflyte`` CLI."""
