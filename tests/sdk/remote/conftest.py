"""Fixtures of the client tests: a real admin (and platform) on loopback, user projects."""

from tests.sdk.remote.platform import admin, platform, user_project

__all__ = ["admin", "platform", "user_project"]
