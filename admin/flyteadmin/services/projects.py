"""Projects and domains: register, list, get, update, and the configured domain list.

Domains come from settings and are attached to every project returned. Projects named in
``settings.seed_projects`` are created at start-up when missing (``seed``).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from flyteadmin.errors import InvalidArgument
from flyteadmin.repositories import ProjectRecord, SortOrder, UnitOfWorkFactory, UserFilter
from flyteadmin.services.listing import build_query, next_token
from flyteadmin.services.validation import check_dns_label, check_labels, require
from flyteadmin.settings import AdminSettings
from flyteidl.admin import project_pb2

__all__ = ["ProjectService"]

logger = logging.getLogger(__name__)

_ARCHIVED = project_pb2.Project.ARCHIVED


class ProjectService:
    def __init__(self, uow: UnitOfWorkFactory, settings: AdminSettings) -> None:
        self._uow = uow
        self._settings = settings

    def domains(self) -> list[project_pb2.Domain]:
        return [project_pb2.Domain(id=domain.id, name=domain.name) for domain in self._settings.domains]

    def _with_domains(self, project: project_pb2.Project) -> project_pb2.Project:
        result = project_pb2.Project()
        result.CopyFrom(project)
        del result.domains[:]
        result.domains.extend(self.domains())
        return result

    def _check(self, project: project_pb2.Project) -> None:
        require(project.id, "project_id")
        check_dns_label(project.id, "project_id")
        require(project.name, "project_name")
        if len(project.name) > 64:
            raise InvalidArgument("invalid value for project_name: at most 64 characters are allowed.")
        if len(project.description) > 300:
            raise InvalidArgument(
                "invalid value for project_description: at most 300 characters are allowed."
            )
        check_labels(project.labels.values, "project_labels")

    def register(self, project: project_pb2.Project) -> None:
        self._check(project)
        if project.domains:
            raise InvalidArgument(
                "Domains are currently only set system wide. Please retry without domains included in your "
                "request."
            )
        with self._uow(write=True) as uow:
            uow.projects.create(ProjectRecord(project=project))
        logger.info("Registered project %s.", project.id)

    def update(self, project: project_pb2.Project) -> None:
        self._check(project)
        with self._uow(write=True) as uow:
            uow.projects.get(project.id)
            uow.projects.update(ProjectRecord(project=project))
        logger.info(
            "Updated project %s (state %s).", project.id, project_pb2.Project.ProjectState.Name(project.state)
        )

    def get(self, project_id: str) -> project_pb2.Project:
        require(project_id, "project_id")
        with self._uow() as uow:
            return self._with_domains(uow.projects.get(project_id).project)

    def list_projects(self, request: project_pb2.ProjectListRequest) -> project_pb2.Projects:
        sort_by = request.sort_by if request.HasField("sort_by") and request.sort_by.key else None
        # Without filters archived projects are hidden; with filters the caller decides.
        hide_archived = () if request.filters else (UserFilter("ne", None, "state", (str(_ARCHIVED),)),)
        query = build_query(
            rpc="ListProjects",
            limit=request.limit,
            token=request.token,
            filters=request.filters,
            sort_by=sort_by,
            limit_required=False,
            extra_filters=hide_archived,
        )
        if sort_by is None:
            query = replace(query, sort=SortOrder("identifier", ascending=True))
        with self._uow() as uow:
            records = uow.projects.list_page(query)
        return project_pb2.Projects(
            projects=[self._with_domains(record.project) for record in records],
            token=next_token(query, records),
        )

    def seed(self, project_ids: list[str]) -> None:
        """Create each project (named after its id) that does not exist yet."""
        with self._uow(write=True) as uow:
            for project_id in project_ids:
                if uow.projects.find(project_id) is None:
                    uow.projects.create(
                        ProjectRecord(project=project_pb2.Project(id=project_id, name=project_id))
                    )
                    logger.info("Created project %s.", project_id)
