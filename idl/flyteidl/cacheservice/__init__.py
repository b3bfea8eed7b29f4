"""The cache service API."""
