"""The ``LaunchPlanSpec`` of a launch plan, field for field as flytekit 1.16 writes it.

Unset settings keep their empty messages (labels, annotations, raw output config, entity metadata
are always present); ``overwrite_cache`` is only written when true; a trigger becomes the packed
``launch_conditions`` of the metadata. ``apply_options`` lays registration ``Options`` over a spec.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flyteidl.admin import common_pb2, launch_plan_pb2, schedule_pb2
from flyteidl.core import identifier_pb2
from flytekit.errors import FlyteValidationException

if TYPE_CHECKING:
    from flytekit.core.launch_plan import LaunchPlan
    from flytekit.core.options import Options


def launch_plan_metadata(entity: LaunchPlan) -> launch_plan_pb2.LaunchPlanMetadata:
    metadata = launch_plan_pb2.LaunchPlanMetadata(
        notifications=[n.to_flyte_idl() for n in entity.notifications],
    )
    if entity.schedule is not None:
        metadata.schedule.CopyFrom(entity.schedule.to_flyte_idl())
    if entity.trigger is not None:
        condition = entity.trigger.to_flyte_idl(entity)
        if isinstance(condition, schedule_pb2.Schedule):
            raise FlyteValidationException(
                f"Launch plan '{entity.name}': a schedule given as trigger= is not supported; pass it as schedule=."
            )
        metadata.launch_conditions.Pack(condition)
    return metadata


def launch_plan_spec(
    entity: LaunchPlan, workflow_id: identifier_pb2.Identifier
) -> launch_plan_pb2.LaunchPlanSpec:
    """The spec of ``entity`` launching the workflow registered as ``workflow_id``."""
    default_inputs, fixed_inputs = entity.to_spec_inputs()
    spec = launch_plan_pb2.LaunchPlanSpec(
        workflow_id=workflow_id,
        entity_metadata=launch_plan_metadata(entity),
        default_inputs=default_inputs,
        fixed_inputs=fixed_inputs,
        labels=entity.labels.to_flyte_idl() if entity.labels is not None else common_pb2.Labels(),
        annotations=entity.annotations.to_flyte_idl()
        if entity.annotations is not None
        else common_pb2.Annotations(),
        raw_output_data_config=entity.raw_output_data_config.to_flyte_idl()
        if entity.raw_output_data_config is not None
        else common_pb2.RawOutputDataConfig(),
    )
    if entity.max_parallelism:
        spec.max_parallelism = entity.max_parallelism
    if entity.security_context is not None:
        spec.security_context.CopyFrom(entity.security_context.to_flyte_idl())
    if entity.overwrite_cache:
        spec.overwrite_cache = True
    if entity.concurrency is not None:
        spec.concurrency_policy.CopyFrom(entity.concurrency.to_flyte_idl())
    return spec


def apply_options(spec: launch_plan_pb2.LaunchPlanSpec, options: Options | None) -> None:
    """Lay registration ``options`` over a launch-plan spec, as flytekit does: each option that is
    set replaces the plan's own value; the security context is merged field by field (run-as,
    secrets, tokens), so a service account alone keeps the plan's secrets."""
    if options is None:
        return
    if options.labels is not None and options.labels.values:
        spec.labels.CopyFrom(options.labels.to_flyte_idl())
    if options.annotations is not None and options.annotations.values:
        spec.annotations.CopyFrom(options.annotations.to_flyte_idl())
    if options.raw_output_data_config is not None:
        spec.raw_output_data_config.CopyFrom(options.raw_output_data_config.to_flyte_idl())
    if options.max_parallelism:
        spec.max_parallelism = options.max_parallelism
    if options.overwrite_cache:
        spec.overwrite_cache = True
    if options.notifications:
        del spec.entity_metadata.notifications[:]
        spec.entity_metadata.notifications.extend(n.to_flyte_idl() for n in options.notifications)
    sc = options.security_context
    if sc is not None:
        if sc.run_as is not None:
            spec.security_context.run_as.CopyFrom(sc.run_as.to_flyte_idl())
        if sc.secrets:
            del spec.security_context.secrets[:]
            spec.security_context.secrets.extend(s.to_flyte_idl() for s in sc.secrets)
        if sc.tokens:
            del spec.security_context.tokens[:]
            spec.security_context.tokens.extend(t.to_flyte_idl() for t in sc.tokens)
        spec.security_context.SetInParent()
