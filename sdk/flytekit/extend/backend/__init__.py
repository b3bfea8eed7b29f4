"""Connectors (formerly agents): services that run a task type outside a pod, and their local runner."""
