"""Decorators and a factory for references (see ``flytekit.core.reference_entity``).

``@reference_task(project, domain, name, version)`` (and ``reference_workflow``,
``reference_launch_plan``) turn a stub function into a reference: its signature declares the
interface, its body never runs. ``get_reference_entity(resource_type, ...)`` builds the same from
explicit input and output types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flytekit.core.interface import Interface, transform_function_to_interface
from flytekit.core.reference_entity import (
    LaunchPlanReference,
    Reference,
    ReferenceEntity,
    ReferenceLaunchPlan,
    ReferenceTask,
    ReferenceWorkflow,
    TaskReference,
    WorkflowReference,
)

_KINDS: dict[int, tuple[type[Reference], type[ReferenceEntity]]] = {
    TaskReference.resource_type: (TaskReference, ReferenceTask),
    WorkflowReference.resource_type: (WorkflowReference, ReferenceWorkflow),
    LaunchPlanReference.resource_type: (LaunchPlanReference, ReferenceLaunchPlan),
}


def get_reference_entity(
    resource_type: int,
    project: str,
    domain: str,
    name: str,
    version: str,
    inputs: dict[str, Any],
    outputs: dict[str, Any],
) -> ReferenceEntity:
    """A reference to the task, workflow or launch plan ``project/domain/name/version`` with the given
    input and output types (``resource_type`` from ``flytekit.models.core.identifier.ResourceType``)."""
    kind = _KINDS.get(int(resource_type))
    if kind is None:
        raise ValueError(
            f"Reference '{name}': resource type {resource_type!r} is not TASK, WORKFLOW or LAUNCH_PLAN."
        )
    reference_class, entity_class = kind
    return entity_class(reference_class(project, domain, name, version), Interface(inputs, outputs))


def _decorator(
    reference_class: type[Reference],
    entity_class: type[ReferenceEntity],
    project: str,
    domain: str,
    name: str,
    version: str,
) -> Callable[[Callable[..., Any]], ReferenceEntity]:
    def wrapper(fn: Callable[..., Any]) -> ReferenceEntity:
        interface = transform_function_to_interface(fn)
        return entity_class(reference_class(project, domain, name, version), interface)

    return wrapper


def reference_task(
    project: str, domain: str, name: str, version: str
) -> Callable[[Callable[..., Any]], ReferenceEntity]:
    """Declare a registered task by id; the decorated stub's signature is its interface."""
    return _decorator(TaskReference, ReferenceTask, project, domain, name, version)


def reference_workflow(
    project: str, domain: str, name: str, version: str
) -> Callable[[Callable[..., Any]], ReferenceEntity]:
    """Declare a registered workflow by id; the decorated stub's signature is its interface."""
    return _decorator(WorkflowReference, ReferenceWorkflow, project, domain, name, version)


def reference_launch_plan(
    project: str, domain: str, name: str, version: str
) -> Callable[[Callable[..., Any]], ReferenceEntity]:
    """Declare a registered launch plan by id; the decorated stub's signature is its interface."""
    return _decorator(LaunchPlanReference, ReferenceLaunchPlan, project, domain, name, version)
