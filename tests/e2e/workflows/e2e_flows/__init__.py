"""Workflows registered by the end-to-end tests."""
