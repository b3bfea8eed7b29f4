"""Workflow executions: create, get, list, terminate, and their data.

CreateExecution resolves the launch plan (or, for a task id, the generated single-task launch
plan), checks and merges the inputs, writes them to ``<base>/metadata/<project>/<domain>/<name>/inputs``
(and the raw user inputs next to them as ``user_inputs``), records the execution (phase UNDEFINED;
a duplicate name is ALREADY_EXISTS) and hands it to the ``WorkflowExecutor``. If the engine refuses
it, the execution stays recorded as FAILED with the engine's error. After that, only events change
the phase (``services.workflow_events``).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import replace
from datetime import UTC, datetime

from flyteadmin.errors import AdminError, AlreadyExists, FailedPrecondition, InvalidArgument, grpc_code_name
from flyteadmin.executors import ExecutionRequestData, WorkflowExecutor
from flyteadmin.repositories import ExecutionRecord, LaunchPlanRecord, UnitOfWorkFactory, UserFilter
from flyteadmin.repositories.executions import describe_execution
from flyteadmin.services.data import DataAccess
from flyteadmin.services.inputs import resolve_inputs
from flyteadmin.services.launch_plans import LaunchPlanService
from flyteadmin.services.listing import next_token, parse_filters, request_query, shorten_error
from flyteadmin.services.phases import WORKFLOW_TERMINAL, workflow_phase_name
from flyteadmin.services.single_task import ensure_single_task_launch_plan
from flyteadmin.services.validation import (
    check_execution_name,
    check_labels,
    check_project_domain,
    require,
    require_execution_id,
    require_fields,
)
from flyteadmin.services.workflows import WorkflowService
from flyteadmin.settings import AdminSettings
from flyteidl.admin import common_pb2, event_pb2, execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2

__all__ = ["ExecutionService", "generate_execution_name"]

logger = logging.getLogger(__name__)

_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
_PHASE = core_execution_pb2.WorkflowExecution


def generate_execution_name() -> str:
    """``a`` followed by 19 random characters, like Flyte's generated names."""
    return "a" + "".join(secrets.choice(_NAME_ALPHABET) for _ in range(19))


