"""Workflow registration and lookup.

CreateWorkflow loads the tasks and launch plans the workflow refers to (a missing one fails the
registration, naming it), compiles the workflow, and stores the compiled ``admin.WorkflowClosure``
in the blob store at ``<base>/metadata/admin/<project>/<domain>/<name>/<version>``; the database row
keeps its URI, interface and digest. Identical re-registration is ALREADY_EXISTS, different content
INVALID_ARGUMENT, both with a ``CreateWorkflowFailureReason`` detail.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from flyteadmin.compiler import (
    CompilationFailed,
    LaunchPlanInterface,
    compile_workflow,
    identifier_key,
    missing_sub_workflows,
    referenced_entities,
)
from flyteadmin.errors import AlreadyExists, InternalError, InvalidArgument, NotFound
from flyteadmin.repositories import UnitOfWork, UnitOfWorkFactory, WorkflowRecord
from flyteadmin.repositories.tasks import describe_identifier
from flyteadmin.services.digests import digest, structural_diff
from flyteadmin.services.listing import named_ids_query, next_token, resource_query
from flyteadmin.services.validation import check_identifier, check_project_domain, require_fields
from flyteadmin.settings import AdminSettings
from flyteidl.admin import common_pb2, workflow_pb2
from flyteidl.core import compiler_pb2, identifier_pb2, tasks_pb2
from flytestdlib import errors as stdlib_errors
from flytestdlib.storage import BlobStore, read_proto, write_proto

__all__ = ["WorkflowService"]

logger = logging.getLogger(__name__)


class WorkflowService:
    def __init__(self, uow: UnitOfWorkFactory, store: BlobStore, settings: AdminSettings) -> None:
        self._uow = uow
        self._store = store
        self._settings = settings

    def closure_uri(self, identifier: identifier_pb2.Identifier) -> str:
        return self._store.join(
            "metadata", "admin", identifier.project, identifier.domain, identifier.name, identifier.version
        )

    def read_closure(self, record: WorkflowRecord) -> workflow_pb2.WorkflowClosure:
        """The compiled closure of a registered workflow, from the blob store."""
        try:
            return read_proto(self._store, record.closure_uri, workflow_pb2.WorkflowClosure)
        except stdlib_errors.StorageError as error:
            raise InternalError(
                f"The compiled closure of workflow {describe_identifier(record.id)} cannot be read from "
                f"{record.closure_uri}: {error}"
            ) from error

    def compile(
        self, uow: UnitOfWork, spec: workflow_pb2.WorkflowSpec
    ) -> compiler_pb2.CompiledWorkflowClosure:
        """Compile ``spec`` against the registered tasks and launch plans it refers to."""
        template = spec.template
        where = describe_identifier(template.id)
        task_ids, launch_plan_ids = referenced_entities([template, *spec.sub_workflows])
        tasks: dict[str, tasks_pb2.TaskTemplate] = {}
        launch_plans: dict[str, LaunchPlanInterface] = {}
        try:
            for task_id in task_ids:
                tasks[identifier_key(task_id)] = uow.tasks.get(task_id).closure.compiled_task.template
            for launch_plan_id in launch_plan_ids:
                closure = uow.launch_plans.get(launch_plan_id).closure
                launch_plans[identifier_key(launch_plan_id)] = LaunchPlanInterface(
                    closure.expected_inputs, closure.expected_outputs
                )
            registered = self._registered_sub_workflows(uow, spec)
            return compile_workflow(template, list(spec.sub_workflows), tasks, launch_plans, registered)
        except NotFound as error:
            raise InvalidArgument(
                f"failed to compile workflow for [{where}] with err: {error.message}"
            ) from error
        except CompilationFailed as error:
            raise InvalidArgument(
                f"failed to compile workflow for [{where}] with err: {error.render()}"
            ) from error

    def _registered_sub_workflows(
        self, uow: UnitOfWork, spec: workflow_pb2.WorkflowSpec
    ) -> dict[str, compiler_pb2.CompiledWorkflowClosure]:
        """Compiled closures of registered workflows that nodes use as subworkflows without the spec
        embedding them (flytekit leaves out those of nested branch arms); unknown ones stay missing
        and the compiler reports them."""
        found: dict[str, compiler_pb2.CompiledWorkflowClosure] = {}
        for identifier in missing_sub_workflows(spec.template, spec.sub_workflows):
            record = uow.workflows.find(identifier)
            if record is not None:
                found[identifier_key(identifier)] = self.read_closure(record).compiled_workflow
        return found

    def create(self, request: workflow_pb2.WorkflowCreateRequest) -> None:
        check_identifier(request.id, identifier_pb2.WORKFLOW)
        if not request.HasField("spec") or not request.spec.HasField("template"):
            raise InvalidArgument("missing spec")
        spec = workflow_pb2.WorkflowSpec()
        spec.CopyFrom(request.spec)
        spec.template.id.CopyFrom(request.id)
        with self._uow() as uow:
            check_project_domain(uow, request.id.project, request.id.domain, self._settings.domain_ids)
            compiled = self.compile(uow, spec)
            existing = uow.workflows.find(request.id)
        workflow_digest = digest(compiled)
        if existing is not None:
            self._refuse_existing(existing, compiled, workflow_digest)
        now = datetime.now(UTC)
        closure = workflow_pb2.WorkflowClosure(compiled_workflow=compiled)
        closure.created_at.FromDatetime(now)
        uri = self.closure_uri(request.id)
        write_proto(self._store, uri, closure)
        with self._uow(write=True) as uow:
            uow.workflows.create(
                WorkflowRecord(
                    id=request.id,
                    typed_interface=spec.template.interface,
                    closure_uri=uri,
                    digest=workflow_digest,
                    created_at=now,
                    short_description=spec.description.short_description,
                )
            )
        logger.info("Registered workflow %s.", describe_identifier(request.id))

    def _refuse_existing(
        self, existing: WorkflowRecord, compiled: compiler_pb2.CompiledWorkflowClosure, workflow_digest: str
    ) -> None:
        if existing.digest == workflow_digest:
            raise AlreadyExists(
                f"workflow with identical structure already exists: {describe_identifier(existing.id)}",
                details=[
                    workflow_pb2.CreateWorkflowFailureReason(
                        exists_identical_structure=workflow_pb2.WorkflowErrorExistsIdenticalStructure(
                            id=existing.id
                        )
                    )
                ],
            )
        old = self.read_closure(existing).compiled_workflow
        raise InvalidArgument(
            f"{existing.id.name} workflow with different structure already exists. (Please register a new "
            f"version of the workflow):\n{structural_diff(old, compiled)}",
            details=[
                workflow_pb2.CreateWorkflowFailureReason(
                    exists_different_structure=workflow_pb2.WorkflowErrorExistsDifferentStructure(
                        id=existing.id
                    )
                )
            ],
        )

    def get(self, identifier: identifier_pb2.Identifier) -> workflow_pb2.Workflow:
        require_fields(identifier, "project", "domain", "name", "version")
        with self._uow() as uow:
            record = uow.workflows.get(identifier)
        return workflow_pb2.Workflow(
            id=record.id, closure=self.read_closure(record), short_description=record.short_description
        )

    def list_workflows(self, request: common_pb2.ResourceListRequest) -> workflow_pb2.WorkflowList:
        query = resource_query(request, "ListWorkflows")
        with self._uow() as uow:
            records = uow.workflows.list_page(query)
        workflows = []
        for record in records:
            # Lists carry only the interface and creation time; GetWorkflow returns the full closure.
            closure = workflow_pb2.WorkflowClosure()
            closure.created_at.FromDatetime(record.created_at)
            closure.compiled_workflow.primary.template.interface.CopyFrom(record.typed_interface)
            workflows.append(
                workflow_pb2.Workflow(
                    id=record.id, closure=closure, short_description=record.short_description
                )
            )
        return workflow_pb2.WorkflowList(workflows=workflows, token=next_token(query, records))

    def list_ids(
        self, request: common_pb2.NamedEntityIdentifierListRequest
    ) -> common_pb2.NamedEntityIdentifierList:
        query = named_ids_query(request, "ListWorkflowIds")
        with self._uow() as uow:
            ids = uow.workflows.list_ids(query)
        return common_pb2.NamedEntityIdentifierList(entities=ids, token=next_token(query, ids))
