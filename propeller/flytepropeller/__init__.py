"""flytepropeller: the execution engine that walks each workflow DAG in rounds.

The executor works against two seams, ``WorkflowStore`` and ``Cluster``, with a Kubernetes (kopf)
implementation and a local one (database rows and subprocesses). Besides events, it talks to admin
through ``controlplane.AdminClient`` (signals for gate nodes, child executions for launch-plan
nodes, node executions for recovery).
"""
