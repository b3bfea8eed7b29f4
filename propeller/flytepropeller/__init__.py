"""flytepropeller: the execution engine that walks each workflow DAG in rounds.

The executor works against two seams, ``WorkflowStore`` and ``Cluster``, with a Kubernetes (kopf)
implementation and a local one (database rows and subprocesses).
"""