class ExecutionService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        settings: AdminSettings,
        data: DataAccess,
        executor: WorkflowExecutor,
        workflows: WorkflowService,
        launch_plans: LaunchPlanService,
    ) -> None:
        self._uow = uow
        self._settings = settings
        self._data = data
        self._executor = executor
        self._workflows = workflows
        self._launch_plans = launch_plans

    # -- create ----------------------------------------------------------------------------------

    def create(
        self, request: execution_pb2.ExecutionCreateRequest
    ) -> identifier_pb2.WorkflowExecutionIdentifier:
        require(request.project, "project")
        require(request.domain, "domain")
        if request.name:
            check_execution_name(request.name)
        if not request.HasField("spec"):
            raise InvalidArgument("missing spec")
        spec = execution_pb2.ExecutionSpec()
        spec.CopyFrom(request.spec)
        user_inputs = request.inputs if request.inputs.literals else spec.inputs
        target = spec.launch_plan
        require_fields(target, "project", "domain", "name", "version", prefix="launch_plan.")
        if target.resource_type not in (identifier_pb2.LAUNCH_PLAN, identifier_pb2.TASK):
            raise InvalidArgument(
                f"invalid value for launch_plan.resource_type: executions start from a LAUNCH_PLAN or a TASK, "
                f"not {identifier_pb2.ResourceType.Name(target.resource_type)}."
            )
        check_labels(spec.labels.values)

        task_db_id: int | None = None
        with self._uow() as uow:
            check_project_domain(uow, request.project, request.domain, self._settings.domain_ids)
            parent_execution = spec.metadata.parent_node_execution.execution_id
            if parent_execution.name:  # a child of a launch-plan node: one level deeper than its parent
                parent = uow.executions.get(parent_execution)
                spec.metadata.nesting = parent.spec.metadata.nesting + 1
            if target.resource_type == identifier_pb2.TASK:
                task = uow.tasks.get(target)
                task_db_id = task.db_id
        if task_db_id is not None:
            launch_plan_id = ensure_single_task_launch_plan(
                task, self._uow, self._workflows, self._launch_plans
            )
        else:
            launch_plan_id = target
        with self._uow() as uow:
            launch_plan = uow.launch_plans.get(launch_plan_id)
            workflow = uow.workflows.find_by_db_id(launch_plan.workflow_db_id)
        assert workflow is not None, "launch plans always reference a stored workflow"
        inputs = resolve_inputs(
            launch_plan.closure.expected_inputs, launch_plan.spec.fixed_inputs, user_inputs
        )
        closure = self._workflows.read_closure(workflow).compiled_workflow

        name = request.name or generate_execution_name()
        execution_id = identifier_pb2.WorkflowExecutionIdentifier(
            project=request.project, domain=request.domain, name=name
        )
        namespace = self._settings.namespace(request.project, request.domain)
        self._complete_spec(spec, launch_plan, namespace)
        now = datetime.now(UTC)
        execution_closure = execution_pb2.ExecutionClosure(
            phase=_PHASE.UNDEFINED,
            workflow_id=workflow.id,
            notifications=self._notifications(spec, launch_plan),
        )
        execution_closure.created_at.FromDatetime(now)
        execution_closure.updated_at.FromDatetime(now)
        execution_closure.state_change_details.state = execution_pb2.EXECUTION_ACTIVE
        execution_closure.state_change_details.occurred_at.FromDatetime(now)

        with self._uow() as uow:  # refuse duplicates before touching the existing execution's blobs
            if uow.executions.find(execution_id) is not None:
                raise AlreadyExists(
                    f"Execution {describe_execution(execution_id)} already exists; choose another name or "
                    "omit it to get a generated one."
                )
        metadata_dir = ("metadata", request.project, request.domain, name)
        inputs_uri = self._data.offload(self._data.store.join(*metadata_dir, "inputs"), inputs)
        user_inputs_uri = self._data.offload(self._data.store.join(*metadata_dir, "user_inputs"), user_inputs)
        record = ExecutionRecord(
            id=execution_id,
            spec=spec,
            closure=execution_closure,
            launch_plan_db_id=None if task_db_id is not None else launch_plan.db_id,
            workflow_db_id=workflow.db_id,
            task_db_id=task_db_id,
            inputs_uri=inputs_uri,
            user_inputs_uri=user_inputs_uri,
            launch_entity="task" if task_db_id is not None else "launch_plan",
        )
        with self._uow(write=True) as uow:
            record = uow.executions.create(record)
        logger.info("Created execution %s of %s.", describe_execution(execution_id), launch_plan_id.name)

        raw_output_prefix = (
            spec.raw_output_data_config.output_location_prefix
            or self._settings.raw_output_prefix
            or self._data.store.join("raw")
        )
        try:
            self._executor.execute(
                ExecutionRequestData(
                    execution_id=execution_id,
                    closure=closure,
                    inputs=inputs,
                    launch_plan_id=launch_plan.id,
                    namespace=namespace,
                    raw_output_prefix=raw_output_prefix,
                    accepted_at=now,
                    max_parallelism=spec.max_parallelism,
                    labels=dict(spec.labels.values),
                    annotations=dict(spec.annotations.values),
                    security_context=spec.security_context,
                    interruptible=spec.interruptible.value if spec.HasField("interruptible") else None,
                    overwrite_cache=spec.overwrite_cache,
                    envs={pair.key: pair.value for pair in spec.envs.values},
                    event_version=self._settings.event_version,
                    recovery_execution=(
                        spec.metadata.reference_execution
                        if spec.metadata.mode == execution_pb2.ExecutionMetadata.RECOVERED
                        and spec.metadata.reference_execution.name
                        else None
                    ),
                )
            )
        except Exception as error:  # the engine refused: keep the execution, as FAILED
            logger.exception("The engine refused execution %s.", describe_execution(execution_id))
            self._record_engine_failure(record, error)
        return execution_id

    def _complete_spec(
        self, spec: execution_pb2.ExecutionSpec, launch_plan: LaunchPlanRecord, namespace: str
    ) -> None:
        """Fill what the request left open from the launch plan, then from admin's defaults."""
        plan = launch_plan.spec
        if not spec.max_parallelism:
            spec.max_parallelism = plan.max_parallelism or self._settings.max_parallelism
        if (
            not spec.raw_output_data_config.output_location_prefix
            and plan.raw_output_data_config.output_location_prefix
        ):
            spec.raw_output_data_config.CopyFrom(plan.raw_output_data_config)
        if not spec.labels.values and plan.labels.values:
            spec.labels.CopyFrom(plan.labels)
        if not spec.annotations.values and plan.annotations.values:
            spec.annotations.CopyFrom(plan.annotations)
        if not spec.HasField("interruptible") and plan.HasField("interruptible"):
            spec.interruptible.CopyFrom(plan.interruptible)
        if not spec.overwrite_cache:
            spec.overwrite_cache = plan.overwrite_cache
        if not spec.envs.values and plan.envs.values:
            spec.envs.CopyFrom(plan.envs)
        if not spec.HasField("security_context") and plan.HasField("security_context"):
            spec.security_context.CopyFrom(plan.security_context)
        spec.metadata.principal = ""  # no authentication: there is no principal
        spec.metadata.system_metadata.namespace = namespace

    @staticmethod
    def _notifications(
        spec: execution_pb2.ExecutionSpec, launch_plan: LaunchPlanRecord
    ) -> list[common_pb2.Notification]:
        if spec.WhichOneof("notification_overrides") == "notifications":
            return list(spec.notifications.notifications)
        if spec.disable_all:
            return []
        return list(launch_plan.spec.entity_metadata.notifications)

    def _record_engine_failure(self, record: ExecutionRecord, error: Exception) -> None:
        code_name = grpc_code_name(error)
        code = "".join(word.capitalize() for word in code_name.split("_"))  # Go's rendering: "Internal"
        closure = execution_pb2.ExecutionClosure()
        closure.CopyFrom(record.closure)
        closure.phase = _PHASE.FAILED
        kind = (
            core_execution_pb2.ExecutionError.USER
            if code_name == "INVALID_ARGUMENT"
            else core_execution_pb2.ExecutionError.SYSTEM
        )
        message = error.message if isinstance(error, AdminError) else str(error)
        closure.error.CopyFrom(core_execution_pb2.ExecutionError(code=code, message=message, kind=kind))
        closure.updated_at.FromDatetime(datetime.now(UTC))
        with self._uow(write=True) as uow:
            current = uow.executions.get(record.id, for_update=True)
            uow.executions.update(replace(current, closure=closure))

    # -- relaunch and recover --------------------------------------------------------------------

    def relaunch(
        self, request: execution_pb2.ExecutionRelaunchRequest
    ) -> identifier_pb2.WorkflowExecutionIdentifier:
        """A new execution of the same launch plan with the same user inputs and options."""
        return self._rerun(
            request.id, request.name, execution_pb2.ExecutionMetadata.RELAUNCH, request.overwrite_cache
        )

    def recover(
        self, request: execution_pb2.ExecutionRecoverRequest
    ) -> identifier_pb2.WorkflowExecutionIdentifier:
        """Like relaunch, marked RECOVERED with the original as reference execution."""
        return self._rerun(
            request.id,
            request.name,
            execution_pb2.ExecutionMetadata.RECOVERED,
            False,
            parent=request.metadata.parent_node_execution if request.HasField("metadata") else None,
        )

    def _rerun(
        self,
        original_id: identifier_pb2.WorkflowExecutionIdentifier,
        name: str,
        mode: int,
        overwrite_cache: bool,
        *,
        parent: identifier_pb2.NodeExecutionIdentifier | None = None,
    ) -> identifier_pb2.WorkflowExecutionIdentifier:
        require_execution_id(original_id)
        with self._uow() as uow:
            original = uow.executions.get(original_id)
        spec = execution_pb2.ExecutionSpec()
        spec.CopyFrom(original.spec)
        spec.ClearField("inputs")
        spec.metadata.mode = mode  # type: ignore[assignment]
        spec.metadata.reference_execution.CopyFrom(original_id)
        spec.metadata.ClearField("parent_node_execution")
        if parent is not None and parent.execution_id.name:
            spec.metadata.parent_node_execution.CopyFrom(parent)  # a recovered child execution
        if overwrite_cache:
            spec.overwrite_cache = True
        user_inputs = self._data.read_literal_map(original.user_inputs_uri)
        return self.create(
            execution_pb2.ExecutionCreateRequest(
                project=original_id.project,
                domain=original_id.domain,
                name=name,
                spec=spec,
                inputs=user_inputs,
            )
        )

    # -- read ------------------------------------------------------------------------------------

    def get(self, identifier: identifier_pb2.WorkflowExecutionIdentifier) -> execution_pb2.Execution:
        require_execution_id(identifier)
        with self._uow() as uow:
            record = uow.executions.get(identifier)
        return self._message(record)

    def _message(self, record: ExecutionRecord) -> execution_pb2.Execution:
        execution = execution_pb2.Execution(id=record.id, spec=record.spec, closure=record.closure)
        if not execution.spec.metadata.system_metadata.namespace:
            execution.spec.metadata.system_metadata.namespace = self._settings.namespace(
                record.id.project, record.id.domain
            )
        closure = execution.closure
        if (
            closure.phase == _PHASE.ABORTED
            and closure.WhichOneof("output_result") is None
            and record.abort_cause
        ):
            closure.abort_metadata.cause = record.abort_cause
        return execution

    def list_executions(self, request: common_pb2.ResourceListRequest) -> execution_pb2.ExecutionList:
        require(request.id.project, "project")
        require(request.id.domain, "domain")
        scope: dict[str, object] = {
            "execution_project": request.id.project,
            "execution_domain": request.id.domain,
        }
        if request.id.name:
            scope["execution_name"] = request.id.name
        # Archived executions are hidden unless the caller filters on state itself.
        hide_archived = "state" not in {flt.field for flt in parse_filters(request.filters)}
        query = request_query(
            request,
            rpc="ListExecutions",
            scope=scope,
            extra_filters=(
                (UserFilter("eq", None, "state", (str(execution_pb2.EXECUTION_ACTIVE),)),)
                if hide_archived
                else ()
            ),
        )
        with self._uow() as uow:
            records = uow.executions.list_page(query)
        executions = []
        for record in records:
            execution = self._message(record)
            execution.spec.ClearField("inputs")
            execution.closure.ClearField("computed_inputs")
            shorten_error(execution.closure)
            executions.append(execution)
        return execution_pb2.ExecutionList(executions=executions, token=next_token(query, records))

    def get_data(
        self, identifier: identifier_pb2.WorkflowExecutionIdentifier
    ) -> execution_pb2.WorkflowExecutionGetDataResponse:
        require_execution_id(identifier)
        with self._uow() as uow:
            record = uow.executions.get(identifier)
        response = execution_pb2.WorkflowExecutionGetDataResponse()
        response.full_inputs.CopyFrom(self._data.read_literal_map(record.inputs_uri))
        closure = record.closure
        result = closure.WhichOneof("output_result")
        if result == "outputs":
            if closure.outputs.WhichOneof("data") == "values":
                response.full_outputs.CopyFrom(closure.outputs.values)
            else:
                response.full_outputs.CopyFrom(self._data.read_literal_map(closure.outputs.uri))
        elif result == "output_data":
            response.full_outputs.CopyFrom(closure.output_data)
        return response

    # -- terminate -------------------------------------------------------------------------------

    def terminate(self, request: execution_pb2.ExecutionTerminateRequest) -> None:
        require_execution_id(request.id)
        with self._uow(write=True) as uow:
            record = uow.executions.get(request.id, for_update=True)
            phase = record.closure.phase
            if phase in WORKFLOW_TERMINAL:
                raise FailedPrecondition(
                    f"Cannot abort an already terminated workflow execution: {describe_execution(request.id)} is "
                    f"{workflow_phase_name(phase)}; only running executions can be aborted.",
                    details=[
                        event_pb2.EventFailureReason(
                            already_in_terminal_state=event_pb2.EventErrorAlreadyInTerminalState(
                                current_phase=workflow_phase_name(phase)
                            )
                        )
                    ],
                )
            closure = execution_pb2.ExecutionClosure()
            closure.CopyFrom(record.closure)
            closure.abort_metadata.CopyFrom(execution_pb2.AbortMetadata(cause=request.cause))
            closure.phase = _PHASE.ABORTING
            closure.updated_at.FromDatetime(datetime.now(UTC))
            uow.executions.update(replace(record, closure=closure, abort_cause=request.cause))
        self._executor.abort(request.id, request.cause)
        logger.info("Aborting execution %s: %s", describe_execution(request.id), request.cause)
