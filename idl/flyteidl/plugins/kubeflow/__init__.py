"""Kubeflow training-operator payloads."""
