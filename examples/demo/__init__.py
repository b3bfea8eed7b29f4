"""Example workflows registered and run by `make demo`."""
