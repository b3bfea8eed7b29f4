"""The convenient admin client: build requests from keyword arguments, page through lists.

``SynchronousFlyteClient`` wraps a :class:`~flytekit.clients.raw.RawSynchronousFlyteClient` (reachable
as ``.raw``) and speaks in generated protos -- identifiers, specs, closures -- rather than a
separate model layer. ``FlyteRemote`` and ``pyflyte`` use it; errors are the SDK exceptions raised
by the raw client.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from google.protobuf import duration_pb2

from flyteidl.admin import common_pb2 as admin_common
from flyteidl.admin import (
    execution_pb2,
    launch_plan_pb2,
    node_execution_pb2,
    project_pb2,
    signal_pb2,
    task_execution_pb2,
    task_pb2,
    workflow_pb2,
)
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.service import dataproxy_pb2
from flytekit.clients.raw import RawSynchronousFlyteClient

Filters = Sequence[str] | str | None


def render_filters(filters: Filters) -> str:
    """Join filter expressions (``eq(phase,SUCCEEDED)``) with ``+`` as admin expects."""
    if filters is None:
        return ""
    if isinstance(filters, str):
        return filters
    return "+".join(filters)


def _duration(value: datetime.timedelta | None) -> duration_pb2.Duration | None:
    if value is None:
        return None
    duration = duration_pb2.Duration()
    duration.FromTimedelta(value)
    return duration


class SynchronousFlyteClient:
    """Admin client with keyword-argument methods; see the raw client for one-to-one RPC calls."""

    def __init__(self, cfg: Any, metadata: list[tuple[str, str]] | None = None) -> None:
        self._raw = RawSynchronousFlyteClient(cfg, metadata=metadata)

    @property
    def raw(self) -> RawSynchronousFlyteClient:
        """The underlying one-method-per-RPC client."""
        return self._raw

    @property
    def url(self) -> str:
        """The gRPC target this client talks to."""
        return self._raw.url

    def close(self) -> None:
        """Close the channel."""
        self._raw.close()

    # ---------------------------------------------------------------- tasks
    def create_task(self, task_identifer: identifier_pb2.Identifier, task_spec: task_pb2.TaskSpec) -> None:
        """Register a task; raises ``FlyteEntityAlreadyExistsException`` if this version exists."""
        self._raw.create_task(task_pb2.TaskCreateRequest(id=task_identifer, spec=task_spec))

    def get_task(self, id: identifier_pb2.Identifier) -> task_pb2.Task:
        return self._raw.get_task(admin_common.ObjectGetRequest(id=id))

    def list_task_ids_paginated(
        self, project: str, domain: str, limit: int = 100, token: str | None = None, sort_by: Any = None
    ) -> tuple[list[admin_common.NamedEntityIdentifier], str]:
        response = self._raw.list_task_ids_paginated(
            admin_common.NamedEntityIdentifierListRequest(
                project=project, domain=domain, limit=limit, token=token or "", sort_by=sort_by
            )
        )
        return list(response.entities), response.token

    def list_tasks_paginated(
        self,
        identifier: admin_common.NamedEntityIdentifier,
        limit: int = 100,
        token: str | None = None,
        filters: Filters = None,
        sort_by: admin_common.Sort | None = None,
    ) -> tuple[list[task_pb2.Task], str]:
        response = self._raw.list_tasks_paginated(
            _resource_list_request(identifier, limit, token, filters, sort_by)
        )
        return list(response.tasks), response.token

    # ---------------------------------------------------------------- workflows
    def create_workflow(
        self, workflow_identifier: identifier_pb2.Identifier, workflow_spec: workflow_pb2.WorkflowSpec
    ) -> None:
        self._raw.create_workflow(
            workflow_pb2.WorkflowCreateRequest(id=workflow_identifier, spec=workflow_spec)
        )

    def get_workflow(self, id: identifier_pb2.Identifier) -> workflow_pb2.Workflow:
        return self._raw.get_workflow(admin_common.ObjectGetRequest(id=id))

    def list_workflows_paginated(
        self,
        identifier: admin_common.NamedEntityIdentifier,
        limit: int = 100,
        token: str | None = None,
        filters: Filters = None,
        sort_by: admin_common.Sort | None = None,
    ) -> tuple[list[workflow_pb2.Workflow], str]:
        response = self._raw.list_workflows_paginated(
            _resource_list_request(identifier, limit, token, filters, sort_by)
        )
        return list(response.workflows), response.token

    # ---------------------------------------------------------------- launch plans
    def create_launch_plan(
        self,
        launch_plan_identifer: identifier_pb2.Identifier,
        launch_plan_spec: launch_plan_pb2.LaunchPlanSpec,
    ) -> None:
        self._raw.create_launch_plan(
            launch_plan_pb2.LaunchPlanCreateRequest(id=launch_plan_identifer, spec=launch_plan_spec)
        )

    def get_launch_plan(self, id: identifier_pb2.Identifier) -> launch_plan_pb2.LaunchPlan:
        return self._raw.get_launch_plan(admin_common.ObjectGetRequest(id=id))

    def get_active_launch_plan(
        self, identifier: admin_common.NamedEntityIdentifier
    ) -> launch_plan_pb2.LaunchPlan:
        return self._raw.get_active_launch_plan(launch_plan_pb2.ActiveLaunchPlanRequest(id=identifier))

    def list_launch_plans_paginated(
        self,
        identifier: admin_common.NamedEntityIdentifier,
        limit: int = 100,
        token: str | None = None,
        filters: Filters = None,
        sort_by: admin_common.Sort | None = None,
    ) -> tuple[list[launch_plan_pb2.LaunchPlan], str]:
        response = self._raw.list_launch_plans_paginated(
            _resource_list_request(identifier, limit, token, filters, sort_by)
        )
        return list(response.launch_plans), response.token

    def list_active_launch_plans_paginated(
        self,
        project: str,
        domain: str,
        limit: int = 100,
        token: str | None = None,
        sort_by: admin_common.Sort | None = None,
    ) -> tuple[list[launch_plan_pb2.LaunchPlan], str]:
        """The ACTIVE launch plan versions of a project/domain (at most one per name)."""
        response = self._raw.list_active_launch_plans_paginated(
            launch_plan_pb2.ActiveLaunchPlanListRequest(
                project=project, domain=domain, limit=limit, token=token or "", sort_by=sort_by
            )
        )
        return list(response.launch_plans), response.token

    def update_launch_plan(self, id: identifier_pb2.Identifier, state: int) -> None:
        """Set a launch plan ``ACTIVE`` or ``INACTIVE`` (``launch_plan_pb2.LaunchPlanState``)."""
        self._raw.update_launch_plan(launch_plan_pb2.LaunchPlanUpdateRequest(id=id, state=state))  # type: ignore[arg-type]

    # ---------------------------------------------------------------- executions
    def create_execution(
        self,
        project: str,
        domain: str,
        name: str | None,
        execution_spec: execution_pb2.ExecutionSpec,
        inputs: literals_pb2.LiteralMap,
    ) -> identifier_pb2.WorkflowExecutionIdentifier:
        """Start an execution; admin generates the name when ``name`` is empty."""
        response = self._raw.create_execution(
            execution_pb2.ExecutionCreateRequest(
                project=project, domain=domain, name=name or "", spec=execution_spec, inputs=inputs
            )
        )
        return response.id

    def relaunch_execution(
        self, id: identifier_pb2.WorkflowExecutionIdentifier, name: str | None = None
    ) -> identifier_pb2.WorkflowExecutionIdentifier:
        return self._raw.relaunch_execution(execution_pb2.ExecutionRelaunchRequest(id=id, name=name or "")).id

    def recover_execution(
        self, id: identifier_pb2.WorkflowExecutionIdentifier, name: str | None = None
    ) -> identifier_pb2.WorkflowExecutionIdentifier:
        return self._raw.recover_execution(execution_pb2.ExecutionRecoverRequest(id=id, name=name or "")).id

    def get_execution(self, id: identifier_pb2.WorkflowExecutionIdentifier) -> execution_pb2.Execution:
        return self._raw.get_execution(execution_pb2.WorkflowExecutionGetRequest(id=id))

    def get_execution_data(
        self, id: identifier_pb2.WorkflowExecutionIdentifier
    ) -> execution_pb2.WorkflowExecutionGetDataResponse:
        return self._raw.get_execution_data(execution_pb2.WorkflowExecutionGetDataRequest(id=id))

    def list_executions_paginated(
        self,
        project: str,
        domain: str,
        limit: int = 100,
        token: str | None = None,
        filters: Filters = None,
        sort_by: admin_common.Sort | None = None,
    ) -> tuple[list[execution_pb2.Execution], str]:
        identifier = admin_common.NamedEntityIdentifier(project=project, domain=domain)
        response = self._raw.list_executions_paginated(
            _resource_list_request(identifier, limit, token, filters, sort_by)
        )
        return list(response.executions), response.token

    def terminate_execution(self, id: identifier_pb2.WorkflowExecutionIdentifier, cause: str) -> None:
        self._raw.terminate_execution(execution_pb2.ExecutionTerminateRequest(id=id, cause=cause))

    # ---------------------------------------------------------------- node and task executions
    def get_node_execution(
        self, node_execution_identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecution:
        return self._raw.get_node_execution(
            node_execution_pb2.NodeExecutionGetRequest(id=node_execution_identifier)
        )

    def get_node_execution_data(
        self, node_execution_identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecutionGetDataResponse:
        return self._raw.get_node_execution_data(
            node_execution_pb2.NodeExecutionGetDataRequest(id=node_execution_identifier)
        )

    def list_node_executions(
        self,
        workflow_execution_identifier: identifier_pb2.WorkflowExecutionIdentifier,
        limit: int = 100,
        token: str | None = None,
        filters: Filters = None,
        sort_by: admin_common.Sort | None = None,
        unique_parent_id: str | None = None,
    ) -> tuple[list[node_execution_pb2.NodeExecution], str]:
        response = self._raw.list_node_executions_paginated(
            node_execution_pb2.NodeExecutionListRequest(
                workflow_execution_id=workflow_execution_identifier,
                limit=limit,
                token=token or "",
                filters=render_filters(filters),
                sort_by=sort_by,
                unique_parent_id=unique_parent_id or "",
            )
        )
        return list(response.node_executions), response.token

    def list_task_executions_paginated(
        self,
        node_execution_identifier: identifier_pb2.NodeExecutionIdentifier,
        limit: int = 100,
        token: str | None = None,
        filters: Filters = None,
        sort_by: admin_common.Sort | None = None,
    ) -> tuple[list[task_execution_pb2.TaskExecution], str]:
        response = self._raw.list_task_executions_paginated(
            task_execution_pb2.TaskExecutionListRequest(
                node_execution_id=node_execution_identifier,
                limit=limit,
                token=token or "",
                filters=render_filters(filters),
                sort_by=sort_by,
            )
        )
        return list(response.task_executions), response.token

    def get_task_execution(
        self, id: identifier_pb2.TaskExecutionIdentifier
    ) -> task_execution_pb2.TaskExecution:
        return self._raw.get_task_execution(task_execution_pb2.TaskExecutionGetRequest(id=id))

    def get_task_execution_data(
        self, task_execution_identifier: identifier_pb2.TaskExecutionIdentifier
    ) -> task_execution_pb2.TaskExecutionGetDataResponse:
        return self._raw.get_task_execution_data(
            task_execution_pb2.TaskExecutionGetDataRequest(id=task_execution_identifier)
        )

    # ---------------------------------------------------------------- projects, domains, version
    def register_project(self, project: project_pb2.Project) -> None:
        self._raw.register_project(project_pb2.ProjectRegisterRequest(project=project))

    def list_projects_paginated(
        self,
        limit: int = 100,
        token: str | None = None,
        filters: Filters = None,
        sort_by: admin_common.Sort | None = None,
    ) -> tuple[list[project_pb2.Project], str]:
        response = self._raw.list_projects(
            project_pb2.ProjectListRequest(
                limit=limit, token=token or "", filters=render_filters(filters), sort_by=sort_by
            )
        )
        return list(response.projects), response.token

    def get_domains(self) -> list[project_pb2.Domain]:
        return list(self._raw.get_domains().domains)

    def get_control_plane_version(self) -> str:
        """Admin's version string (``GetVersion``)."""
        return self._raw.get_control_plane_version().control_plane_version.Version

    # ---------------------------------------------------------------- data proxy
    def get_upload_signed_url(
        self,
        project: str,
        domain: str,
        content_md5: bytes | None = None,
        filename: str | None = None,
        expires_in: datetime.timedelta | None = None,
        filename_root: str | None = None,
        add_content_md5_metadata: bool = True,
    ) -> dataproxy_pb2.CreateUploadLocationResponse:
        """Ask admin where to PUT a file: signed URL, native URL and the headers the PUT must carry."""
        return self._raw.create_upload_location(
            dataproxy_pb2.CreateUploadLocationRequest(
                project=project,
                domain=domain,
                content_md5=content_md5 or b"",
                filename=filename or "",
                expires_in=_duration(expires_in),
                filename_root=filename_root or "",
                add_content_md5_metadata=add_content_md5_metadata,
            )
        )

    def get_download_signed_url(
        self, native_url: str, expires_in: datetime.timedelta | None = None
    ) -> dataproxy_pb2.CreateDownloadLocationResponse:
        return self._raw.create_download_location(
            dataproxy_pb2.CreateDownloadLocationRequest(
                native_url=native_url, expires_in=_duration(expires_in)
            )
        )

    def get_data(self, flyte_uri: str) -> dataproxy_pb2.GetDataResponse:
        """Resolve a ``flyte://v1/...`` URI to literals (or signed URLs) through DataProxy ``GetData``."""
        return self._raw.get_data(dataproxy_pb2.GetDataRequest(flyte_url=flyte_uri))

    # ---------------------------------------------------------------- signals
    def list_signals(
        self,
        execution_id: identifier_pb2.WorkflowExecutionIdentifier,
        limit: int = 100,
        token: str | None = None,
        filters: Filters = None,
    ) -> tuple[list[signal_pb2.Signal], str]:
        """Signals (gate node inputs and approvals) of one execution."""
        response = self._raw.list_signals(
            signal_pb2.SignalListRequest(
                workflow_execution_id=execution_id,
                limit=limit,
                token=token or "",
                filters=render_filters(filters),
            )
        )
        return list(response.signals), response.token

    def set_signal(self, signal_id: identifier_pb2.SignalIdentifier, value: literals_pb2.Literal) -> None:
        """Give a signal its value; the gate waiting on it proceeds."""
        self._raw.set_signal(signal_pb2.SignalSetRequest(id=signal_id, value=value))


def _resource_list_request(
    identifier: admin_common.NamedEntityIdentifier,
    limit: int,
    token: str | None,
    filters: Filters,
    sort_by: admin_common.Sort | None,
) -> admin_common.ResourceListRequest:
    return admin_common.ResourceListRequest(
        id=identifier, limit=limit, token=token or "", filters=render_filters(filters), sort_by=sort_by
    )
