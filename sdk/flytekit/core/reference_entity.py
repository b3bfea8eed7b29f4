"""References: tasks, workflows and launch plans registered elsewhere, called by their identifier.

A reference holds an identifier (``TaskReference`` / ``WorkflowReference`` /
``LaunchPlanReference``: project, domain, name, version) and the interface the caller declares for
it. Inside a workflow body a call becomes a node that points at that identifier; the referenced
entity itself is never serialized (admin already holds it). Nothing is fetched when a reference is
defined.

A reference has no code here, so running it locally raises ``NotImplementedError`` unless a test
replaced its ``execute`` (``flytekit.testing.patch`` / ``task_mock``): then the inputs cross the
type engine, the mock gets native values, and what it returns becomes the outputs.

Reference *workflows* cannot be used as sub-workflows (admin would need their template); the
compiler refuses them, as flytekit does, and points to reference launch plans instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from flytekit._lazy import lazy_module
from flytekit.core.calling import flyte_entity_call_handler, translate_inputs_to_literals
from flytekit.core.context_manager import FlyteContext
from flytekit.core.interface import Interface, transform_interface_to_typed_interface
from flytekit.core.promise import Promise, create_task_output
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import identifier_pb2, interface_pb2, literals_pb2, workflow_pb2
else:
    identifier_pb2 = lazy_module("flyteidl.core.identifier_pb2")
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

_NOT_RUNNABLE = "Remote reference entities cannot be run locally. You must mock this out."

# IDL ResourceType numbers (flyteidl.core.ResourceType), written out so no proto loads at import.
_TASK, _WORKFLOW, _LAUNCH_PLAN = 1, 2, 3


@dataclass(frozen=True)
class Reference:
    """The identifier of a registered entity; subclasses fix the resource type."""

    project: str
    domain: str
    name: str
    version: str

    resource_type: ClassVar[int] = 0

    @property
    def id(self) -> identifier_pb2.Identifier:
        return identifier_pb2.Identifier(
            resource_type=self.resource_type,  # type: ignore[arg-type]
            project=self.project,
            domain=self.domain,
            name=self.name,
            version=self.version,
        )


@dataclass(frozen=True)
class TaskReference(Reference):
    resource_type: ClassVar[int] = _TASK


@dataclass(frozen=True)
class WorkflowReference(Reference):
    resource_type: ClassVar[int] = _WORKFLOW


@dataclass(frozen=True)
class LaunchPlanReference(Reference):
    resource_type: ClassVar[int] = _LAUNCH_PLAN


class ReferenceEntity:
    """Something callable in a workflow that stands for a registered entity; see the module docstring."""

    is_reference_entity: ClassVar[bool] = True

    def __init__(self, reference: Reference, interface: Interface) -> None:
        if not isinstance(reference, Reference):
            raise FlyteAssertion(
                f"A reference needs a TaskReference, WorkflowReference or LaunchPlanReference, got {reference!r}."
            )
        self._reference = reference
        self._python_interface = interface
        self._interface: interface_pb2.TypedInterface | None = None
        # Replaced by flytekit.testing mocks; the real one refuses to run.
        self.execute: Callable[..., Any] = self._refuse_execute

    @property
    def reference(self) -> Reference:
        return self._reference

    @property
    def id(self) -> identifier_pb2.Identifier:
        return self._reference.id

    @property
    def name(self) -> str:
        return self._reference.name

    @property
    def python_interface(self) -> Interface:
        return self._python_interface

    @property
    def interface(self) -> interface_pb2.TypedInterface:
        if self._interface is None:
            self._interface = transform_interface_to_typed_interface(self._python_interface)
        return self._interface

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata:
        return workflow_pb2.NodeMetadata(
            name=self._reference.name.split(".")[-1], retries=literals_pb2.RetryStrategy()
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return flyte_entity_call_handler(self, *args, **kwargs)

    @staticmethod
    def _refuse_execute(**kwargs: Any) -> Any:
        raise NotImplementedError(_NOT_RUNNABLE)

    def local_execute(self, ctx: FlyteContext, **kwargs: Any) -> Any:
        """Run the (mocked) ``execute`` with native inputs; the outputs cross the type engine back."""
        input_map = translate_inputs_to_literals(ctx, self, kwargs)
        native = TypeEngine.literal_map_to_kwargs(ctx, input_map, self._python_interface.inputs)
        result = self.execute(**native)
        names = self._python_interface.output_names
        if not names:
            return create_task_output([], self._python_interface, self.name)
        values = [result] if len(names) == 1 else list(result)
        if len(values) != len(names):
            raise FlyteAssertion(
                f"Reference '{self.name}' declares {len(names)} outputs but its mock returned {result!r}."
            )
        variables = self.interface.outputs.variables
        outputs = self._python_interface.outputs
        promises = [
            Promise(n, TypeEngine.to_literal(ctx, v, outputs[n], variables[n].type))
            for n, v in zip(names, values, strict=True)
        ]
        return create_task_output(promises, self._python_interface, self.name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._reference})"


class ReferenceTask(ReferenceEntity):
    """A registered task, called by id (``@reference_task``)."""


class ReferenceWorkflow(ReferenceEntity):
    """A registered workflow, called by id (``@reference_workflow``); not usable as a sub-workflow."""


class ReferenceLaunchPlan(ReferenceEntity):
    """A registered launch plan, called by id (``@reference_launch_plan``)."""
