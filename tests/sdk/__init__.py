"""Tests of the flytekit SDK."""
