"""User-style flytekit scripts; each module lists its local runs in CASES."""
