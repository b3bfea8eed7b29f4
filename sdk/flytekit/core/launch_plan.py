"""Launch plans: a workflow plus default and fixed inputs (and run settings), the unit admin executes.

Every workflow has a *default* launch plan of the same name, whose parameters are the workflow's
inputs with the workflow's defaults (``LaunchPlan.get_default_launch_plan``). Named launch plans
override defaults (``default_inputs``, still changeable at launch) or lock inputs (``fixed_inputs``).
``get_or_create`` is idempotent per name and refuses a second, different definition under one name.

Calling a launch plan locally runs its workflow with the plan's defaults and fixed inputs applied;
inside a workflow it becomes a launch-plan node: omitted inputs are bound to the plan's defaults,
fixed inputs stay unbound (admin applies them) and may not be passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from flytekit._lazy import lazy_module
from flytekit.core.calling import flyte_entity_call_handler
from flytekit.core.context_manager import FlyteContext, FlyteContextManager, FlyteEntities
from flytekit.core.interface import Interface
from flytekit.core.type_engine import TypeEngine, TypeTransformerFailedError
from flytekit.core.workflow import WorkflowBase
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, workflow_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")


class LaunchPlan:
    """A named way to launch ``workflow``; see the module docstring."""

    CACHE: ClassVar[dict[str, LaunchPlan]] = {}

    def __init__(
        self,
        name: str,
        workflow: WorkflowBase,
        parameters: interface_pb2.ParameterMap,
        fixed_inputs: literals_pb2.LiteralMap,
        labels: dict[str, str] | None = None,
        annotations: dict[str, str] | None = None,
        raw_output_data_config: str | None = None,
        max_parallelism: int | None = None,
        overwrite_cache: bool | None = None,
        auto_activate: bool = False,
        default_values: dict[str, Any] | None = None,
        fixed_values: dict[str, Any] | None = None,
    ) -> None:
        self._name = name
        self._workflow = workflow
        self._parameters = parameters
        self._fixed_inputs = fixed_inputs
        self._labels = dict(labels or {})
        self._annotations = dict(annotations or {})
        self._raw_output_data_config = raw_output_data_config
        self._max_parallelism = max_parallelism
        self._overwrite_cache = overwrite_cache
        self._auto_activate = auto_activate
        self._default_values = dict(default_values or {})
        self._fixed_values = dict(fixed_values or {})
        FlyteEntities.entities.append(self)

    # ---- construction
    @classmethod
    def create(
        cls,
        name: str,
        workflow: WorkflowBase,
        default_inputs: dict[str, Any] | None = None,
        fixed_inputs: dict[str, Any] | None = None,
        labels: dict[str, str] | None = None,
        annotations: dict[str, str] | None = None,
        raw_output_data_config: str | None = None,
        max_parallelism: int | None = None,
        overwrite_cache: bool | None = None,
        auto_activate: bool = False,
    ) -> LaunchPlan:
        ctx = FlyteContextManager.current_context()
        interface = workflow.python_interface
        default_inputs = dict(default_inputs or {})
        fixed_inputs = dict(fixed_inputs or {})
        for label, given in (("default_inputs", default_inputs), ("fixed_inputs", fixed_inputs)):
            unknown = sorted(set(given) - set(interface.inputs))
            if unknown:
                raise FlyteAssertion(
                    f"Launch plan '{name}': {label} names {unknown}, which are not inputs of workflow "
                    f"'{workflow.name}' ({sorted(interface.inputs)})."
                )
        defaults = {**interface.default_inputs_as_kwargs, **default_inputs}
        variables = workflow.interface.inputs.variables
        parameters = {}
        fixed = {}
        for input_name, python_type in interface.inputs.items():
            var = variables[input_name]
            if input_name in fixed_inputs:
                fixed[input_name] = _literal(
                    ctx, name, input_name, fixed_inputs[input_name], python_type, var
                )
            elif input_name in defaults:
                if defaults[input_name] is None and _is_optional(python_type):
                    # flytekit writes an omitted optional as a bare none literal, not a union of it
                    default = literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))
                else:
                    default = _literal(ctx, name, input_name, defaults[input_name], python_type, var)
                if input_name in default_inputs:
                    # flytekit describes an overridden default afresh: the description is the name again
                    var = interface_pb2.Variable(type=var.type, description=input_name)
                parameters[input_name] = interface_pb2.Parameter(var=var, default=default)
            else:
                parameters[input_name] = interface_pb2.Parameter(var=var, required=True)
        return cls(
            name=name,
            workflow=workflow,
            parameters=interface_pb2.ParameterMap(parameters=parameters),
            fixed_inputs=literals_pb2.LiteralMap(literals=fixed),
            labels=labels,
            annotations=annotations,
            raw_output_data_config=raw_output_data_config,
            max_parallelism=max_parallelism,
            overwrite_cache=overwrite_cache,
            auto_activate=auto_activate,
            default_values={k: v for k, v in defaults.items() if k not in fixed_inputs},
            fixed_values=fixed_inputs,
        )

    @classmethod
    def get_default_launch_plan(cls, ctx: FlyteContext, workflow: WorkflowBase) -> LaunchPlan:
        """The launch plan named like ``workflow``, with the workflow's defaults (cached)."""
        cached = cls.CACHE.get(workflow.name)
        if cached is not None and cached.workflow is workflow:
            return cached
        lp = cls.create(workflow.name, workflow)
        cls.CACHE[workflow.name] = lp
        return lp

    @classmethod
    def get_or_create(
        cls,
        workflow: WorkflowBase,
        name: str | None = None,
        default_inputs: dict[str, Any] | None = None,
        fixed_inputs: dict[str, Any] | None = None,
        labels: dict[str, str] | None = None,
        annotations: dict[str, str] | None = None,
        raw_output_data_config: str | None = None,
        max_parallelism: int | None = None,
        overwrite_cache: bool | None = None,
        auto_activate: bool = False,
    ) -> LaunchPlan:
        """The default launch plan (no ``name``), or the named one, created on first request."""
        settings: dict[str, Any] = {
            "default_inputs": default_inputs,
            "fixed_inputs": fixed_inputs,
            "labels": labels,
            "annotations": annotations,
            "raw_output_data_config": raw_output_data_config,
            "max_parallelism": max_parallelism,
            "overwrite_cache": overwrite_cache,
        }
        if name is None:
            given = sorted(k for k, v in settings.items() if v is not None) + (
                ["auto_activate"] if auto_activate else []
            )
            if given:
                raise ValueError(
                    f"Only named launch plans can set {', '.join(given)}; pass name=... (the default launch "
                    f"plan of '{workflow.name}' takes the workflow's own defaults)."
                )
            return cls.get_default_launch_plan(FlyteContextManager.current_context(), workflow)
        candidate = cls.create(name, workflow, auto_activate=auto_activate, **settings)
        FlyteEntities.entities.remove(candidate)
        cached = cls.CACHE.get(name)
        if cached is not None:
            if cached.workflow.name != workflow.name or not cached._same_settings(candidate):
                raise AssertionError(
                    f"Launch plan '{name}' already exists with a different workflow or settings; give the new one "
                    "another name."
                )
            return cached
        FlyteEntities.entities.append(candidate)
        cls.CACHE[name] = candidate
        return candidate

    def _same_settings(self, other: LaunchPlan) -> bool:
        return (
            self._parameters == other._parameters
            and self._fixed_inputs == other._fixed_inputs
            and self._labels == other._labels
            and self._annotations == other._annotations
            and self._raw_output_data_config == other._raw_output_data_config
            and self._max_parallelism == other._max_parallelism
            and self._overwrite_cache == other._overwrite_cache
            and self._auto_activate == other._auto_activate
        )

    # ---- properties
    @property
    def name(self) -> str:
        return self._name

    @property
    def workflow(self) -> WorkflowBase:
        return self._workflow

    @property
    def parameters(self) -> interface_pb2.ParameterMap:
        return self._parameters

    @property
    def fixed_inputs(self) -> literals_pb2.LiteralMap:
        return self._fixed_inputs

    @property
    def labels(self) -> dict[str, str]:
        return dict(self._labels)

    @property
    def annotations(self) -> dict[str, str]:
        return dict(self._annotations)

    @property
    def raw_output_data_config(self) -> str | None:
        return self._raw_output_data_config

    @property
    def max_parallelism(self) -> int | None:
        return self._max_parallelism

    @property
    def overwrite_cache(self) -> bool | None:
        return self._overwrite_cache

    @property
    def should_auto_activate(self) -> bool:
        return self._auto_activate

    @property
    def python_interface(self) -> Interface:
        """The workflow's interface with this plan's defaults (a node binds them when an input is omitted)."""
        wf_interface = self._workflow.python_interface
        inputs = {
            k: (t, self._default_values[k]) if k in self._default_values else t
            for k, t in wf_interface.inputs.items()
        }
        return Interface(inputs, wf_interface.outputs, wf_interface.output_tuple_name, wf_interface.docstring)

    @property
    def interface(self) -> interface_pb2.TypedInterface:
        return self._workflow.interface

    @property
    def saved_inputs(self) -> dict[str, Any]:
        """Python values this plan supplies: defaults and fixed inputs."""
        return {**self._default_values, **self._fixed_values}

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata:
        return self._workflow.construct_node_metadata()

    def fixed_input_names(self) -> set[str]:
        """Inputs a launch-plan node may not set (admin applies the fixed values)."""
        return set(self._fixed_inputs.literals)

    def node_input_policy(self) -> tuple[set[str], set[str]]:
        """(inputs a caller may not set: the fixed ones, inputs left unbound when omitted: also the fixed ones)."""
        fixed = self.fixed_input_names()
        return fixed, set(fixed)

    # ---- calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return flyte_entity_call_handler(self, *args, **kwargs)

    def local_execute(self, ctx: FlyteContext, **kwargs: Any) -> Any:
        overlap = sorted(set(kwargs) & set(self._fixed_values))
        if overlap:
            raise FlyteAssertion(f"Launch plan '{self._name}' fixes {overlap}; they cannot be passed.")
        return self._workflow.local_execute(ctx, **{**self._default_values, **kwargs, **self._fixed_values})

    def __repr__(self) -> str:
        return f"LaunchPlan(name={self._name!r}, workflow={self._workflow.name!r})"


def _literal(
    ctx: FlyteContext,
    lp_name: str,
    input_name: str,
    value: Any,
    python_type: Any,
    var: interface_pb2.Variable,
) -> literals_pb2.Literal:
    try:
        return TypeEngine.to_literal(ctx, value, python_type, var.type)
    except (TypeTransformerFailedError, ValueError) as exc:
        raise FlyteAssertion(
            f"Launch plan '{lp_name}': value of input '{input_name}' does not fit: {exc}"
        ) from exc


def _is_optional(python_type: Any) -> bool:
    import types
    import typing

    union = typing.get_origin(python_type) in (typing.Union, types.UnionType)
    return union and type(None) in typing.get_args(python_type)
