"""Serializing everything a set of imported modules defined, and writing it as flytekit's package files.

``get_registrable_entities(settings)`` compiles everything in ``FlyteEntities.entities`` with the
same code as ``pyflyte package`` (``flytekit.tools.repo``): creation order, each workflow followed by
its default launch plan, no duplicates. ``persist_registrable_entities`` writes them as
``<index>_<name>_<kind>.pb`` (kind 1 task, 2 workflow, 3 launch plan; index zero-padded to the width
of the largest index), the layout ``flytectl register files`` reads.
"""

from __future__ import annotations

from google.protobuf.message import Message

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flytekit.configuration import SerializationSettings
from flytekit.core.base_task import PythonTask
from flytekit.core.context_manager import FlyteEntities
from flytekit.core.launch_plan import LaunchPlan
from flytekit.core.workflow import WorkflowBase


def get_registrable_entities(settings: SerializationSettings) -> list[Message]:
    """Every task, workflow (+ default launch plan) and launch plan created so far, compiled, in order."""
    from flytekit.tools.repo import serialize_entities

    entities = [e for e in FlyteEntities.entities if isinstance(e, PythonTask | WorkflowBase | LaunchPlan)]
    return list(serialize_entities(entities, settings))


def entity_name_and_kind(entity: Message) -> tuple[str, int]:
    """The file-name parts of a compiled entity: its name and kind (1 task, 2 workflow, 3 launch plan)."""
    if isinstance(entity, task_pb2.TaskSpec):
        return entity.template.id.name, 1
    if isinstance(entity, workflow_pb2.WorkflowSpec):
        return entity.template.id.name, 2
    if isinstance(entity, launch_plan_pb2.LaunchPlan):
        return entity.id.name, 3
    raise TypeError(f"{type(entity).__name__} is not a registrable entity")


def persist_registrable_entities(entities: list[Message], folder: str) -> list[str]:
    """Write ``entities`` into ``folder`` as ``<index>_<name>_<kind>.pb``; returns the file paths."""
    from flytekit.tools.repo import write_specs_to_folder

    return [str(path) for path in write_specs_to_folder(entities, folder)]  # type: ignore[arg-type]
