"""Launch-plan registration, activation and lookup.

CreateLaunchPlan resolves the workflow, computes the expected inputs (defaults, fixed inputs,
required parameters) and outputs, rewrites ``spec.default_inputs`` to the expected inputs as Flyte
does, and stores the plan INACTIVE. UpdateLaunchPlan(ACTIVE) deactivates the previously active
version of the same name. Executions may be launched from inactive launch plans.
"""

from __future__ import annotations

import logging

from flyteadmin.compiler import expected_interface
from flyteadmin.errors import AlreadyExists, InvalidArgument, NotFound
from flyteadmin.repositories import LaunchPlanRecord, ListQuery, UnitOfWorkFactory
from flyteadmin.repositories.tasks import describe_identifier
from flyteadmin.services.digests import digest, structural_diff
from flyteadmin.services.listing import build_query, named_ids_query, next_token, resource_query
from flyteadmin.services.validation import (
    check_identifier,
    check_labels,
    check_project_domain,
    require,
    require_fields,
)
from flyteadmin.settings import AdminSettings
from flyteidl.admin import common_pb2, launch_plan_pb2
from flyteidl.core import identifier_pb2

__all__ = ["LaunchPlanService", "launch_plan_message"]

logger = logging.getLogger(__name__)


def launch_plan_message(record: LaunchPlanRecord) -> launch_plan_pb2.LaunchPlan:
    return launch_plan_pb2.LaunchPlan(id=record.id, spec=record.spec, closure=record.closure)


def _digest(
    identifier: identifier_pb2.Identifier,
    spec: launch_plan_pb2.LaunchPlanSpec,
    closure: launch_plan_pb2.LaunchPlanClosure,
) -> str:
    return digest(launch_plan_pb2.LaunchPlan(id=identifier, spec=spec, closure=closure))


class LaunchPlanService:
    def __init__(self, uow: UnitOfWorkFactory, settings: AdminSettings) -> None:
        self._uow = uow
        self._settings = settings

    def create(self, request: launch_plan_pb2.LaunchPlanCreateRequest) -> None:
        check_identifier(request.id, identifier_pb2.LAUNCH_PLAN)
        if not request.HasField("spec"):
            raise InvalidArgument("missing spec")
        spec = launch_plan_pb2.LaunchPlanSpec()
        spec.CopyFrom(request.spec)
        check_identifier(spec.workflow_id, identifier_pb2.WORKFLOW, what="workflow_id")
        check_labels(spec.labels.values)
        if spec.entity_metadata.HasField("launch_conditions"):
            raise InvalidArgument("launch_conditions are not supported; remove them from the launch plan.")
        with self._uow(write=True) as uow:
            check_project_domain(uow, request.id.project, request.id.domain, self._settings.domain_ids)
            workflow = uow.workflows.get(spec.workflow_id)
            expected_inputs, expected_outputs = expected_interface(workflow.typed_interface, spec)
            spec.default_inputs.CopyFrom(expected_inputs)
            closure = launch_plan_pb2.LaunchPlanClosure(
                expected_inputs=expected_inputs, expected_outputs=expected_outputs
            )
            plan_digest = _digest(request.id, spec, closure)
            existing = uow.launch_plans.find(request.id)
            if existing is not None:
                if existing.digest == plan_digest:
                    raise AlreadyExists(
                        f"launch plan with identical structure already exists: {describe_identifier(request.id)}"
                    )
                diff = structural_diff(existing.spec, spec)
                raise InvalidArgument(
                    f"{request.id.name} launch plan with different structure already exists. (Please register "
                    f"a new version of the launch plan):\n{diff}"
                )
            assert workflow.db_id is not None
            uow.launch_plans.create(
                LaunchPlanRecord(
                    id=request.id,
                    spec=spec,
                    closure=closure,
                    workflow_db_id=workflow.db_id,
                    digest=plan_digest,
                    state=launch_plan_pb2.INACTIVE,
                )
            )
        logger.info("Registered launch plan %s.", describe_identifier(request.id))

    def get(self, identifier: identifier_pb2.Identifier) -> launch_plan_pb2.LaunchPlan:
        check_identifier(identifier, identifier_pb2.LAUNCH_PLAN)
        with self._uow() as uow:
            return launch_plan_message(uow.launch_plans.get(identifier))

    def update(self, request: launch_plan_pb2.LaunchPlanUpdateRequest) -> None:
        check_identifier(request.id, identifier_pb2.LAUNCH_PLAN)
        if request.state not in (launch_plan_pb2.ACTIVE, launch_plan_pb2.INACTIVE):
            raise InvalidArgument(f"invalid value for state: {request.state}; use ACTIVE or INACTIVE.")
        with self._uow(write=True) as uow:
            record = uow.launch_plans.get(request.id)
            assert record.db_id is not None
            if request.state == launch_plan_pb2.ACTIVE:
                active = uow.launch_plans.find_active(
                    common_pb2.NamedEntityIdentifier(
                        project=request.id.project, domain=request.id.domain, name=request.id.name
                    )
                )
                if active is not None and active.db_id != record.db_id:
                    assert active.db_id is not None
                    uow.launch_plans.set_state(active.db_id, launch_plan_pb2.INACTIVE)
            uow.launch_plans.set_state(record.db_id, request.state)
        logger.info(
            "Set launch plan %s %s.",
            describe_identifier(request.id),
            launch_plan_pb2.LaunchPlanState.Name(request.state),
        )

    def get_active(self, request: launch_plan_pb2.ActiveLaunchPlanRequest) -> launch_plan_pb2.LaunchPlan:
        require_fields(request.id, "project", "domain", "name")
        with self._uow() as uow:
            record = uow.launch_plans.find_active(request.id)
        if record is None:
            raise NotFound(
                f"No active launch plan could be found: {request.id.project}:{request.id.domain}:{request.id.name}; "
                "activate a version with UpdateLaunchPlan."
            )
        return launch_plan_message(record)

    def list_launch_plans(self, request: common_pb2.ResourceListRequest) -> launch_plan_pb2.LaunchPlanList:
        query = resource_query(request, "ListLaunchPlans")
        return self._page(query)

    def list_active(
        self, request: launch_plan_pb2.ActiveLaunchPlanListRequest
    ) -> launch_plan_pb2.LaunchPlanList:
        require(request.project, "project")
        require(request.domain, "domain")
        query = build_query(
            rpc="ListActiveLaunchPlans",
            limit=request.limit,
            token=request.token,
            sort_by=request.sort_by if request.HasField("sort_by") else None,
            scope={"project": request.project, "domain": request.domain, "state": launch_plan_pb2.ACTIVE},
        )
        return self._page(query)

    def _page(self, query: ListQuery) -> launch_plan_pb2.LaunchPlanList:
        with self._uow() as uow:
            records = uow.launch_plans.list_page(query)
        return launch_plan_pb2.LaunchPlanList(
            launch_plans=[launch_plan_message(r) for r in records], token=next_token(query, records)
        )

    def list_ids(
        self, request: common_pb2.NamedEntityIdentifierListRequest
    ) -> common_pb2.NamedEntityIdentifierList:
        query = named_ids_query(request, "ListLaunchPlanIds")
        with self._uow() as uow:
            ids = uow.launch_plans.list_ids(query)
        return common_pb2.NamedEntityIdentifierList(entities=ids, token=next_token(query, ids))
