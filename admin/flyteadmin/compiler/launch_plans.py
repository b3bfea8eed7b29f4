"""Launch-plan compilation: the inputs a launch plan expects and the outputs it produces.

For every workflow input: a default the launch plan declares (its type must fit the workflow's), or
nothing if the launch plan fixes the value, or else a ``required`` parameter. Unknown default or
fixed names, wrongly typed values and misplaced schedules are refused with INVALID_ARGUMENT. The
result replaces the launch plan's ``default_inputs`` and fills its closure, as Flyte admin does.
"""

from __future__ import annotations

from flyteadmin.compiler.types import are_types_castable, describe_type, literal_type_of
from flyteadmin.errors import InvalidArgument
from flyteidl.admin import launch_plan_pb2
from flyteidl.core import interface_pb2, literals_pb2, types_pb2

__all__ = ["expected_interface"]


def _check_literal(
    name: str, literal: literals_pb2.Literal, expected: types_pb2.LiteralType, what: str
) -> None:
    found = literal_type_of(literal)
    if found is None:
        raise InvalidArgument(f"Failed to validate literal type for [{name}]: the {what} holds no value.")
    if not are_types_castable(found, expected):
        raise InvalidArgument(
            f"invalid {what} [{name}]: a value of type [{describe_type(found)}] cannot be used for "
            f"type [{describe_type(expected)}]."
        )


def expected_interface(
    workflow_interface: interface_pb2.TypedInterface, spec: launch_plan_pb2.LaunchPlanSpec
) -> tuple[interface_pb2.ParameterMap, interface_pb2.VariableMap]:
    """The expected inputs and outputs of a launch plan with ``spec`` over a workflow with this interface."""
    workflow_inputs = workflow_interface.inputs.variables
    defaults = spec.default_inputs.parameters
    fixed = spec.fixed_inputs.literals
    if not workflow_inputs and (defaults or fixed):
        raise InvalidArgument(
            "The workflow takes no inputs, so the launch plan may not set default_inputs or fixed_inputs."
        )
    for name, parameter in defaults.items():
        if name not in workflow_inputs:
            raise InvalidArgument(f"unexpected default_input {name}: the workflow has no input named {name}.")
        if not parameter.HasField("var") or not parameter.var.HasField("type"):
            raise InvalidArgument(f"missing type for default_input {name}")
        if not are_types_castable(parameter.var.type, workflow_inputs[name].type):
            raise InvalidArgument(
                f"invalid default_input {name}: type [{describe_type(parameter.var.type)}] does not match the "
                f"workflow input type [{describe_type(workflow_inputs[name].type)}]."
            )
        behavior = parameter.WhichOneof("behavior")
        if behavior == "default":
            _check_literal(name, parameter.default, parameter.var.type, "default_input")
        elif behavior is None:
            raise InvalidArgument(
                f"invalid default_input {name}: give it a default value or mark it required."
            )
        # artifact_query / artifact_id parameters are kept as they are: an artifact service resolves
        # them at launch; without one the caller must pass the input (see services/inputs.py).
    for name, literal in fixed.items():
        if not name:
            raise InvalidArgument("fixed_inputs has an entry with an empty name.")
        if name not in workflow_inputs:
            raise InvalidArgument(f"unexpected fixed_input {name}: the workflow has no input named {name}.")
        _check_literal(name, literal, workflow_inputs[name].type, "fixed_input")
    expected = interface_pb2.ParameterMap()
    for name, variable in workflow_inputs.items():
        if name in defaults:
            expected.parameters[name].CopyFrom(defaults[name])
        elif name in fixed:
            continue
        else:
            expected.parameters[name].CopyFrom(interface_pb2.Parameter(var=variable, required=True))
    outputs = interface_pb2.VariableMap()
    outputs.CopyFrom(workflow_interface.outputs)
    _check_schedule(spec, expected)
    return expected, outputs


def _check_schedule(spec: launch_plan_pb2.LaunchPlanSpec, expected: interface_pb2.ParameterMap) -> None:
    if not spec.entity_metadata.HasField("schedule"):
        return
    schedule = spec.entity_metadata.schedule
    kickoff = schedule.kickoff_time_input_arg
    for name, parameter in expected.parameters.items():
        if parameter.required and name != kickoff:
            raise InvalidArgument(
                "Cannot create a launch plan with a schedule if there is an unbound required input "
                f"[{name}]; give it a default or fix it."
            )
    if kickoff:
        found = expected.parameters.get(kickoff)
        if found is None or found.var.type.simple != types_pb2.DATETIME:
            raise InvalidArgument(
                f"kickoff_time_input_arg [{kickoff}] must name a datetime input of the workflow."
            )
