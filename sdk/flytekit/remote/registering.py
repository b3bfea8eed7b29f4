"""Serialize local entities and register the resulting specs with admin, in dependency order.

Also the two ways ``FlyteRemote`` registers local Python entities: :func:`register_local` (code
already in the image) and :func:`register_script` (fast registration: code archive uploaded first).

``get_serializable`` (``flytekit.tools.translator``) turns a task, workflow or launch plan -- and
everything it reaches -- into admin ``TaskSpec`` / ``WorkflowSpec`` / ``LaunchPlan`` messages,
collected in an ordered mapping. Registration sends all tasks first, then workflows, then launch
plans, because admin checks that referenced entities exist. An identical entity that is already
registered (ALREADY_EXISTS) counts as registered; a different one under the same version fails.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2
from flytekit.clients.friendly import SynchronousFlyteClient
from flytekit.core.tracker import module_name_from_file, package_root_for
from flytekit.errors import FlyteAssertion, FlyteEntityAlreadyExistsException
from flytekit.remote.entities import FlyteLaunchPlan, FlyteTask, FlyteWorkflow
from flytekit.tools.fast_registration import CopyFileDetection, FastPackageOptions, compute_version

if TYPE_CHECKING:
    from flytekit.core.options import Options
    from flytekit.remote.remote import FlyteRemote

logger = logging.getLogger(__name__)

SerializedEntity = task_pb2.TaskSpec | workflow_pb2.WorkflowSpec | launch_plan_pb2.LaunchPlan

UNVERSIONED = "<unversioned>"
"""Version used while serializing only to derive a content version."""

RESOURCE_LABELS = {
    identifier_pb2.TASK: "Task",
    identifier_pb2.WORKFLOW: "Workflow",
    identifier_pb2.LAUNCH_PLAN: "Launch Plan",
}


@dataclass(frozen=True)
class RegistrationResult:
    """One entity sent to admin: its identifier and whether it was new (``False``: already there)."""

    id: identifier_pb2.Identifier
    created: bool

    @property
    def label(self) -> str:
        return RESOURCE_LABELS.get(self.id.resource_type, "Entity")


def entity_identifier(spec: SerializedEntity) -> identifier_pb2.Identifier:
    """The identifier a serialized entity is registered under."""
    if isinstance(spec, launch_plan_pb2.LaunchPlan):
        return spec.id
    return spec.template.id


def serialize(
    entities: Iterable[Any], settings: Any, auto_activate: set[str] | None = None
) -> tuple[list[SerializedEntity], list[identifier_pb2.Identifier]]:
    """Serialize ``entities`` and everything they reach.

    Returns one spec per entity object reached (dependencies before dependents) and the
    identifiers of the given ``entities`` themselves, in order. Like flytekit, two objects with the
    same identifier (two ``map_task(t)`` calls) give two identical specs.
    ``auto_activate`` (when given) receives the names of the launch plans declared with
    ``auto_activate=True``: that flag is client-side only, the specs do not carry it.
    """
    from flytekit.core.launch_plan import LaunchPlan
    from flytekit.tools.translator import get_serializable

    mapping: OrderedDict[Any, Any] = OrderedDict()
    primary = [
        entity_identifier(_registrable(get_serializable(mapping, settings, entity))) for entity in entities
    ]
    if auto_activate is not None:
        auto_activate.update(e.name for e in mapping if isinstance(e, LaunchPlan) and e.should_auto_activate)
    specs: list[SerializedEntity] = [
        spec
        for spec in mapping.values()
        if isinstance(spec, task_pb2.TaskSpec | workflow_pb2.WorkflowSpec | launch_plan_pb2.LaunchPlan)
    ]
    return specs, primary


def _registrable(spec: Any) -> SerializedEntity:
    if isinstance(spec, task_pb2.TaskSpec | workflow_pb2.WorkflowSpec | launch_plan_pb2.LaunchPlan):
        return spec
    raise TypeError(f"the translator returned a {type(spec).__name__}, not a registrable spec")


def registration_order(specs: Iterable[SerializedEntity]) -> list[SerializedEntity]:
    """Tasks first, then workflows and launch plans in the given (serialization) order, as flytekit does.

    Serialization visits an entity's dependencies before the entity, so a launch plan called inside a
    workflow is registered before that workflow, whose compilation in admin needs it.
    """
    listed = list(specs)
    tasks = [s for s in listed if isinstance(s, task_pb2.TaskSpec)]
    others = [s for s in listed if not isinstance(s, task_pb2.TaskSpec)]
    return [*tasks, *others]


def register_spec(client: SynchronousFlyteClient, spec: SerializedEntity) -> RegistrationResult:
    """Create one entity in admin; an identical existing one is reported with ``created=False``."""
    ident = entity_identifier(spec)
    try:
        if isinstance(spec, task_pb2.TaskSpec):
            client.create_task(ident, spec)
        elif isinstance(spec, workflow_pb2.WorkflowSpec):
            client.create_workflow(ident, spec)
        else:
            client.create_launch_plan(ident, spec.spec)
    except FlyteEntityAlreadyExistsException:
        logger.debug("%s %s already registered", RESOURCE_LABELS.get(ident.resource_type), ident.name)
        return RegistrationResult(id=ident, created=False)
    return RegistrationResult(id=ident, created=True)


def activate_if_asked(
    client: SynchronousFlyteClient, result: RegistrationResult, auto_activate: Iterable[str]
) -> bool:
    """Make a just registered launch plan ACTIVE when it was declared with ``auto_activate``."""
    if result.id.resource_type != identifier_pb2.LAUNCH_PLAN or result.id.name not in set(auto_activate):
        return False
    client.update_launch_plan(result.id, launch_plan_pb2.ACTIVE)
    logger.info("Activated launch plan %s version %s", result.id.name, result.id.version)
    return True


def register_specs(
    client: SynchronousFlyteClient,
    specs: Iterable[SerializedEntity],
    on_registered: Callable[[RegistrationResult], None] | None = None,
    auto_activate: Iterable[str] = (),
) -> list[RegistrationResult]:
    """Register every spec in dependency order, activating the ``auto_activate`` launch plans;
    ``on_registered`` sees each result as it happens."""
    results = []
    for spec in registration_order(specs):
        result = register_spec(client, spec)
        activate_if_asked(client, result, auto_activate)
        if on_registered is not None:
            on_registered(result)
        results.append(result)
    return results


def content_version(specs: Iterable[SerializedEntity]) -> str:
    """A version derived from the serialized entities themselves (22 url-safe characters)."""
    hasher = hashlib.md5()
    for spec in specs:
        hasher.update(spec.SerializeToString(deterministic=True))
    return base64.urlsafe_b64encode(hasher.digest()).decode("ascii").rstrip("=")


# ---------------------------------------------------------------- local entities
def local_kind(entity: Any) -> identifier_pb2.ResourceType:
    """``TASK``, ``WORKFLOW`` or ``LAUNCH_PLAN`` for a local Python entity; raises for anything else."""
    from flytekit.core.base_task import PythonTask
    from flytekit.core.launch_plan import LaunchPlan
    from flytekit.core.workflow import WorkflowBase

    if isinstance(entity, PythonTask):
        return identifier_pb2.TASK
    if isinstance(entity, WorkflowBase):
        return identifier_pb2.WORKFLOW
    if isinstance(entity, LaunchPlan):
        return identifier_pb2.LAUNCH_PLAN
    raise FlyteAssertion(
        f"{entity!r} is not a task, workflow or launch plan; only those can be registered or executed."
    )


def entities_to_register(entity: Any, default_launch_plan: bool) -> list[Any]:
    """``entity``, plus its default launch plan when it is a workflow and ``default_launch_plan`` is set."""
    if default_launch_plan and local_kind(entity) == identifier_pb2.WORKFLOW:
        from flytekit.core.launch_plan import LaunchPlan

        return [entity, LaunchPlan.get_or_create(entity)]
    return [entity]


def default_settings(project: str, domain: str, image_config: Any = None) -> Any:
    """Serialization settings for a plain (non-fast) registration with the default image."""
    from flytekit.configuration import ImageConfig, SerializationSettings

    return SerializationSettings(
        image_config=image_config or ImageConfig.auto_default_image(), project=project, domain=domain
    )


def register_local(
    remote: FlyteRemote,
    entity: Any,
    serialization_settings: Any,
    version: str | None,
    default_launch_plan: bool,
    project: str | None = None,
    domain: str | None = None,
    on_registered: Callable[[RegistrationResult], None] | None = None,
    options: Options | None = None,
) -> identifier_pb2.Identifier:
    """Serialize and register a local entity with everything it reaches; returns the entity's id.

    The version is ``version``, else the settings' version, else one derived from the serialized
    content (so unchanged code keeps its version). ``options`` (``flytekit.Options``) override the
    settings of the launch plans registered.
    """
    base = serialization_settings
    resolved_project, resolved_domain = remote.project_domain(
        project or (base.project if base is not None else None),
        domain or (base.domain if base is not None else None),
    )
    if base is None:
        base = default_settings(resolved_project, resolved_domain)
    settings = replace(base, project=resolved_project, domain=resolved_domain)
    entities = entities_to_register(entity, default_launch_plan)
    chosen = version or settings.version
    if not chosen:
        unversioned, _ = serialize(entities, replace(settings, version=UNVERSIONED))
        chosen = content_version(unversioned)
    auto_activate: set[str] = set()
    specs, primary = serialize(entities, replace(settings, version=chosen), auto_activate)
    if options is not None:
        from flytekit.tools.launch_plan_specs import apply_options

        for spec in specs:
            if isinstance(spec, launch_plan_pb2.LaunchPlan):
                apply_options(spec.spec, options)
    register_specs(remote.client, specs, on_registered, auto_activate)
    return primary[0]


def module_file_of(entity: Any) -> Path:
    """The source file of the module that defines a local task, workflow or launch plan."""
    kind = local_kind(entity)
    if kind == identifier_pb2.LAUNCH_PLAN:
        return module_file_of(entity.workflow)
    name: str = entity.name
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    module_name = name.rpartition(".")[0]
    while module_name:
        module = sys.modules.get(module_name)
        file = getattr(module, "__file__", None)
        if file:
            return Path(file).resolve()
        if main_file and module_name_from_file(main_file) == module_name:
            return Path(main_file).resolve()
        module_name = module_name.rpartition(".")[0]
    raise FlyteAssertion(
        f"Cannot find the module file of {name!r}; register it from an importable module or pass source_path."
    )


def register_script(
    remote: FlyteRemote,
    entity: Any,
    image_config: Any = None,
    version: str | None = None,
    project: str | None = None,
    domain: str | None = None,
    destination_dir: str = ".",
    copy_all: bool = False,
    default_launch_plan: bool = True,
    source_path: str | None = None,
    envs: dict[str, str] | None = None,
    default_resources: Any = None,
    fast_package_options: FastPackageOptions | None = None,
    on_registered: Callable[[RegistrationResult], None] | None = None,
    options: Options | None = None,
) -> FlyteTask | FlyteWorkflow | FlyteLaunchPlan:
    """Fast-register ``entity``: package and upload the code, then register what ``entity`` reaches.

    The code archive holds the files under ``source_path`` (default: the project root of the
    entity's module) chosen by ``copy_all`` / ``fast_package_options``; tasks unpack it into
    ``destination_dir`` at run time. Without ``version`` the version is derived from the archive
    digest, the settings and the images.
    """
    from flytekit.configuration import FastSerializationSettings, ImageConfig, SerializationSettings

    resolved_project, resolved_domain = remote.project_domain(project, domain)
    kind = local_kind(entity)
    root = Path(source_path).resolve() if source_path else package_root_for(module_file_of(entity))
    package_options = fast_package_options or FastPackageOptions()
    if copy_all:
        package_options = replace(package_options, copy_style=CopyFileDetection.ALL)
    elif package_options.copy_style is None:
        package_options = replace(package_options, copy_style=CopyFileDetection.LOADED_MODULES)
    md5_bytes, native_url = remote.fast_package(root, options=package_options)
    images = image_config or ImageConfig.auto_default_image()
    settings = SerializationSettings(
        image_config=images,
        project=resolved_project,
        domain=resolved_domain,
        env=envs,
        default_resources=default_resources,
        source_root=str(root),
        fast_serialization_settings=FastSerializationSettings(
            enabled=True, destination_dir=destination_dir, distribution_location=native_url
        ),
    )
    if not version:
        version = compute_version(md5_bytes, settings, None, *[image.full for image in images.images])
    ident = register_local(
        remote, entity, settings, version, default_launch_plan, on_registered=on_registered, options=options
    )
    if kind == identifier_pb2.TASK:
        return remote.fetch_task(ident.project, ident.domain, ident.name, ident.version)
    if kind == identifier_pb2.WORKFLOW:
        return remote.fetch_workflow(ident.project, ident.domain, ident.name, ident.version)
    return remote.fetch_launch_plan(ident.project, ident.domain, ident.name, ident.version)
