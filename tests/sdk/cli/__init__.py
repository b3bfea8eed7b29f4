"""Tests of pyflyte, fast registration and the code-loading tools behind it."""
