"""Offloaded data types: ``flytekit.types.file.FlyteFile`` and ``flytekit.types.directory.FlyteDirectory``."""
