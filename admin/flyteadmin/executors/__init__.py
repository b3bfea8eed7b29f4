"""The execution hand-off: admin's seam to whatever runs workflows.

``WorkflowExecutor`` is what the execution service calls after recording a new execution
(``execute``) and when a user terminates one (``abort``). ``StoreWorkflowExecutor`` writes the
FlyteWorkflow document into a ``WorkflowStore`` (the local backend's database table, later the
Kubernetes custom resource) where propeller picks it up.
"""

from flyteadmin.executors.base import ExecutionRequestData, WorkflowExecutor
from flyteadmin.executors.store import StoreWorkflowExecutor

__all__ = ["ExecutionRequestData", "StoreWorkflowExecutor", "WorkflowExecutor"]
