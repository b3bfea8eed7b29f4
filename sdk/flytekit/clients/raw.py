"""One method per admin RPC: a request proto in, the response proto out, errors as SDK exceptions.

The client owns one channel and the stubs of ``AdminService``, ``DataProxyService`` and
``SignalService`` on it. Every call goes through :meth:`RawSynchronousFlyteClient._call`, the single
place where ``grpc.RpcError`` becomes a ``flytekit.exceptions`` type (see ``clients.errors``).
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, TypeVar

from google.protobuf.message import Message

from flyteidl.admin import common_pb2 as admin_common
from flyteidl.admin import (
    execution_pb2,
    launch_plan_pb2,
    node_execution_pb2,
    project_pb2,
    signal_pb2,
    task_execution_pb2,
    task_pb2,
    version_pb2,
    workflow_pb2,
)
from flyteidl.service import dataproxy_pb2
from flytekit.clients.channels import create_channel
from flytekit.clients.errors import translate_rpc_error

logger = logging.getLogger(__name__)

ResponseT = TypeVar("ResponseT", bound=Message)


def _stub(module: str, name: str, channel: Any) -> Any:
    """Instantiate a generated service stub; imported here so that grpc loads with the first client."""
    return getattr(importlib.import_module(module), name)(channel)


class RawSynchronousFlyteClient:
    """Blocking gRPC client of admin built from a ``PlatformConfig`` (``endpoint``, ``insecure``, TLS)."""

    def __init__(self, cfg: Any, metadata: list[tuple[str, str]] | None = None) -> None:
        grpc = importlib.import_module("grpc")
        self._cfg = cfg
        self._rpc_error: type[Exception] = grpc.RpcError
        self._channel, self._target = create_channel(cfg)
        self._metadata = list(metadata or [])
        self._stubs: dict[str, Any] = {
            "admin": _stub("flyteidl.service.admin_pb2_grpc", "AdminServiceStub", self._channel),
            "dataproxy": _stub("flyteidl.service.dataproxy_pb2_grpc", "DataProxyServiceStub", self._channel),
            "signal": _stub("flyteidl.service.signal_pb2_grpc", "SignalServiceStub", self._channel),
        }

    @property
    def url(self) -> str:
        """The gRPC target this client talks to."""
        return self._target.target

    def close(self) -> None:
        """Close the channel; further calls fail."""
        self._channel.close()

    def __enter__(self) -> RawSynchronousFlyteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, service: str, rpc: str, request: Message, response_type: type[ResponseT]) -> ResponseT:
        method = getattr(self._stubs[service], rpc)
        logger.debug("calling %s.%s", service, rpc)
        try:
            response = method(request, metadata=self._metadata or None)
        except self._rpc_error as error:
            raise translate_rpc_error(error, rpc) from error
        if not isinstance(response, response_type):
            raise TypeError(f"{rpc} returned {type(response).__name__}, expected {response_type.__name__}")
        return response

    # ---------------------------------------------------------------- tasks
    def create_task(self, task_create_request: task_pb2.TaskCreateRequest) -> task_pb2.TaskCreateResponse:
        return self._call("admin", "CreateTask", task_create_request, task_pb2.TaskCreateResponse)

    def get_task(self, get_object_request: admin_common.ObjectGetRequest) -> task_pb2.Task:
        return self._call("admin", "GetTask", get_object_request, task_pb2.Task)

    def list_task_ids_paginated(
        self, identifier_list_request: admin_common.NamedEntityIdentifierListRequest
    ) -> admin_common.NamedEntityIdentifierList:
        return self._call(
            "admin", "ListTaskIds", identifier_list_request, admin_common.NamedEntityIdentifierList
        )

    def list_tasks_paginated(
        self, resource_list_request: admin_common.ResourceListRequest
    ) -> task_pb2.TaskList:
        return self._call("admin", "ListTasks", resource_list_request, task_pb2.TaskList)

    # ---------------------------------------------------------------- workflows
    def create_workflow(
        self, workflow_create_request: workflow_pb2.WorkflowCreateRequest
    ) -> workflow_pb2.WorkflowCreateResponse:
        return self._call(
            "admin", "CreateWorkflow", workflow_create_request, workflow_pb2.WorkflowCreateResponse
        )

    def get_workflow(self, get_object_request: admin_common.ObjectGetRequest) -> workflow_pb2.Workflow:
        return self._call("admin", "GetWorkflow", get_object_request, workflow_pb2.Workflow)

    def list_workflow_ids_paginated(
        self, identifier_list_request: admin_common.NamedEntityIdentifierListRequest
    ) -> admin_common.NamedEntityIdentifierList:
        return self._call(
            "admin", "ListWorkflowIds", identifier_list_request, admin_common.NamedEntityIdentifierList
        )

    def list_workflows_paginated(
        self, resource_list_request: admin_common.ResourceListRequest
    ) -> workflow_pb2.WorkflowList:
        return self._call("admin", "ListWorkflows", resource_list_request, workflow_pb2.WorkflowList)

    # ---------------------------------------------------------------- launch plans
    def create_launch_plan(
        self, launch_plan_create_request: launch_plan_pb2.LaunchPlanCreateRequest
    ) -> launch_plan_pb2.LaunchPlanCreateResponse:
        return self._call(
            "admin", "CreateLaunchPlan", launch_plan_create_request, launch_plan_pb2.LaunchPlanCreateResponse
        )

    def get_launch_plan(
        self, object_get_request: admin_common.ObjectGetRequest
    ) -> launch_plan_pb2.LaunchPlan:
        return self._call("admin", "GetLaunchPlan", object_get_request, launch_plan_pb2.LaunchPlan)

    def get_active_launch_plan(
        self, active_launch_plan_request: launch_plan_pb2.ActiveLaunchPlanRequest
    ) -> launch_plan_pb2.LaunchPlan:
        return self._call(
            "admin", "GetActiveLaunchPlan", active_launch_plan_request, launch_plan_pb2.LaunchPlan
        )

    def list_active_launch_plans_paginated(
        self, active_launch_plan_list_request: launch_plan_pb2.ActiveLaunchPlanListRequest
    ) -> launch_plan_pb2.LaunchPlanList:
        return self._call(
            "admin", "ListActiveLaunchPlans", active_launch_plan_list_request, launch_plan_pb2.LaunchPlanList
        )

    def list_launch_plan_ids_paginated(
        self, identifier_list_request: admin_common.NamedEntityIdentifierListRequest
    ) -> admin_common.NamedEntityIdentifierList:
        return self._call(
            "admin", "ListLaunchPlanIds", identifier_list_request, admin_common.NamedEntityIdentifierList
        )

    def list_launch_plans_paginated(
        self, resource_list_request: admin_common.ResourceListRequest
    ) -> launch_plan_pb2.LaunchPlanList:
        return self._call("admin", "ListLaunchPlans", resource_list_request, launch_plan_pb2.LaunchPlanList)

    def update_launch_plan(
        self, update_request: launch_plan_pb2.LaunchPlanUpdateRequest
    ) -> launch_plan_pb2.LaunchPlanUpdateResponse:
        return self._call(
            "admin", "UpdateLaunchPlan", update_request, launch_plan_pb2.LaunchPlanUpdateResponse
        )

    # ---------------------------------------------------------------- executions
    def create_execution(
        self, create_execution_request: execution_pb2.ExecutionCreateRequest
    ) -> execution_pb2.ExecutionCreateResponse:
        return self._call(
            "admin", "CreateExecution", create_execution_request, execution_pb2.ExecutionCreateResponse
        )

    def relaunch_execution(
        self, relaunch_execution_request: execution_pb2.ExecutionRelaunchRequest
    ) -> execution_pb2.ExecutionCreateResponse:
        return self._call(
            "admin", "RelaunchExecution", relaunch_execution_request, execution_pb2.ExecutionCreateResponse
        )

    def recover_execution(
        self, recover_execution_request: execution_pb2.ExecutionRecoverRequest
    ) -> execution_pb2.ExecutionCreateResponse:
        return self._call(
            "admin", "RecoverExecution", recover_execution_request, execution_pb2.ExecutionCreateResponse
        )

    def get_execution(
        self, get_object_request: execution_pb2.WorkflowExecutionGetRequest
    ) -> execution_pb2.Execution:
        return self._call("admin", "GetExecution", get_object_request, execution_pb2.Execution)

    def get_execution_data(
        self, get_execution_data_request: execution_pb2.WorkflowExecutionGetDataRequest
    ) -> execution_pb2.WorkflowExecutionGetDataResponse:
        return self._call(
            "admin",
            "GetExecutionData",
            get_execution_data_request,
            execution_pb2.WorkflowExecutionGetDataResponse,
        )

    def list_executions_paginated(
        self, resource_list_request: admin_common.ResourceListRequest
    ) -> execution_pb2.ExecutionList:
        return self._call("admin", "ListExecutions", resource_list_request, execution_pb2.ExecutionList)

    def terminate_execution(
        self, terminate_execution_request: execution_pb2.ExecutionTerminateRequest
    ) -> execution_pb2.ExecutionTerminateResponse:
        return self._call(
            "admin",
            "TerminateExecution",
            terminate_execution_request,
            execution_pb2.ExecutionTerminateResponse,
        )

    # ---------------------------------------------------------------- node and task executions
    def get_node_execution(
        self, node_execution_request: node_execution_pb2.NodeExecutionGetRequest
    ) -> node_execution_pb2.NodeExecution:
        return self._call(
            "admin", "GetNodeExecution", node_execution_request, node_execution_pb2.NodeExecution
        )

    def get_node_execution_data(
        self, get_node_execution_data_request: node_execution_pb2.NodeExecutionGetDataRequest
    ) -> node_execution_pb2.NodeExecutionGetDataResponse:
        return self._call(
            "admin",
            "GetNodeExecutionData",
            get_node_execution_data_request,
            node_execution_pb2.NodeExecutionGetDataResponse,
        )

    def list_node_executions_paginated(
        self, node_execution_list_request: node_execution_pb2.NodeExecutionListRequest
    ) -> node_execution_pb2.NodeExecutionList:
        return self._call(
            "admin", "ListNodeExecutions", node_execution_list_request, node_execution_pb2.NodeExecutionList
        )

    def list_node_executions_for_task_paginated(
        self, node_execution_for_task_list_request: node_execution_pb2.NodeExecutionForTaskListRequest
    ) -> node_execution_pb2.NodeExecutionList:
        return self._call(
            "admin",
            "ListNodeExecutionsForTask",
            node_execution_for_task_list_request,
            node_execution_pb2.NodeExecutionList,
        )

    def get_task_execution(
        self, task_execution_request: task_execution_pb2.TaskExecutionGetRequest
    ) -> task_execution_pb2.TaskExecution:
        return self._call(
            "admin", "GetTaskExecution", task_execution_request, task_execution_pb2.TaskExecution
        )

    def get_task_execution_data(
        self, get_task_execution_data_request: task_execution_pb2.TaskExecutionGetDataRequest
    ) -> task_execution_pb2.TaskExecutionGetDataResponse:
        return self._call(
            "admin",
            "GetTaskExecutionData",
            get_task_execution_data_request,
            task_execution_pb2.TaskExecutionGetDataResponse,
        )

    def list_task_executions_paginated(
        self, task_execution_list_request: task_execution_pb2.TaskExecutionListRequest
    ) -> task_execution_pb2.TaskExecutionList:
        return self._call(
            "admin", "ListTaskExecutions", task_execution_list_request, task_execution_pb2.TaskExecutionList
        )

    # ---------------------------------------------------------------- projects, domains, version
    def register_project(
        self, project_register_request: project_pb2.ProjectRegisterRequest
    ) -> project_pb2.ProjectRegisterResponse:
        return self._call(
            "admin", "RegisterProject", project_register_request, project_pb2.ProjectRegisterResponse
        )

    def get_project(self, project_get_request: project_pb2.ProjectGetRequest) -> project_pb2.Project:
        return self._call("admin", "GetProject", project_get_request, project_pb2.Project)

    def update_project(self, project: project_pb2.Project) -> project_pb2.ProjectUpdateResponse:
        return self._call("admin", "UpdateProject", project, project_pb2.ProjectUpdateResponse)

    def list_projects(self, project_list_request: project_pb2.ProjectListRequest) -> project_pb2.Projects:
        return self._call("admin", "ListProjects", project_list_request, project_pb2.Projects)

    def get_domains(self) -> project_pb2.GetDomainsResponse:
        return self._call(
            "admin", "GetDomains", project_pb2.GetDomainRequest(), project_pb2.GetDomainsResponse
        )

    def get_control_plane_version(self) -> version_pb2.GetVersionResponse:
        return self._call(
            "admin", "GetVersion", version_pb2.GetVersionRequest(), version_pb2.GetVersionResponse
        )

    def update_named_entity(
        self, update_named_entity_request: admin_common.NamedEntityUpdateRequest
    ) -> admin_common.NamedEntityUpdateResponse:
        return self._call(
            "admin", "UpdateNamedEntity", update_named_entity_request, admin_common.NamedEntityUpdateResponse
        )

    # ---------------------------------------------------------------- data proxy
    def create_upload_location(
        self, create_upload_location_request: dataproxy_pb2.CreateUploadLocationRequest
    ) -> dataproxy_pb2.CreateUploadLocationResponse:
        return self._call(
            "dataproxy",
            "CreateUploadLocation",
            create_upload_location_request,
            dataproxy_pb2.CreateUploadLocationResponse,
        )

    def create_download_location(
        self, create_download_location_request: dataproxy_pb2.CreateDownloadLocationRequest
    ) -> dataproxy_pb2.CreateDownloadLocationResponse:
        return self._call(
            "dataproxy",
            "CreateDownloadLocation",
            create_download_location_request,
            dataproxy_pb2.CreateDownloadLocationResponse,
        )

    def create_download_link(
        self, create_download_link_request: dataproxy_pb2.CreateDownloadLinkRequest
    ) -> dataproxy_pb2.CreateDownloadLinkResponse:
        return self._call(
            "dataproxy",
            "CreateDownloadLink",
            create_download_link_request,
            dataproxy_pb2.CreateDownloadLinkResponse,
        )

    def get_data(self, get_data_request: dataproxy_pb2.GetDataRequest) -> dataproxy_pb2.GetDataResponse:
        return self._call("dataproxy", "GetData", get_data_request, dataproxy_pb2.GetDataResponse)

    # ---------------------------------------------------------------- signals
    def list_signals(self, signal_list_request: signal_pb2.SignalListRequest) -> signal_pb2.SignalList:
        return self._call("signal", "ListSignals", signal_list_request, signal_pb2.SignalList)

    def set_signal(self, signal_set_request: signal_pb2.SignalSetRequest) -> signal_pb2.SignalSetResponse:
        return self._call("signal", "SetSignal", signal_set_request, signal_pb2.SignalSetResponse)
