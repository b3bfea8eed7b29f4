"""One function per RPC: request protobuf in, response protobuf out, domain errors raised.

Both transports call these: the gRPC servicers (``api.grpc``) and the REST routes (``api.rest``),
so an RPC behaves the same on both. RPCs without a handler answer UNIMPLEMENTED (gRPC) or 501 (REST).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.protobuf.message import Message

from flyteadmin.services import AdminServices
from flyteidl.admin import (
    event_pb2,
    execution_pb2,
    launch_plan_pb2,
    project_pb2,
    signal_pb2,
    task_pb2,
    version_pb2,
    workflow_pb2,
)

__all__ = ["Handler", "admin_handlers", "data_proxy_handlers", "signal_handlers"]

Handler = Callable[[Any], Message]


def _done(call: Callable[[Any], object], response_type: type[Message]) -> Handler:
    """An RPC whose response is empty: ``call(request)``, then an empty ``response_type``."""

    def handle(request: Any) -> Message:
        call(request)
        return response_type()

    return handle


def admin_handlers(services: AdminServices) -> dict[str, Handler]:
    """The AdminService RPCs this admin serves, by method name."""
    s = services

    def create_execution(
        request: execution_pb2.ExecutionCreateRequest,
    ) -> execution_pb2.ExecutionCreateResponse:
        return execution_pb2.ExecutionCreateResponse(id=s.executions.create(request))

    def get_version(request: version_pb2.GetVersionRequest) -> version_pb2.GetVersionResponse:
        return version_pb2.GetVersionResponse(
            control_plane_version=version_pb2.Version(Build="flyte-py", Version=s.version, BuildTime="")
        )

    def get_domains(request: project_pb2.GetDomainRequest) -> project_pb2.GetDomainsResponse:
        return project_pb2.GetDomainsResponse(domains=s.projects.domains())

    handlers: dict[str, Handler] = {
        "RegisterProject": _done(
            lambda request: s.projects.register(request.project), project_pb2.ProjectRegisterResponse
        ),
        "UpdateProject": _done(s.projects.update, project_pb2.ProjectUpdateResponse),
        "GetProject": lambda request: s.projects.get(request.id),
        "ListProjects": s.projects.list_projects,
        "GetDomains": get_domains,
        "CreateTask": _done(s.tasks.create, task_pb2.TaskCreateResponse),
        "GetTask": lambda request: s.tasks.get(request.id),
        "ListTasks": s.tasks.list_tasks,
        "ListTaskIds": s.tasks.list_ids,
        "CreateWorkflow": _done(s.workflows.create, workflow_pb2.WorkflowCreateResponse),
        "GetWorkflow": lambda request: s.workflows.get(request.id),
        "ListWorkflows": s.workflows.list_workflows,
        "ListWorkflowIds": s.workflows.list_ids,
        "CreateLaunchPlan": _done(s.launch_plans.create, launch_plan_pb2.LaunchPlanCreateResponse),
        "GetLaunchPlan": lambda request: s.launch_plans.get(request.id),
        "ListLaunchPlans": s.launch_plans.list_launch_plans,
        "ListLaunchPlanIds": s.launch_plans.list_ids,
        "UpdateLaunchPlan": _done(s.launch_plans.update, launch_plan_pb2.LaunchPlanUpdateResponse),
        "GetActiveLaunchPlan": s.launch_plans.get_active,
        "ListActiveLaunchPlans": s.launch_plans.list_active,
        "CreateExecution": create_execution,
        "GetExecution": lambda request: s.executions.get(request.id),
        "ListExecutions": s.executions.list_executions,
        "RelaunchExecution": lambda request: execution_pb2.ExecutionCreateResponse(
            id=s.executions.relaunch(request)
        ),
        "RecoverExecution": lambda request: execution_pb2.ExecutionCreateResponse(
            id=s.executions.recover(request)
        ),
        "TerminateExecution": _done(s.executions.terminate, execution_pb2.ExecutionTerminateResponse),
        "GetExecutionData": lambda request: s.executions.get_data(request.id),
        "GetNodeExecution": lambda request: s.node_executions.get(request.id),
        "ListNodeExecutions": s.node_executions.list_node_executions,
        "GetNodeExecutionData": lambda request: s.node_executions.get_data(request.id),
        "GetTaskExecution": lambda request: s.task_executions.get(request.id),
        "ListTaskExecutions": s.task_executions.list_task_executions,
        "GetTaskExecutionData": lambda request: s.task_executions.get_data(request.id),
        "CreateWorkflowEvent": _done(s.workflow_events.ingest, event_pb2.WorkflowExecutionEventResponse),
        "CreateNodeEvent": _done(s.node_events.ingest, event_pb2.NodeExecutionEventResponse),
        "CreateTaskEvent": _done(s.task_events.ingest, event_pb2.TaskExecutionEventResponse),
        "GetVersion": get_version,
    }
    return handlers


def data_proxy_handlers(services: AdminServices) -> dict[str, Handler]:
    """The DataProxyService RPCs this admin serves, by method name."""
    return {
        "CreateUploadLocation": services.data_proxy.create_upload_location,
        "CreateDownloadLink": services.data_proxy.create_download_link,
        "GetData": services.flyte_urls.get_data,
    }


def signal_handlers(services: AdminServices) -> dict[str, Handler]:
    """The SignalService RPCs this admin serves, by method name."""
    return {
        "GetOrCreateSignal": services.signals.get_or_create,
        "ListSignals": services.signals.list_signals,
        "SetSignal": _done(services.signals.set_signal, signal_pb2.SignalSetResponse),
    }
