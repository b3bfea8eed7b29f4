"""``FlyteRemote``: fetch, register and execute entities on a Flyte backend from Python.

Built from a ``Config`` (admin endpoint in ``config.platform``) and default project/domain. The
admin client is created on first use, so constructing a remote never touches the network.
Registration of local Python entities (``register_*``, ``register_script``) lives in
``remote.registering``; starting executions and converting inputs in ``remote.executing``; this
module is the public surface that ties them together with fetching, waiting and syncing.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from flyteidl.admin import common_pb2 as admin_common
from flyteidl.core import identifier_pb2, interface_pb2
from flytekit.clients.friendly import SynchronousFlyteClient
from flytekit.errors import FlyteAssertion, FlyteEntityNotExistException, FlyteTimeout
from flytekit.remote import executing, registering
from flytekit.remote.entities import (
    FlyteLaunchPlan,
    FlyteTask,
    FlyteWorkflow,
    LazyEntity,
    interface_from_parameters,
)
from flytekit.remote.executions import FlyteNodeExecution, FlyteWorkflowExecution
from flytekit.remote.literals import LiteralsResolver
from flytekit.remote.operating import OperationsMixin
from flytekit.remote.uploading import put_file
from flytekit.tools.fast_registration import (
    FastPackageOptions,
    compute_version,
    fast_package_to_temp,
    file_md5,
)

logger = logging.getLogger(__name__)

DEFAULT_POLL_INTERVAL = datetime.timedelta(seconds=2)
FIRST_POLL_INTERVAL = 0.1
LATEST_FIRST = admin_common.Sort(key="created_at", direction=admin_common.Sort.DESCENDING)


def _seconds(value: datetime.timedelta | float | None, default: float | None) -> float | None:
    if value is None:
        return default
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return float(value)


class FlyteRemote(OperationsMixin):
    """A handle on one Flyte backend (admin plus its blob store) with default project and domain."""

    def __init__(
        self,
        config: Any,
        default_project: str | None = None,
        default_domain: str | None = None,
        data_upload_location: str = "flyte://my-s3-bucket/",
        interactive_mode_enabled: bool | None = None,
        **kwargs: Any,
    ) -> None:
        self._config = config
        self._default_project = default_project
        self._default_domain = default_domain
        self._data_upload_location = data_upload_location
        self._interactive_mode_enabled = bool(interactive_mode_enabled)
        self._client: SynchronousFlyteClient | None = None
        self._interfaces: dict[tuple[int, str, str, str, str], interface_pb2.TypedInterface] = {}

    # ---------------------------------------------------------------- construction
    @classmethod
    def auto(
        cls,
        config_file: Any = None,
        default_project: str | None = None,
        default_domain: str | None = None,
        **kwargs: Any,
    ) -> FlyteRemote:
        """A remote configured by ``Config.auto(config_file)`` (file, ``FLYTE_*`` variables)."""
        from flytekit.configuration import Config

        return cls(Config.auto(config_file), default_project, default_domain, **kwargs)

    @classmethod
    def for_endpoint(
        cls,
        endpoint: str,
        insecure: bool = False,
        data_config: Any = None,
        config_file: Any = None,
        default_project: str | None = None,
        default_domain: str | None = None,
        **kwargs: Any,
    ) -> FlyteRemote:
        """A remote for ``endpoint`` (``host:port`` of admin's gRPC API)."""
        from flytekit.configuration import Config

        config = Config.for_endpoint(
            endpoint, insecure=insecure, data_config=data_config, config_file=config_file
        )
        return cls(config, default_project, default_domain, **kwargs)

    @property
    def config(self) -> Any:
        return self._config

    @property
    def default_project(self) -> str | None:
        return self._default_project

    @property
    def default_domain(self) -> str | None:
        return self._default_domain

    @property
    def interactive_mode_enabled(self) -> bool:
        return self._interactive_mode_enabled

    @property
    def client(self) -> SynchronousFlyteClient:
        """The admin client, connected on first use."""
        if self._client is None:
            self._client = SynchronousFlyteClient(self._config.platform)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def project_domain(self, project: str | None, domain: str | None) -> tuple[str, str]:
        """``project``/``domain`` or the defaults; raises naming the missing one."""
        resolved_project = project or self._default_project
        resolved_domain = domain or self._default_domain
        if not resolved_project or not resolved_domain:
            missing = "project" if not resolved_project else "domain"
            raise FlyteAssertion(
                f"No {missing} given; pass {missing}=... or create FlyteRemote(default_{missing}=...)."
            )
        return resolved_project, resolved_domain

    # ---------------------------------------------------------------- console
    def generate_console_http_domain(self) -> str:
        """The console's base URL: ``console_endpoint`` if configured, else derived from the endpoint."""
        platform = self._config.platform
        if platform.console_endpoint:
            return str(platform.console_endpoint).rstrip("/")
        endpoint = str(platform.endpoint)
        for prefix in ("dns:///", "http://", "https://"):
            endpoint = endpoint.removeprefix(prefix)
        scheme = "http" if platform.insecure else "https"
        return f"{scheme}://{endpoint.rstrip('/')}"

    def generate_console_url(self, entity: Any) -> str:
        """Console page of an execution or a registered task, workflow or launch plan."""
        base = self.generate_console_http_domain()
        if isinstance(entity, FlyteWorkflowExecution):
            entity = entity.id
        if isinstance(entity, identifier_pb2.WorkflowExecutionIdentifier):
            return (
                f"{base}/console/projects/{entity.project}/domains/{entity.domain}/executions/{entity.name}"
            )
        ident = entity if isinstance(entity, identifier_pb2.Identifier) else entity.id
        kind = {identifier_pb2.TASK: "task", identifier_pb2.WORKFLOW: "workflow"}.get(
            ident.resource_type, "launch_plan"
        )
        return f"{base}/console/projects/{ident.project}/domains/{ident.domain}/{kind}/{ident.name}/version/{ident.version}"

    # ---------------------------------------------------------------- fetching
    def _identifier(
        self,
        resource_type: identifier_pb2.ResourceType,
        project: str | None,
        domain: str | None,
        name: str | None,
        version: str | None,
    ) -> identifier_pb2.Identifier:
        if not name:
            raise FlyteAssertion("A name is required to fetch an entity; pass name=...")
        resolved_project, resolved_domain = self.project_domain(project, domain)
        if version is None:
            version = self._latest_version(resource_type, resolved_project, resolved_domain, name)
        return identifier_pb2.Identifier(
            resource_type=resource_type,
            project=resolved_project,
            domain=resolved_domain,
            name=name,
            version=version,
        )

    def _latest_version(
        self, resource_type: identifier_pb2.ResourceType, project: str, domain: str, name: str
    ) -> str:
        named = admin_common.NamedEntityIdentifier(project=project, domain=domain, name=name)
        list_paginated: Callable[..., tuple[Sequence[Any], str]]
        if resource_type == identifier_pb2.TASK:
            list_paginated = self.client.list_tasks_paginated
        elif resource_type == identifier_pb2.WORKFLOW:
            list_paginated = self.client.list_workflows_paginated
        else:
            list_paginated = self.client.list_launch_plans_paginated
        records, _ = list_paginated(named, limit=1, sort_by=LATEST_FIRST)
        ids: list[identifier_pb2.Identifier] = [record.id for record in records]
        if not ids:
            kind = registering.RESOURCE_LABELS.get(resource_type, "entity").lower()
            raise FlyteEntityNotExistException(
                f"No {kind} named {name!r} is registered in {project}/{domain}; register it first."
            )
        return ids[0].version

    def fetch_task(
        self,
        project: str | None = None,
        domain: str | None = None,
        name: str | None = None,
        version: str | None = None,
    ) -> FlyteTask:
        """A registered task (the latest version when ``version`` is omitted)."""
        ident = self._identifier(identifier_pb2.TASK, project, domain, name, version)
        return FlyteTask.from_admin(self.client.get_task(ident))

    def fetch_workflow(
        self,
        project: str | None = None,
        domain: str | None = None,
        name: str | None = None,
        version: str | None = None,
    ) -> FlyteWorkflow:
        """A registered workflow (the latest version when ``version`` is omitted)."""
        ident = self._identifier(identifier_pb2.WORKFLOW, project, domain, name, version)
        return FlyteWorkflow.from_admin(self.client.get_workflow(ident))

    def fetch_launch_plan(
        self,
        project: str | None = None,
        domain: str | None = None,
        name: str | None = None,
        version: str | None = None,
    ) -> FlyteLaunchPlan:
        """A registered launch plan (the latest version when ``version`` is omitted)."""
        ident = self._identifier(identifier_pb2.LAUNCH_PLAN, project, domain, name, version)
        return FlyteLaunchPlan.from_admin(self.client.get_launch_plan(ident))

    def fetch_active_launchplan(
        self, project: str | None = None, domain: str | None = None, name: str | None = None
    ) -> FlyteLaunchPlan | None:
        """The active version of a launch plan, or ``None`` when no version is active."""
        resolved_project, resolved_domain = self.project_domain(project, domain)
        named = admin_common.NamedEntityIdentifier(
            project=resolved_project, domain=resolved_domain, name=name or ""
        )
        try:
            return FlyteLaunchPlan.from_admin(self.client.get_active_launch_plan(named))
        except FlyteEntityNotExistException:
            return None

    def fetch_execution(
        self, project: str | None = None, domain: str | None = None, name: str | None = None
    ) -> FlyteWorkflowExecution:
        """An execution by name, synced (outputs loaded when it is done)."""
        if not name:
            raise FlyteAssertion("An execution name is required; pass name=...")
        resolved_project, resolved_domain = self.project_domain(project, domain)
        ident = identifier_pb2.WorkflowExecutionIdentifier(
            project=resolved_project, domain=resolved_domain, name=name
        )
        return self.sync_execution(FlyteWorkflowExecution(self.client.get_execution(ident), remote=self))

    def recent_executions(
        self,
        project: str | None = None,
        domain: str | None = None,
        limit: int = 100,
        filters: Sequence[str] | str | None = None,
    ) -> list[FlyteWorkflowExecution]:
        """The newest executions of a project/domain (``filters`` like ``eq(phase,SUCCEEDED)``)."""
        resolved_project, resolved_domain = self.project_domain(project, domain)
        records, _ = self.client.list_executions_paginated(
            resolved_project, resolved_domain, limit=limit, filters=filters, sort_by=LATEST_FIRST
        )
        return [FlyteWorkflowExecution(record, remote=self) for record in records]

    def list_tasks_by_version(
        self, version: str, project: str | None = None, domain: str | None = None, limit: int = 100
    ) -> list[FlyteTask]:
        """Every task registered at ``version`` in the project/domain."""
        if not version:
            raise FlyteAssertion("A version is required to list tasks by version.")
        resolved_project, resolved_domain = self.project_domain(project, domain)
        named = admin_common.NamedEntityIdentifier(project=resolved_project, domain=resolved_domain)
        records, _ = self.client.list_tasks_paginated(named, limit=limit, filters=[f"eq(version,{version})"])
        return [FlyteTask.from_admin(record) for record in records]

    def list_projects(
        self,
        limit: int = 100,
        filters: Sequence[str] | str | None = None,
        sort_by: admin_common.Sort | None = None,
    ) -> list[Any]:
        """Registered projects (``project_pb2.Project``)."""
        projects, _ = self.client.list_projects_paginated(limit=limit, filters=filters, sort_by=sort_by)
        return projects

    def get_domains(self) -> list[Any]:
        """The domains admin is configured with (``project_pb2.Domain``)."""
        return self.client.get_domains()

    def fetch_task_lazy(
        self,
        project: str | None = None,
        domain: str | None = None,
        name: str | None = None,
        version: str | None = None,
    ) -> LazyEntity[FlyteTask]:
        """Like :meth:`fetch_task`, fetched on first use."""
        if not name:
            raise FlyteAssertion("A name is required to fetch an entity; pass name=...")
        return LazyEntity(name, lambda: self.fetch_task(project, domain, name, version))

    def fetch_workflow_lazy(
        self,
        project: str | None = None,
        domain: str | None = None,
        name: str | None = None,
        version: str | None = None,
    ) -> LazyEntity[FlyteWorkflow]:
        """Like :meth:`fetch_workflow`, fetched on first use."""
        if not name:
            raise FlyteAssertion("A name is required to fetch an entity; pass name=...")
        return LazyEntity(name, lambda: self.fetch_workflow(project, domain, name, version))

    # ---------------------------------------------------------------- uploads
    def upload_file(
        self,
        to_upload: Path,
        project: str | None = None,
        domain: str | None = None,
        filename_root: str | None = None,
    ) -> tuple[bytes, str]:
        """Upload a local file through DataProxy; returns its md5 digest and its ``native_url``."""
        path = Path(to_upload)
        if not path.is_file():
            raise FlyteAssertion(f"{path} is not a file; only single files can be uploaded.")
        resolved_project, resolved_domain = self.project_domain(project, domain)
        md5_bytes = file_md5(path)
        location = self.client.get_upload_signed_url(
            resolved_project,
            resolved_domain,
            content_md5=md5_bytes,
            filename=path.name,
            filename_root=filename_root,
        )
        put_file(path, location.signed_url, md5_bytes, dict(location.headers))
        logger.info("uploaded %s to %s", path.name, location.native_url)
        return md5_bytes, location.native_url

    def fast_package(
        self,
        root: Any,
        deref_symlinks: bool = True,
        output: str | None = None,
        options: FastPackageOptions | None = None,
    ) -> tuple[bytes, str]:
        """Archive ``root`` (``fast<digest>.tar.gz``) and upload it; returns (md5 of archive, native URL)."""
        from flytekit.tools.fast_registration import fast_package

        if output is not None:
            archive = fast_package(root, output, deref_symlinks=deref_symlinks, options=options)
        else:
            archive = fast_package_to_temp(root, deref_symlinks=deref_symlinks, options=options)
        return self.upload_file(archive)

    @staticmethod
    def _version_from_hash(
        md5_bytes: bytes,
        serialization_settings: Any,
        default_inputs: dict[str, Any] | None = None,
        *extra: str,
    ) -> str:
        return compute_version(md5_bytes, serialization_settings, default_inputs, *extra)

    # ---------------------------------------------------------------- registration
    def raw_register(
        self,
        cp_entity: registering.SerializedEntity,
        settings: Any = None,
        version: str | None = None,
        create_default_launchplan: bool = True,
        options: Any = None,
        og_entity: Any = None,
    ) -> identifier_pb2.Identifier:
        """Register one serialized entity (a ``TaskSpec``, ``WorkflowSpec`` or ``LaunchPlan``) as it is.

        The spec already carries its identifier; the other arguments exist for flytekit
        compatibility. An identical existing entity is not an error.
        """
        return registering.register_spec(self.client, cp_entity).id

    def register_task(
        self, entity: Any, serialization_settings: Any = None, version: str | None = None
    ) -> FlyteTask:
        """Register a local task (and nothing else); returns it as admin stored it."""
        ident = registering.register_local(
            self, entity, serialization_settings, version, default_launch_plan=False
        )
        return self.fetch_task(ident.project, ident.domain, ident.name, ident.version)

    def register_workflow(
        self,
        entity: Any,
        serialization_settings: Any = None,
        version: str | None = None,
        default_launch_plan: bool = True,
        options: Any = None,
    ) -> FlyteWorkflow:
        """Register a local workflow, every task and subworkflow it calls and its default launch plan
        (``options`` override that launch plan's labels, annotations, raw output prefix, ...)."""
        ident = registering.register_local(
            self, entity, serialization_settings, version, default_launch_plan, options=options
        )
        return self.fetch_workflow(ident.project, ident.domain, ident.name, ident.version)

    def register_launch_plan(
        self,
        entity: Any,
        version: str | None = None,
        project: str | None = None,
        domain: str | None = None,
        options: Any = None,
        serialization_settings: Any = None,
    ) -> FlyteLaunchPlan:
        """Register a local launch plan together with its workflow and that workflow's tasks
        (``options`` override the plan's labels, annotations, raw output prefix, ...)."""
        ident = registering.register_local(
            self,
            entity,
            serialization_settings,
            version,
            default_launch_plan=False,
            project=project,
            domain=domain,
            options=options,
        )
        return self.fetch_launch_plan(ident.project, ident.domain, ident.name, ident.version)

    def register_script(
        self,
        entity: Any,
        image_config: Any = None,
        version: str | None = None,
        project: str | None = None,
        domain: str | None = None,
        destination_dir: str = ".",
        copy_all: bool = False,
        default_launch_plan: bool = True,
        options: Any = None,
        source_path: str | None = None,
        module_name: str | None = None,
        envs: dict[str, str] | None = None,
        default_resources: Any = None,
        fast_package_options: FastPackageOptions | None = None,
    ) -> FlyteTask | FlyteWorkflow | FlyteLaunchPlan:
        """Fast-register the code around ``entity`` and what it reaches (what ``pyflyte run --remote`` does).

        ``options`` override the settings of the launch plans registered; ``module_name`` is accepted
        for flytekit compatibility and not used (the module comes from the entity itself).
        """
        return registering.register_script(
            self,
            entity,
            image_config=image_config,
            version=version,
            project=project,
            domain=domain,
            destination_dir=destination_dir,
            copy_all=copy_all,
            default_launch_plan=default_launch_plan,
            source_path=source_path,
            envs=envs,
            default_resources=default_resources,
            fast_package_options=fast_package_options,
            options=options,
        )

    # ---------------------------------------------------------------- executions
    def execute(
        self,
        entity: Any,
        inputs: dict[str, Any] | None = None,
        project: str | None = None,
        domain: str | None = None,
        name: str | None = None,
        version: str | None = None,
        execution_name: str | None = None,
        execution_name_prefix: str | None = None,
        image_config: Any = None,
        options: Any = None,
        wait: bool = False,
        type_hints: dict[str, Any] | None = None,
        overwrite_cache: bool | None = None,
        interruptible: bool | None = None,
        envs: dict[str, str] | None = None,
        tags: list[str] | None = None,
        cluster_pool: str | None = None,
        execution_cluster_label: str | None = None,
        serialization_settings: Any = None,
    ) -> FlyteWorkflowExecution:
        """Start an execution of a registered or local task, workflow or launch plan.

        Local entities are registered first (at ``version``, or a version derived from their
        content). ``inputs`` are Python values, converted with the entity's declared types.
        """
        target, hints = executing.resolve_target(
            self, entity, project, domain, version, image_config, serialization_settings
        )
        request = executing.ExecutionRequest(
            inputs=inputs or {},
            type_hints={**hints, **(type_hints or {})},
            execution_name=execution_name,
            execution_name_prefix=execution_name_prefix,
            options=options,
            overwrite_cache=overwrite_cache,
            interruptible=interruptible,
            envs=envs,
            tags=tags,
            cluster_pool=cluster_pool,
            execution_cluster_label=execution_cluster_label,
        )
        execution = executing.start(self, target, request, project, domain)
        if wait:
            return self.wait(execution)
        return execution

    def wait(
        self,
        execution: FlyteWorkflowExecution,
        timeout: datetime.timedelta | float | None = None,
        poll_interval: datetime.timedelta | float | None = None,
        sync_nodes: bool = True,
    ) -> FlyteWorkflowExecution:
        """Poll admin until the execution is done, then sync it; raises ``FlyteTimeout`` after ``timeout``.

        Without ``poll_interval`` polls start fast and back off to every 2 seconds, so short
        executions are seen as soon as they finish.
        """
        limit = _seconds(timeout, None)
        interval = _seconds(poll_interval, DEFAULT_POLL_INTERVAL.total_seconds()) or 0.0
        pause = interval if poll_interval is not None else min(FIRST_POLL_INTERVAL, interval)
        deadline = None if limit is None else time.monotonic() + limit
        while True:
            execution.update(self.client.get_execution(execution.id))
            if execution.is_done:
                return self.sync_execution(execution, sync_nodes=sync_nodes)
            if deadline is not None and time.monotonic() >= deadline:
                raise FlyteTimeout(
                    f"Execution {execution.id.project}:{execution.id.domain}:{execution.id.name} did not finish "
                    f"within {limit:g}s; it is {execution.phase_name}."
                )
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            time.sleep(pause if remaining is None else min(pause, remaining))
            pause = min(pause * 2, interval)

    def sync(
        self, execution: FlyteWorkflowExecution, entity_definition: Any = None, sync_nodes: bool = False
    ) -> FlyteWorkflowExecution:
        """Refresh an execution from admin (phase, error, and inputs/outputs once it is done)."""
        return self.sync_execution(execution, entity_definition, sync_nodes)

    def sync_execution(
        self, execution: FlyteWorkflowExecution, entity_definition: Any = None, sync_nodes: bool = False
    ) -> FlyteWorkflowExecution:
        execution.update(self.client.get_execution(execution.id))
        if execution.is_done:
            interface = self._execution_interface(execution, entity_definition)
            data = self.client.get_execution_data(execution.id)
            inputs = LiteralsResolver.from_literal_map(data.full_inputs, dict(interface.inputs.variables))
            outputs = None
            if execution.is_successful:
                outputs = LiteralsResolver.from_literal_map(
                    data.full_outputs, dict(interface.outputs.variables)
                )
            execution.set_data(inputs, outputs)
        if sync_nodes:
            execution.set_node_executions(self._node_executions(execution))
        return execution

    def _node_executions(self, execution: FlyteWorkflowExecution) -> dict[str, FlyteNodeExecution]:
        nodes: dict[str, FlyteNodeExecution] = {}
        token: str | None = None
        while True:
            records, token = self.client.list_node_executions(execution.id, limit=100, token=token)
            for record in records:
                node = FlyteNodeExecution(record)
                launched = record.closure.workflow_node_metadata.executionId
                if launched.name and not record.metadata.is_parent_node:  # a launch plan's child execution
                    child = FlyteWorkflowExecution(self.client.get_execution(launched), remote=self)
                    node.workflow_executions.append(self.sync_execution(child))
                if node.is_done:
                    data = self.client.get_node_execution_data(record.id)
                    node.inputs = LiteralsResolver.from_literal_map(data.full_inputs)
                    node.set_outputs(LiteralsResolver.from_literal_map(data.full_outputs))
                nodes[record.id.node_id] = node
            if not token:
                return nodes

    def _execution_interface(
        self, execution: FlyteWorkflowExecution, entity: Any
    ) -> interface_pb2.TypedInterface:
        """The interface of what an execution ran (given, cached, or fetched by its launch plan id)."""
        declared = getattr(entity, "interface", None) if entity is not None else None
        if hasattr(declared, "to_flyte_idl"):  # a launch plan's flytekit.models.interface.TypedInterface
            declared = declared.to_flyte_idl()  # type: ignore[union-attr]
        if isinstance(declared, interface_pb2.TypedInterface):
            return declared
        ident = execution.spec.launch_plan
        key = (ident.resource_type, ident.project, ident.domain, ident.name, ident.version)
        if key not in self._interfaces:
            if ident.resource_type == identifier_pb2.TASK:
                task = self.client.get_task(ident)
                self._interfaces[key] = task.closure.compiled_task.template.interface
            else:
                launch_plan = self.client.get_launch_plan(ident)
                self._interfaces[key] = interface_from_parameters(
                    launch_plan.closure.expected_inputs, launch_plan.closure.expected_outputs
                )
        return self._interfaces[key]

    def terminate(self, execution: FlyteWorkflowExecution, cause: str) -> None:
        """Ask admin to abort a running execution."""
        self.client.terminate_execution(execution.id, cause)
