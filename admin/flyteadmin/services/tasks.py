"""Task registration and lookup.

CreateTask checks the request, compiles the template (with the request id written into it), and
stores it once per version: re-registering identical content is ALREADY_EXISTS, different content
under an existing version is INVALID_ARGUMENT with a diff.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from flyteadmin.compiler import CompilationFailed, compile_task
from flyteadmin.errors import AlreadyExists, InvalidArgument
from flyteadmin.repositories import TaskRecord, UnitOfWorkFactory
from flyteadmin.repositories.tasks import describe_identifier
from flyteadmin.services.digests import digest, structural_diff
from flyteadmin.services.listing import named_ids_query, next_token, resource_query
from flyteadmin.services.validation import check_identifier, check_project_domain, require, require_fields
from flyteadmin.settings import AdminSettings
from flyteidl.admin import common_pb2, task_pb2
from flyteidl.core import compiler_pb2, identifier_pb2, tasks_pb2

__all__ = ["TaskService", "task_message"]

logger = logging.getLogger(__name__)


def task_message(record: TaskRecord) -> task_pb2.Task:
    return task_pb2.Task(id=record.id, closure=record.closure, short_description=record.short_description)


def _check_template(template: tasks_pb2.TaskTemplate) -> None:
    require(template.type, "type")
    if not template.HasField("metadata"):
        raise InvalidArgument("missing metadata")
    if template.metadata.HasField("runtime") and not template.metadata.runtime.version:
        raise InvalidArgument("missing runtime version")
    if not template.HasField("interface"):
        raise InvalidArgument("missing typed interface")
    if template.WhichOneof("target") == "container":
        require(template.container.image, "image")


class TaskService:
    def __init__(self, uow: UnitOfWorkFactory, settings: AdminSettings) -> None:
        self._uow = uow
        self._settings = settings

    def create(self, request: task_pb2.TaskCreateRequest) -> None:
        check_identifier(request.id, identifier_pb2.TASK)
        if not request.HasField("spec"):
            raise InvalidArgument("missing spec")
        if not request.spec.HasField("template"):
            raise InvalidArgument("missing template")
        template = tasks_pb2.TaskTemplate()
        template.CopyFrom(request.spec.template)
        template.id.CopyFrom(request.id)
        _check_template(template)
        try:
            compiled = compile_task(template)
        except CompilationFailed as error:
            raise InvalidArgument(
                f"failed to compile task [{describe_identifier(request.id)}] with err: {error.render()}"
            ) from error
        task_digest = digest(compiled)
        closure = task_pb2.TaskClosure(compiled_task=compiled)
        closure.created_at.FromDatetime(datetime.now(UTC))
        short_description = request.spec.description.short_description
        with self._uow(write=True) as uow:
            check_project_domain(uow, request.id.project, request.id.domain, self._settings.domain_ids)
            existing = uow.tasks.find(request.id)
            if existing is not None:
                self._refuse_existing(existing, compiled, task_digest)
            uow.tasks.create(TaskRecord(request.id, closure, task_digest, short_description))
        logger.info("Registered task %s.", describe_identifier(request.id))

    @staticmethod
    def _refuse_existing(existing: TaskRecord, compiled: compiler_pb2.CompiledTask, task_digest: str) -> None:
        if existing.digest == task_digest:
            raise AlreadyExists(
                f"task with identical structure already exists: {describe_identifier(existing.id)}"
            )
        diff = structural_diff(existing.closure.compiled_task, compiled)
        raise InvalidArgument(
            f"{existing.id.name} task with different structure already exists. (Please register a new version "
            f"of the task):\n{diff}"
        )

    def get(self, identifier: identifier_pb2.Identifier) -> task_pb2.Task:
        require_fields(identifier, "project", "domain", "name", "version")
        with self._uow() as uow:
            return task_message(uow.tasks.get(identifier))

    def list_tasks(self, request: common_pb2.ResourceListRequest) -> task_pb2.TaskList:
        query = resource_query(request, "ListTasks")
        with self._uow() as uow:
            records = uow.tasks.list_page(query)
        return task_pb2.TaskList(tasks=[task_message(r) for r in records], token=next_token(query, records))

    def list_ids(
        self, request: common_pb2.NamedEntityIdentifierListRequest
    ) -> common_pb2.NamedEntityIdentifierList:
        query = named_ids_query(request, "ListTaskIds")
        with self._uow() as uow:
            ids = uow.tasks.list_ids(query)
        return common_pb2.NamedEntityIdentifierList(entities=ids, token=next_token(query, ids))
