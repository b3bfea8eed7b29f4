"""Tests of the admin clients and FlyteRemote against a real admin server."""
