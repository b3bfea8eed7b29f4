"""Load a code base, turn its entities into registrable specs, and package or register them.

The steps behind ``pyflyte package`` and ``pyflyte register``: import the given packages or
modules (``module_loader``), collect the tasks, workflows and launch plans they define (from
``FlyteEntities.entities``), serialize them with the translator -- each workflow together with its
default launch plan -- and either write flytekit's package layout or send them to admin.

Package layout (what ``flytectl register files`` reads): a gzipped tar with, at its root, one
protobuf per entity named ``<index>_<name>_<kind>.pb`` (index zero-padded to the width of the largest
index; kind 1 = ``TaskSpec``, 2 = ``WorkflowSpec``, 3 = ``LaunchPlan``) plus, for fast
packages, the ``fast<digest>.tar.gz`` code archive.
"""

from __future__ import annotations

import io
import logging
import os
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from flyteidl.admin import launch_plan_pb2
from flytekit.remote.registering import SerializedEntity, serialize
from flytekit.tools.module_loader import load_packages_and_modules, load_packages_by_name
from flytekit.tools.script_mode import tar_strip_file_attributes

logger = logging.getLogger(__name__)


def _module_of(entity: Any) -> str:
    """The import name of the module that defined a task or workflow.

    Function-based entities answer with their function's module; objects with free names (instance
    tasks such as sensors and shell tasks, imperative workflows) know the module whose top-level
    code created them.
    """
    # a map task belongs with the task it maps (it may be created while a workflow compiles)
    entity = getattr(entity, "python_function_task", entity)
    owner = getattr(entity, "_owner", None)
    if owner is not None:
        # An internal task created by another task (ShellTask's inner task) belongs with its owner.
        return _module_of(owner)
    from flytekit.core.workflow import PythonFunctionWorkflow

    function = getattr(entity, "task_function", None)
    if isinstance(entity, PythonFunctionWorkflow):
        function = entity.function
    if function is not None and isinstance(getattr(function, "__module__", None), str):
        return str(function.__module__)
    instantiated_in = getattr(entity, "_instantiated_in", None)
    if isinstance(instantiated_in, str):
        return instantiated_in
    name = str(getattr(entity, "name", ""))
    return name.rpartition(".")[0]


def entities_of_modules(modules: Iterable[ModuleType]) -> list[Any]:
    """Tasks and workflows created by ``modules``, and launch plans of those workflows, in creation order."""
    from flytekit.core.context_manager import FlyteEntities
    from flytekit.core.launch_plan import LaunchPlan

    names = {module.__name__ for module in modules}
    chosen: list[Any] = []
    chosen_ids: set[int] = set()
    # One pass in creation order: a launch plan comes after its workflow, so the workflow is
    # already chosen when the launch plan is met.
    for entity in FlyteEntities.entities:
        if id(entity) in chosen_ids:
            continue
        if isinstance(entity, LaunchPlan):
            wanted = id(entity.workflow) in chosen_ids
        else:
            wanted = _module_of(entity) in names
        if wanted:
            chosen.append(entity)
            chosen_ids.add(id(entity))
    return chosen


def load_entities(pkgs_or_mods: Sequence[str], by_name: bool = False) -> tuple[list[ModuleType], list[Any]]:
    """Import the packages/modules and return them with the entities they define.

    ``by_name``: ``--pkgs`` semantics (dotted names imported as given, see ``load_packages_by_name``).
    """
    if by_name:
        modules = load_packages_by_name(list(pkgs_or_mods))
    else:
        modules = load_packages_and_modules(list(pkgs_or_mods))
    return modules, entities_of_modules(modules)


def with_default_launch_plans(entities: Iterable[Any]) -> list[Any]:
    """The entities plus the default launch plan of every workflow among them."""
    from flytekit.core.launch_plan import LaunchPlan
    from flytekit.core.workflow import WorkflowBase

    result: list[Any] = []
    for entity in entities:
        result.append(entity)
        if isinstance(entity, WorkflowBase):
            result.append(LaunchPlan.get_or_create(entity))
        as_workflow = getattr(entity, "get_as_workflow", None)
        if callable(as_workflow):
            # An eager task registers with the workflow wrapping it and that workflow's launch plan.
            result.append(LaunchPlan.get_or_create(as_workflow()))
    return result


def serialize_entities(
    entities: Iterable[Any], settings: Any, auto_activate: set[str] | None = None
) -> list[SerializedEntity]:
    """Specs of the entities (with default launch plans) and of everything they reach;
    ``auto_activate`` receives the names of launch plans to activate after registration."""
    specs, _ = serialize(with_default_launch_plans(entities), settings, auto_activate)
    return specs


def package_file_names(specs: Sequence[SerializedEntity]) -> list[str]:
    """``<index>_<name>_<kind>.pb`` for each spec, index padded to the width of the largest index
    (flytekit's ceil(log10(count)): 10 entities are numbered 0-9, 11 need 00-10)."""
    from flytekit.tools.serialize_helpers import entity_name_and_kind

    width = len(str(len(specs) - 1)) if specs else 0
    names = []
    for index, spec in enumerate(specs):
        name, kind = entity_name_and_kind(spec)
        names.append(f"{str(index).zfill(width)}_{name}_{kind}.pb")
    return names


def write_specs_to_folder(specs: Sequence[SerializedEntity], folder: str | os.PathLike[str]) -> list[Path]:
    """Write each spec as a ``.pb`` file into ``folder`` (created if missing); returns the paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, spec in zip(package_file_names(specs), specs, strict=True):
        path = out / name
        path.write_bytes(spec.SerializeToString(deterministic=True))
        paths.append(path)
    return paths


def write_package(
    specs: Sequence[SerializedEntity],
    output: str | os.PathLike[str],
    fast_archive: Path | None = None,
) -> Path:
    """Write flytekit's package layout (see the module docstring) to ``output``."""
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w:gz") as tar:
        for name, spec in zip(package_file_names(specs), specs, strict=True):
            data = spec.SerializeToString(deterministic=True)
            info = tar_strip_file_attributes(tarfile.TarInfo(name))
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
        if fast_archive is not None:
            tar.add(fast_archive, arcname=fast_archive.name, filter=tar_strip_file_attributes)
    logger.info("packaged %d entities into %s", len(specs), target)
    return target


def temporary_folder() -> Path:
    """A fresh folder for intermediate artifacts (archives); the caller owns it."""
    return Path(tempfile.mkdtemp(prefix="flyte-package-"))


def apply_launch_plan_options(
    specs: Iterable[SerializedEntity], service_account: str | None, raw_data_prefix: str | None
) -> None:
    """Set the service account and raw output prefix on every launch plan spec (``register`` flags)."""
    for spec in specs:
        if not isinstance(spec, launch_plan_pb2.LaunchPlan):
            continue
        if service_account:
            spec.spec.security_context.run_as.k8s_service_account = service_account
        if raw_data_prefix:
            spec.spec.raw_output_data_config.output_location_prefix = raw_data_prefix
