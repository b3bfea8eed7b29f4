"""The workflow executor: the workflow phase machine and the DAG walk of one round."""

from flytepropeller.executor.dag import DagRound, Outcome, VisitResult
from flytepropeller.executor.workflow import WorkflowExecutor

__all__ = ["DagRound", "Outcome", "VisitResult", "WorkflowExecutor"]
