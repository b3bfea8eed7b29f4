"""Real services for tests: throwaway Postgres, an S3 server on loopback, a fake Kubernetes API.

``postgres.py``, ``s3.py`` and ``kubernetes.py`` (with ``kubernetes_emulation.py``) each start one
service and know nothing of pytest; ``operators.py`` runs kopf operators against the fake API;
``fixtures.py`` wraps the services as fixtures (registered from ``tests/conftest.py``); and
``waiting.py`` holds the bounded wait helpers for eventual outcomes.
"""
