"""Fixtures of the CLI tests: the real admin/platform harness of the client tests."""

from tests.sdk.remote.platform import admin, platform, user_project

__all__ = ["admin", "platform", "user_project"]
