"""Business rules of the control plane: validation, registration, executions, event ingestion, data
access and the data proxy. Services use repositories through a unit of work and never import grpc or
fastapi; ``AdminServices`` bundles them for the API layer."""

from __future__ import annotations

from dataclasses import dataclass

from flyteadmin.services.dataproxy import DataProxyService
from flyteadmin.services.executions import ExecutionService
from flyteadmin.services.flyte_urls import FlyteUrlService
from flyteadmin.services.launch_plans import LaunchPlanService
from flyteadmin.services.logs import TaskLogService
from flyteadmin.services.node_events import NodeEventService
from flyteadmin.services.node_executions import NodeExecutionService, TaskExecutionService
from flyteadmin.services.projects import ProjectService
from flyteadmin.services.signals import SignalService
from flyteadmin.services.task_events import TaskEventService
from flyteadmin.services.tasks import TaskService
from flyteadmin.services.workflow_events import WorkflowEventService
from flyteadmin.services.workflows import WorkflowService

__all__ = [
    "AdminServices",
    "DataProxyService",
    "ExecutionService",
    "FlyteUrlService",
    "LaunchPlanService",
    "NodeEventService",
    "NodeExecutionService",
    "ProjectService",
    "SignalService",
    "TaskEventService",
    "TaskExecutionService",
    "TaskLogService",
    "TaskService",
    "WorkflowEventService",
    "WorkflowService",
]


@dataclass(frozen=True)
class AdminServices:
    """Every service of one admin process, wired to the same database, blob store and executor."""

    projects: ProjectService
    tasks: TaskService
    workflows: WorkflowService
    launch_plans: LaunchPlanService
    executions: ExecutionService
    node_executions: NodeExecutionService
    task_executions: TaskExecutionService
    workflow_events: WorkflowEventService
    node_events: NodeEventService
    task_events: TaskEventService
    data_proxy: DataProxyService
    flyte_urls: FlyteUrlService
    task_logs: TaskLogService
    signals: SignalService
    version: str
