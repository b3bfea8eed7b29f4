"""Registered entities as fetched from admin: ``FlyteTask``, ``FlyteWorkflow``, ``FlyteLaunchPlan``.

Each wraps admin's record (identifier, template or spec, closure) and exposes the typed interface
``FlyteRemote.execute`` needs to convert Python inputs. They are read-only views; ``FlyteRemote``
creates them from ``GetTask`` / ``GetWorkflow`` / ``GetLaunchPlan`` answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, interface_pb2, tasks_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2


def interface_from_parameters(
    inputs: interface_pb2.ParameterMap, outputs: interface_pb2.VariableMap
) -> interface_pb2.TypedInterface:
    """A ``TypedInterface`` from a launch plan's expected inputs (parameters) and outputs."""
    variables = interface_pb2.VariableMap()
    for name, parameter in inputs.parameters.items():
        variables.variables[name].CopyFrom(parameter.var)
    return interface_pb2.TypedInterface(inputs=variables, outputs=outputs)


class _Registered:
    """``name`` and ``version`` read from the entity's admin identifier."""

    id: identifier_pb2.Identifier

    @property
    def name(self) -> str:
        return self.id.name

    @property
    def version(self) -> str:
        return self.id.version


@dataclass(frozen=True)
class FlyteTask(_Registered):
    """A registered task: its id, the compiled template admin stored, and admin's closure."""

    id: identifier_pb2.Identifier
    template: tasks_pb2.TaskTemplate
    closure: task_pb2.TaskClosure | None = None

    @classmethod
    def from_admin(cls, task: task_pb2.Task) -> FlyteTask:
        return cls(id=task.id, template=task.closure.compiled_task.template, closure=task.closure)

    @property
    def interface(self) -> interface_pb2.TypedInterface:
        return self.template.interface

    @property
    def resource_type(self) -> int:
        return identifier_pb2.TASK


@dataclass(frozen=True)
class FlyteWorkflow(_Registered):
    """A registered workflow: its id and the compiled workflow closure admin stored."""

    id: identifier_pb2.Identifier
    closure: workflow_pb2.WorkflowClosure

    @classmethod
    def from_admin(cls, workflow: workflow_pb2.Workflow) -> FlyteWorkflow:
        return cls(id=workflow.id, closure=workflow.closure)

    @property
    def template(self) -> core_workflow_pb2.WorkflowTemplate:
        return self.closure.compiled_workflow.primary.template

    @property
    def interface(self) -> interface_pb2.TypedInterface:
        return self.template.interface

    @property
    def flyte_tasks(self) -> list[tasks_pb2.TaskTemplate]:
        """Templates of the tasks the workflow calls, as compiled by admin."""
        return [task.template for task in self.closure.compiled_workflow.tasks]

    @property
    def resource_type(self) -> int:
        return identifier_pb2.WORKFLOW


@dataclass(frozen=True)
class FlyteLaunchPlan(_Registered):
    """A registered launch plan: id, spec (workflow id, defaults, fixed inputs) and closure."""

    id: identifier_pb2.Identifier
    spec: launch_plan_pb2.LaunchPlanSpec
    closure: launch_plan_pb2.LaunchPlanClosure

    @classmethod
    def from_admin(cls, launch_plan: launch_plan_pb2.LaunchPlan) -> FlyteLaunchPlan:
        return cls(id=launch_plan.id, spec=launch_plan.spec, closure=launch_plan.closure)

    @property
    def workflow_id(self) -> identifier_pb2.Identifier:
        return self.spec.workflow_id

    @property
    def is_active(self) -> bool:
        return self.closure.state == launch_plan_pb2.ACTIVE

    @property
    def default_inputs(self) -> interface_pb2.ParameterMap:
        return self.spec.default_inputs

    @property
    def interface(self) -> interface_pb2.TypedInterface:
        """Inputs the launch plan expects (required or defaulted) and outputs it produces."""
        return interface_from_parameters(self.closure.expected_inputs, self.closure.expected_outputs)

    @property
    def resource_type(self) -> int:
        return identifier_pb2.LAUNCH_PLAN


FlyteControlPlaneEntity = FlyteTask | FlyteWorkflow | FlyteLaunchPlan

EntityT = TypeVar("EntityT", FlyteTask, FlyteWorkflow, FlyteLaunchPlan)


class LazyEntity(Generic[EntityT]):
    """A registered entity fetched from admin the first time it is used (``fetch_*_lazy``).

    Attribute access goes to the fetched entity; ``entity`` fetches explicitly.
    """

    def __init__(self, name: str, getter: Callable[[], EntityT]) -> None:
        self._name = name
        self._getter: Callable[[], EntityT] = getter
        self._entity: EntityT | None = None

    @property
    def name(self) -> str:
        return self._name

    @property
    def entity_fetched(self) -> bool:
        return self._entity is not None

    @property
    def entity(self) -> EntityT:
        if self._entity is None:
            self._entity = self._getter()
        return self._entity

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        return getattr(self.entity, attribute)

    def __repr__(self) -> str:
        state = "fetched" if self._entity is not None else "not fetched"
        return f"LazyEntity({self._name!r}, {state})"
