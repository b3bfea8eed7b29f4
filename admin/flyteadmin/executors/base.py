"""The ``WorkflowExecutor`` protocol and the execution facts handed to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from flyteidl.core import compiler_pb2, identifier_pb2, literals_pb2, security_pb2

__all__ = ["ExecutionRequestData", "WorkflowExecutor"]


@dataclass(frozen=True)
class ExecutionRequestData:
    """Everything an engine needs to start one execution of a compiled workflow."""

    execution_id: identifier_pb2.WorkflowExecutionIdentifier
    closure: compiler_pb2.CompiledWorkflowClosure
    inputs: literals_pb2.LiteralMap
    launch_plan_id: identifier_pb2.Identifier
    namespace: str
    raw_output_prefix: str
    accepted_at: datetime
    max_parallelism: int = 25
    labels: Mapping[str, str] = field(default_factory=dict)
    annotations: Mapping[str, str] = field(default_factory=dict)
    security_context: security_pb2.SecurityContext | None = None
    interruptible: bool | None = None
    overwrite_cache: bool = False
    envs: Mapping[str, str] = field(default_factory=dict)
    event_version: int = 2
    recovery_execution: identifier_pb2.WorkflowExecutionIdentifier | None = None
    """For a recovery: the execution whose succeeded nodes the engine reuses."""


class WorkflowExecutor(Protocol):
    """Starts and aborts executions on an engine. Both calls are idempotent."""

    def execute(self, request: ExecutionRequestData) -> None:
        """Hand the execution to the engine; an execution that was handed over already is left alone."""
        ...

    def abort(self, execution_id: identifier_pb2.WorkflowExecutionIdentifier, cause: str) -> None:
        """Ask the engine to stop the execution; the engine reports ABORTED once it has cleaned up."""
        ...
