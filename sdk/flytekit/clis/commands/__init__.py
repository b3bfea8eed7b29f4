"""Subcommands of ``pyflyte``: ``run``, ``register`` and ``package``, plus the pieces they share
(run/register options, command-line values to Python values)."""
