"""Dynamic and eager tasks serialized and run by both SDKs (see tests/sdk/test_reference_dynamic.py)."""
