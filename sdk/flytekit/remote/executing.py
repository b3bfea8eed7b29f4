"""Starting executions: from an entity and Python inputs to ``CreateExecution``.

``resolve_target`` turns what the user passed (a fetched ``FlyteTask`` / ``FlyteWorkflow`` /
``FlyteLaunchPlan`` or a local Python entity, registered on the fly) into the registered entity to
launch. ``start`` converts the inputs with the type engine against the declared interface,
builds the ``ExecutionSpec`` and creates the execution. Tasks are launched directly (admin wraps
them in a single-node workflow); workflows through their default launch plan.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from google.protobuf import wrappers_pb2

from flyteidl.admin import common_pb2 as admin_common
from flyteidl.admin import execution_pb2
from flyteidl.core import identifier_pb2, interface_pb2, literals_pb2
from flytekit.errors import (
    FlyteAssertion,
    FlyteEntityAlreadyExistsException,
    FlyteEntityNotExistException,
    FlyteValueException,
)
from flytekit.remote import registering
from flytekit.remote.entities import FlyteLaunchPlan, FlyteTask, FlyteWorkflow
from flytekit.remote.executions import FlyteWorkflowExecution
from flytekit.remote.input_files import upload_local_blobs

if TYPE_CHECKING:
    from flytekit.remote.remote import FlyteRemote

Launchable = FlyteTask | FlyteWorkflow | FlyteLaunchPlan

PRINCIPAL = "flytekit"


@dataclass
class ExecutionRequest:
    """What the caller asked for besides the entity: inputs and execution options."""

    inputs: Mapping[str, Any]
    type_hints: dict[str, Any] = field(default_factory=dict)
    execution_name: str | None = None
    execution_name_prefix: str | None = None
    options: Any = None
    overwrite_cache: bool | None = None
    interruptible: bool | None = None
    envs: dict[str, str] | None = None
    tags: list[str] | None = None
    cluster_pool: str | None = None
    execution_cluster_label: str | None = None


def resolve_target(
    remote: FlyteRemote,
    entity: Any,
    project: str | None,
    domain: str | None,
    version: str | None,
    image_config: Any,
    serialization_settings: Any,
) -> tuple[Launchable, dict[str, Any]]:
    """The registered entity to launch and the Python input types known for it."""
    if isinstance(entity, FlyteTask | FlyteWorkflow | FlyteLaunchPlan):
        return entity, {}
    kind = registering.local_kind(entity)
    hints = dict(_python_inputs(entity))
    settings = serialization_settings
    if settings is None:
        resolved_project, resolved_domain = remote.project_domain(project, domain)
        settings = registering.default_settings(resolved_project, resolved_domain, image_config)
    ident = registering.register_local(
        remote, entity, settings, version, default_launch_plan=True, project=project, domain=domain
    )
    if kind == identifier_pb2.TASK:
        return remote.fetch_task(ident.project, ident.domain, ident.name, ident.version), hints
    if kind == identifier_pb2.WORKFLOW:
        return remote.fetch_workflow(ident.project, ident.domain, ident.name, ident.version), hints
    return remote.fetch_launch_plan(ident.project, ident.domain, ident.name, ident.version), hints


def _python_inputs(entity: Any) -> Mapping[str, Any]:
    interface = getattr(entity, "python_interface", None)
    inputs = getattr(interface, "inputs", None)
    return inputs if isinstance(inputs, Mapping) else {}


def launch_plan_of(remote: FlyteRemote, target: Launchable) -> FlyteLaunchPlan | FlyteTask:
    """What ``CreateExecution`` launches: the launch plan (a workflow's default one) or the task."""
    if isinstance(target, FlyteWorkflow):
        try:
            return remote.fetch_launch_plan(
                target.id.project, target.id.domain, target.id.name, target.id.version
            )
        except FlyteEntityNotExistException:
            raise FlyteEntityNotExistException(
                f"Workflow {target.id.name!r} version {target.id.version!r} has no default launch plan; "
                "register it with default_launch_plan=True or execute a launch plan."
            ) from None
    return target


def literal_inputs(
    interface: interface_pb2.TypedInterface,
    inputs: Mapping[str, Any],
    type_hints: Mapping[str, Any],
    entity_name: str,
) -> literals_pb2.LiteralMap:
    """Convert Python inputs to literals typed by the entity's declared interface."""
    from flytekit.core.context_manager import FlyteContextManager
    from flytekit.core.type_engine import TypeEngine

    ctx = FlyteContextManager.current_context()
    declared = interface.inputs.variables
    literals: dict[str, literals_pb2.Literal] = {}
    for name, value in inputs.items():
        if name not in declared:
            raise FlyteAssertion(
                f"{entity_name} has no input named {name!r}; its inputs are {sorted(declared) or 'none'}."
            )
        artifacts = sys.modules.get("flytekit.core.artifact")
        if artifacts is not None and isinstance(value, artifacts.Artifact):
            raise FlyteValueException(
                value,
                f"Input {name!r} of {entity_name}: running with an artifact object is not yet possible.",
            )
        literal_type = declared[name].type
        python_type = type_hints.get(name) or TypeEngine.guess_python_type(literal_type)
        literals[name] = TypeEngine.to_literal(ctx, value, python_type, literal_type)
    return literals_pb2.LiteralMap(literals=literals)


def execution_spec(
    launch_id: identifier_pb2.Identifier, request: ExecutionRequest
) -> execution_pb2.ExecutionSpec:
    """The ``ExecutionSpec`` for launching ``launch_id`` with the request's options."""
    spec = execution_pb2.ExecutionSpec(
        launch_plan=launch_id,
        metadata=execution_pb2.ExecutionMetadata(
            mode=execution_pb2.ExecutionMetadata.MANUAL, principal=PRINCIPAL
        ),
    )
    if request.overwrite_cache is not None:
        spec.overwrite_cache = request.overwrite_cache
    if request.interruptible is not None:
        spec.interruptible.CopyFrom(wrappers_pb2.BoolValue(value=request.interruptible))
    if request.envs:
        spec.envs.values.extend(_key_values(request.envs))
    if request.tags:
        spec.tags.extend(request.tags)
    if request.cluster_pool:
        spec.cluster_assignment.cluster_pool_name = request.cluster_pool
    if request.execution_cluster_label:
        spec.execution_cluster_label.value = request.execution_cluster_label
    _apply_options(spec, request.options)
    return spec


def _key_values(values: Mapping[str, str]) -> list[literals_pb2.KeyValuePair]:
    return [literals_pb2.KeyValuePair(key=key, value=value) for key, value in sorted(values.items())]


def _apply_options(spec: execution_pb2.ExecutionSpec, options: Any) -> None:
    """Copy labels, annotations, raw output prefix, parallelism and security context from ``Options``."""
    if options is None:
        return
    labels = _as_dict(getattr(options, "labels", None))
    if labels:
        spec.labels.CopyFrom(admin_common.Labels(values=labels))
    annotations = _as_dict(getattr(options, "annotations", None))
    if annotations:
        spec.annotations.CopyFrom(admin_common.Annotations(values=annotations))
    raw = getattr(options, "raw_output_data_config", None)
    prefix = getattr(raw, "output_location_prefix", raw)
    if isinstance(prefix, str) and prefix:
        spec.raw_output_data_config.output_location_prefix = prefix
    max_parallelism = getattr(options, "max_parallelism", None)
    if isinstance(max_parallelism, int):
        spec.max_parallelism = max_parallelism
    security_context = getattr(options, "security_context", None)
    if security_context is not None and hasattr(security_context, "to_flyte_idl"):
        security_context = security_context.to_flyte_idl()  # flytekit.models.security.SecurityContext
    if security_context is not None and hasattr(security_context, "SerializeToString"):
        spec.security_context.CopyFrom(security_context)
    # flytekit.Options: notifications for this execution, or none at all; cache overwriting
    if getattr(options, "disable_notifications", None):
        spec.disable_all = True
    elif getattr(options, "notifications", None):
        spec.notifications.notifications.extend(n.to_flyte_idl() for n in options.notifications)
    if getattr(options, "overwrite_cache", None) and not spec.overwrite_cache:
        spec.overwrite_cache = True


def _as_dict(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    # A plain mapping, or flytekit's Labels/Annotations (whose ``values`` is the mapping).
    values = value if isinstance(value, Mapping) else getattr(value, "values", None)
    if isinstance(values, Mapping):
        return {str(k): str(v) for k, v in values.items()}
    return {}


def _execution_name(request: ExecutionRequest) -> str:
    if request.execution_name:
        return request.execution_name
    if request.execution_name_prefix:
        return f"{request.execution_name_prefix}-{uuid.uuid4().hex[:8]}"
    return ""


def _input_type(launched: FlyteLaunchPlan | FlyteTask, request: ExecutionRequest, name: str) -> Any:
    """The Python type of one input: the caller's hint, else guessed from the declared literal type."""
    from flytekit.core.type_engine import TypeEngine

    hint = request.type_hints.get(name)
    if hint is not None:
        return hint
    declared = launched.interface.inputs.variables
    return TypeEngine.guess_python_type(declared[name].type) if name in declared else None


def start(
    remote: FlyteRemote,
    target: Launchable,
    request: ExecutionRequest,
    project: str | None,
    domain: str | None,
) -> FlyteWorkflowExecution:
    """Create the execution and return it (freshly fetched). A named execution that already
    exists is returned instead of failing, so retrying with the same name is safe."""
    launched = launch_plan_of(remote, target)
    resolved_project, resolved_domain = remote.project_domain(
        project or target.id.project, domain or target.id.domain
    )
    python_inputs = {
        name: upload_local_blobs(
            remote, value, _input_type(launched, request, name), resolved_project, resolved_domain
        )
        for name, value in request.inputs.items()
    }
    inputs = literal_inputs(launched.interface, python_inputs, request.type_hints, target.id.name)
    spec = execution_spec(launched.id, request)
    name = _execution_name(request)
    try:
        ident = remote.client.create_execution(resolved_project, resolved_domain, name, spec, inputs)
    except FlyteEntityAlreadyExistsException:
        if not name:
            raise
        ident = identifier_pb2.WorkflowExecutionIdentifier(
            project=resolved_project, domain=resolved_domain, name=name
        )
    return FlyteWorkflowExecution(remote.client.get_execution(ident), remote=remote)
