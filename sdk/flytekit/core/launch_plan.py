"""Launch plans: a workflow plus default and fixed inputs and run settings, the unit admin executes.

Every workflow has a *default* launch plan of the same name whose parameters are the workflow's
inputs with the workflow's defaults (``LaunchPlan.get_default_launch_plan``; labels and annotations
come from the workflow's ``default_options``). Named launch plans override defaults
(``default_inputs``, still changeable at launch), lock inputs (``fixed_inputs``) and carry a
schedule, notifications, labels, annotations, raw-output prefix, max parallelism, security
context, overwrite-cache flag, concurrency policy and a trigger. ``auto_activate`` is client-side
only: registration activates the plan afterwards.

``create`` always makes a new plan (a name may be used once); ``get_or_create`` returns the cached
plan of that name when it was asked for with the same settings and refuses different ones.

Calling a launch plan only takes keyword arguments. Locally it runs its workflow with the plan's
defaults and fixed inputs under the caller's values; inside a workflow it becomes a launch-plan
node: omitted inputs are bound to the plan's defaults, fixed inputs are left for admin to apply.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from flytekit._lazy import lazy_module
from flytekit.core.calling import create_and_link_node
from flytekit.core.context_manager import FlyteContext, FlyteContextManager, FlyteEntities
from flytekit.core.interface import Interface
from flytekit.core.type_engine import TypeEngine
from flytekit.core.workflow import WorkflowBase
from flytekit.errors import FlyteAssertion, FlyteValidationException

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2, literals_pb2, workflow_pb2
    from flytekit.core.schedule import LaunchPlanTriggerBase
    from flytekit.models import common as common_models
    from flytekit.models import interface as interface_models
    from flytekit.models import literals as literal_models
    from flytekit.models import security
    from flytekit.models.concurrency import ConcurrencyPolicy
    from flytekit.models.schedule import Schedule
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")


def _is_optional(python_type: Any) -> bool:
    origin = typing.get_origin(python_type)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(python_type)


def parameters_of(
    ctx: FlyteContext, interface: Interface, only: Mapping[str, Any] | None = None
) -> dict[str, interface_pb2.Parameter]:
    """Launch-plan parameters of ``interface``'s inputs (or of the inputs in ``only`` with those values
    as defaults): a given default becomes the parameter's default, a missing one makes it required,
    except that an ``Optional`` input without a default defaults to None."""
    from flytekit.core.interface import transform_interface_to_typed_interface

    if only is None:
        variables = transform_interface_to_typed_interface(interface).inputs.variables
        defaults = interface.default_inputs_as_kwargs
        names = list(interface.inputs)
    else:
        # Overridden defaults are described afresh (description = the input's name), as flytekit does.
        bare = Interface({k: interface.inputs[k] for k in only})
        variables = transform_interface_to_typed_interface(bare).inputs.variables
        defaults = dict(only)
        names = list(only)
    params: dict[str, interface_pb2.Parameter] = {}
    for name in names:
        var = variables[name]
        python_type = interface.inputs[name]
        default = defaults.get(name)
        if default is None and _is_optional(python_type):
            none = literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))
            params[name] = interface_pb2.Parameter(var=var, default=none)
        elif default is None:
            params[name] = interface_pb2.Parameter(var=var, required=True)
        elif (artifact_param := _artifact_parameter(var, default)) is not None:
            params[name] = artifact_param
        else:
            literal = TypeEngine.to_literal(ctx, default, python_type, var.type)
            params[name] = interface_pb2.Parameter(var=var, default=literal)
    return params


def _artifact_parameter(var: interface_pb2.Variable, default: Any) -> interface_pb2.Parameter | None:
    """The parameter of an input whose default is an artifact query (resolved at launch by an
    artifact service) or a versioned artifact (that one artifact); None for any other default.
    An unversioned artifact stands for its query, which must then bind every partition."""
    artifacts = sys.modules.get("flytekit.core.artifact")
    if artifacts is None:  # no artifact was ever declared in this process
        return None
    if isinstance(default, artifacts.ArtifactQuery):
        return interface_pb2.Parameter(var=var, artifact_query=default.to_flyte_idl())
    if not isinstance(default, artifacts.Artifact):
        return None
    if default.version:
        return interface_pb2.Parameter(var=var, artifact_id=default.concrete_artifact_id)
    query = default.query()
    if not query.bound:
        raise FlyteValidationException(f"Cannot use default query with artifact {default.name}")
    return interface_pb2.Parameter(var=var, artifact_query=query.to_flyte_idl())


def _labels(value: common_models.Labels | Mapping[str, str] | None) -> common_models.Labels | None:
    from flytekit.models import common as common_models

    return common_models.Labels(dict(value)) if isinstance(value, Mapping) else value


def _annotations(
    value: common_models.Annotations | Mapping[str, str] | None,
) -> common_models.Annotations | None:
    from flytekit.models import common as common_models

    return common_models.Annotations(dict(value)) if isinstance(value, Mapping) else value


def _raw_output(
    value: common_models.RawOutputDataConfig | str | None,
) -> common_models.RawOutputDataConfig | None:
    from flytekit.models import common as common_models

    return common_models.RawOutputDataConfig(value) if isinstance(value, str) else value


def _security_from_auth_role(auth_role: common_models.AuthRole) -> security.SecurityContext:
    from flytekit.models import security

    return security.SecurityContext(
        run_as=security.Identity(
            iam_role=auth_role.assumable_iam_role,
            k8s_service_account=auth_role.kubernetes_service_account,
        )
    )


class LaunchPlan:
    """A named way to launch ``workflow``; see the module docstring."""

    CACHE: ClassVar[dict[str, LaunchPlan]] = {}

    def __init__(
        self,
        name: str,
        workflow: WorkflowBase,
        parameters: interface_pb2.ParameterMap | interface_models.ParameterMap,
        fixed_inputs: literals_pb2.LiteralMap | literal_models.LiteralMap,
        schedule: Schedule | None = None,
        notifications: list[common_models.Notification] | None = None,
        labels: common_models.Labels | None = None,
        annotations: common_models.Annotations | None = None,
        raw_output_data_config: common_models.RawOutputDataConfig | None = None,
        max_parallelism: int | None = None,
        security_context: security.SecurityContext | None = None,
        trigger: LaunchPlanTriggerBase | None = None,
        overwrite_cache: bool | None = None,
        auto_activate: bool = False,
        concurrency: ConcurrencyPolicy | None = None,
    ) -> None:
        from flytekit.models._idl import idl_of

        self._name = name
        self._workflow = workflow
        parameters_message: interface_pb2.ParameterMap = idl_of(parameters)
        fixed_message: literals_pb2.LiteralMap = idl_of(fixed_inputs)
        # Kept as messages (what serialization needs); the properties hand out flytekit.models values.
        # A fixed input is not a parameter: nobody may choose it at launch.
        self._parameters = interface_pb2.ParameterMap(
            parameters={
                k: v for k, v in parameters_message.parameters.items() if k not in fixed_message.literals
            }
        )
        self._fixed_inputs = fixed_message
        self._saved_inputs: dict[str, Any] = {}
        self._raw_fixed_inputs: dict[str, Any] = {}
        self._schedule = schedule
        self._notifications = list(notifications or [])
        self._labels = _labels(labels)
        self._annotations = _annotations(annotations)
        self._raw_output_data_config = _raw_output(raw_output_data_config)
        self._max_parallelism = max_parallelism
        self._security_context = security_context
        self._trigger = trigger
        self._overwrite_cache = overwrite_cache
        self._auto_activate = auto_activate
        self._concurrency = concurrency
        FlyteEntities.entities.append(self)

    # ---- construction
    @classmethod
    def get_default_launch_plan(cls, ctx: FlyteContext, workflow: WorkflowBase) -> LaunchPlan:
        """The plan named like ``workflow`` with the workflow's own defaults (cached per name)."""
        cached = cls.CACHE.get(workflow.name)
        if cached is not None and cached.workflow is workflow:
            return cached
        options = getattr(workflow, "default_options", None)
        lp = cls(
            name=workflow.name,
            workflow=workflow,
            parameters=interface_pb2.ParameterMap(parameters=parameters_of(ctx, workflow.python_interface)),
            fixed_inputs=literals_pb2.LiteralMap(),
            labels=options.labels if options is not None else None,
            annotations=options.annotations if options is not None else None,
        )
        lp._saved_inputs = workflow.python_interface.default_inputs_as_kwargs
        cls.CACHE[workflow.name] = lp
        return lp

    @classmethod
    def create(
        cls,
        name: str,
        workflow: WorkflowBase,
        default_inputs: dict[str, Any] | None = None,
        fixed_inputs: dict[str, Any] | None = None,
        schedule: Schedule | None = None,
        notifications: list[common_models.Notification] | None = None,
        labels: common_models.Labels | None = None,
        annotations: common_models.Annotations | None = None,
        raw_output_data_config: common_models.RawOutputDataConfig | None = None,
        max_parallelism: int | None = None,
        security_context: security.SecurityContext | None = None,
        auth_role: common_models.AuthRole | None = None,
        trigger: LaunchPlanTriggerBase | None = None,
        overwrite_cache: bool | None = None,
        auto_activate: bool = False,
        concurrency: ConcurrencyPolicy | None = None,
    ) -> LaunchPlan:
        """A new plan ``name`` for ``workflow``; a name already used raises AssertionError."""
        ctx = FlyteContextManager.current_context()
        default_inputs = dict(default_inputs or {})
        fixed_inputs = dict(fixed_inputs or {})
        interface = workflow.python_interface
        for label, given in (("default_inputs", default_inputs), ("fixed_inputs", fixed_inputs)):
            unknown = sorted(set(given) - set(interface.inputs))
            if unknown:
                raise ValueError(
                    f"Launch plan '{name}': {label} names {unknown}, which are not inputs of workflow "
                    f"'{workflow.name}' (its inputs: {sorted(interface.inputs)})."
                )
        parameters = parameters_of(ctx, interface)
        parameters.update(parameters_of(ctx, interface, only=default_inputs))
        variables = workflow.interface.inputs.variables
        fixed = {
            k: TypeEngine.to_literal(ctx, v, interface.inputs[k], variables[k].type)
            for k, v in fixed_inputs.items()
        }
        if auth_role is not None:
            if security_context is not None:
                raise ValueError(
                    f"Launch plan '{name}': use of AuthRole is deprecated. You cannot specify both AuthRole and "
                    "SecurityContext; pass only security_context."
                )
            security_context = _security_from_auth_role(auth_role)
        if name in cls.CACHE:
            raise AssertionError(
                f"Launch plan named {name} was already created! Make sure your names are unique."
            )
        lp = cls(
            name=name,
            workflow=workflow,
            parameters=interface_pb2.ParameterMap(parameters=parameters),
            fixed_inputs=literals_pb2.LiteralMap(literals=fixed),
            schedule=schedule,
            notifications=notifications,
            labels=labels,
            annotations=annotations,
            raw_output_data_config=raw_output_data_config,
            max_parallelism=max_parallelism,
            security_context=security_context,
            trigger=trigger,
            overwrite_cache=overwrite_cache,
            auto_activate=auto_activate,
            concurrency=concurrency,
        )
        lp._saved_inputs = {**default_inputs, **fixed_inputs}
        lp._raw_fixed_inputs = fixed_inputs
        cls.CACHE[name] = lp
        return lp

    @classmethod
    def get_or_create(
        cls,
        workflow: WorkflowBase,
        name: str | None = None,
        default_inputs: dict[str, Any] | None = None,
        fixed_inputs: dict[str, Any] | None = None,
        schedule: Schedule | None = None,
        notifications: list[common_models.Notification] | None = None,
        labels: common_models.Labels | None = None,
        annotations: common_models.Annotations | None = None,
        raw_output_data_config: common_models.RawOutputDataConfig | None = None,
        max_parallelism: int | None = None,
        security_context: security.SecurityContext | None = None,
        auth_role: common_models.AuthRole | None = None,
        trigger: LaunchPlanTriggerBase | None = None,
        overwrite_cache: bool | None = None,
        auto_activate: bool = False,
        concurrency: ConcurrencyPolicy | None = None,
    ) -> LaunchPlan:
        """The default plan (no ``name``), or the named one, created on first request; see the module docstring."""
        if name is None:
            given = {
                "default_inputs": default_inputs,
                "fixed_inputs": fixed_inputs,
                "schedule": schedule,
                "notifications": notifications,
                "labels": labels,
                "annotations": annotations,
                "raw_output_data_config": raw_output_data_config,
                "auth_role": auth_role,
                "max_parallelism": max_parallelism,
                "security_context": security_context,
                "trigger": trigger,
                "overwrite_cache": overwrite_cache,
            }
            named = sorted(k for k, v in given.items() if v is not None)
            if named:
                raise ValueError(
                    f"Only named launch plans can set {', '.join(named)}; pass name=... (the default launch plan "
                    f"of '{workflow.name}' takes the workflow's own defaults and has no other settings)."
                )
            return cls.get_default_launch_plan(FlyteContextManager.current_context(), workflow)

        cached = cls.CACHE.get(name)
        if cached is None:
            return cls.create(
                name,
                workflow,
                default_inputs,
                fixed_inputs,
                schedule,
                notifications,
                labels,
                annotations,
                raw_output_data_config,
                max_parallelism,
                security_context=security_context,
                auth_role=auth_role,
                trigger=trigger,
                overwrite_cache=overwrite_cache,
                auto_activate=auto_activate,
                concurrency=concurrency,
            )
        if workflow is not cached.workflow:
            raise AssertionError(
                f"Trying to create two launch plans both named '{name}' for the workflows '{workflow.name}' "
                f"and '{cached.workflow.name}' - please ensure unique names."
            )
        if auth_role is not None and security_context is None:
            security_context = _security_from_auth_role(auth_role)
        asked = [
            ("schedule", schedule, cached._schedule),
            ("notifications", list(notifications or []), cached._notifications),
            ("default_inputs", {**(default_inputs or {}), **(fixed_inputs or {})}, cached._saved_inputs),
            ("labels", _labels(labels), cached._labels),
            ("annotations", _annotations(annotations), cached._annotations),
            ("raw_output_data_config", _raw_output(raw_output_data_config), cached._raw_output_data_config),
            ("max_parallelism", max_parallelism, cached._max_parallelism),
            ("security_context", security_context, cached._security_context),
            ("overwrite_cache", overwrite_cache, cached._overwrite_cache),
            ("auto_activate", auto_activate, cached._auto_activate),
            ("concurrency", concurrency, cached._concurrency),
        ]
        for arg_name, new, old in asked:
            if new != old:
                raise AssertionError(
                    f"Trying to create two launch plans for workflow '{workflow.name}' both named '{name}' "
                    f"but with different values for '{arg_name}' - please use different launch plan names."
                )
        return cached

    def clone_with(
        self,
        name: str,
        parameters: interface_pb2.ParameterMap | None = None,
        fixed_inputs: literals_pb2.LiteralMap | None = None,
        schedule: Schedule | None = None,
        notifications: list[common_models.Notification] | None = None,
        labels: common_models.Labels | None = None,
        annotations: common_models.Annotations | None = None,
        raw_output_data_config: common_models.RawOutputDataConfig | None = None,
        max_parallelism: int | None = None,
        security_context: security.SecurityContext | None = None,
        trigger: LaunchPlanTriggerBase | None = None,
        overwrite_cache: bool | None = None,
        auto_activate: bool = False,
    ) -> LaunchPlan:
        """A copy under ``name`` with the given settings replacing this plan's."""
        clone = LaunchPlan(
            name=name,
            workflow=self._workflow,
            parameters=parameters or self._parameters,
            fixed_inputs=fixed_inputs or self._fixed_inputs,
            schedule=schedule or self._schedule,
            notifications=notifications or self._notifications,
            labels=labels or self._labels,
            annotations=annotations or self._annotations,
            raw_output_data_config=raw_output_data_config or self._raw_output_data_config,
            max_parallelism=max_parallelism or self._max_parallelism,
            security_context=security_context or self._security_context,
            trigger=trigger,
            overwrite_cache=overwrite_cache or self._overwrite_cache,
            auto_activate=auto_activate,
        )
        clone._saved_inputs = dict(self._saved_inputs)
        clone._raw_fixed_inputs = dict(self._raw_fixed_inputs)
        return clone

    # ---- properties
    @property
    def name(self) -> str:
        return self._name

    @property
    def workflow(self) -> WorkflowBase:
        return self._workflow

    @property
    def parameters(self) -> interface_models.ParameterMap:
        from flytekit.models.interface import ParameterMap

        return ParameterMap.from_flyte_idl(self._parameters)

    @property
    def fixed_inputs(self) -> literal_models.LiteralMap:
        from flytekit.models.literals import LiteralMap

        return LiteralMap.from_flyte_idl(self._fixed_inputs)

    def to_spec_inputs(self) -> tuple[interface_pb2.ParameterMap, literals_pb2.LiteralMap]:
        """The default and fixed inputs as the messages a ``LaunchPlanSpec`` holds."""
        return self._parameters, self._fixed_inputs

    @property
    def raw_fixed_inputs(self) -> dict[str, Any]:
        return dict(self._raw_fixed_inputs)

    @property
    def saved_inputs(self) -> dict[str, Any]:
        """Python values this plan supplies: defaults and fixed inputs (a copy)."""
        return dict(self._saved_inputs)

    @property
    def schedule(self) -> Schedule | None:
        return self._schedule

    @property
    def notifications(self) -> list[common_models.Notification]:
        return self._notifications

    @property
    def labels(self) -> common_models.Labels | None:
        return self._labels

    @property
    def annotations(self) -> common_models.Annotations | None:
        return self._annotations

    @property
    def raw_output_data_config(self) -> common_models.RawOutputDataConfig | None:
        return self._raw_output_data_config

    @property
    def max_parallelism(self) -> int | None:
        return self._max_parallelism

    @property
    def security_context(self) -> security.SecurityContext | None:
        return self._security_context

    @property
    def trigger(self) -> LaunchPlanTriggerBase | None:
        return self._trigger

    @property
    def overwrite_cache(self) -> bool | None:
        return self._overwrite_cache

    @property
    def concurrency(self) -> ConcurrencyPolicy | None:
        return self._concurrency

    @property
    def should_auto_activate(self) -> bool:
        return self._auto_activate

    @property
    def python_interface(self) -> Interface:
        return self._workflow.python_interface

    @property
    def interface(self) -> interface_models.TypedInterface:
        """The workflow's interface as a ``flytekit.models`` value (flytekit hands out that type)."""
        from flytekit.models.interface import TypedInterface

        return TypedInterface.from_flyte_idl(self._workflow.interface)

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata:
        return self._workflow.construct_node_metadata()

    def fixed_input_names(self) -> set[str]:
        """Inputs a launch-plan node leaves unbound (admin applies the fixed values)."""
        return set(self._fixed_inputs.literals)

    # ---- calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if args:
            raise AssertionError(
                f"Launch plan '{self._name}' takes keyword arguments only, got {len(args)} positional argument(s)."
            )
        inputs = {**self._saved_inputs, **kwargs}
        ctx = FlyteContextManager.current_context()
        if ctx.compilation_state is not None:
            fixed = self.fixed_input_names()
            bound = {k: v for k, v in inputs.items() if k not in fixed}
            return create_and_link_node(ctx, self, _inputs_not_allowed=fixed, **bound)
        return self._workflow(**inputs)

    def local_execute(self, ctx: FlyteContext, **kwargs: Any) -> Any:
        """Run the workflow now with this plan's saved (default and fixed) inputs under ``kwargs``."""
        overlap = sorted(set(kwargs) & self.fixed_input_names())
        if overlap:
            raise FlyteAssertion(f"Launch plan '{self._name}' fixes {overlap}; they cannot be passed.")
        return self._workflow.local_execute(ctx, **{**self._saved_inputs, **kwargs})

    def __repr__(self) -> str:
        return f"LaunchPlan(name={self._name!r}, workflow={self._workflow.name!r})"
