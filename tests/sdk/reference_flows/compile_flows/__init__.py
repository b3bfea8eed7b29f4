"""Workflows compiled by both the reference flytekit and ours; their protos must match."""
