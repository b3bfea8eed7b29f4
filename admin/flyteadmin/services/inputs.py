"""Execution inputs: the user's values checked against a launch plan and merged with its defaults.

Each user input must be an expected input of the launch plan and have a castable type; missing
required inputs are an error; missing optional ones take the launch plan's default; fixed inputs
are added last and may not be overridden. A parameter whose default is an artifact query or artifact
id (flytekit's ``Artifact``) is stored as registered, but resolving it needs an artifact service,
which open-source Flyte does not run: such an input must be passed.
"""

from __future__ import annotations

from flyteadmin.compiler import are_types_castable, describe_type, literal_type_of
from flyteadmin.errors import InvalidArgument
from flyteidl.core import interface_pb2, literals_pb2

__all__ = ["resolve_inputs"]


def resolve_inputs(
    expected: interface_pb2.ParameterMap,
    fixed: literals_pb2.LiteralMap,
    user_inputs: literals_pb2.LiteralMap,
) -> literals_pb2.LiteralMap:
    """The complete inputs of an execution; INVALID_ARGUMENT naming the first bad input."""
    parameters = expected.parameters
    merged = literals_pb2.LiteralMap()
    for name, literal in user_inputs.literals.items():
        if name not in parameters:
            known = ", ".join(sorted(parameters)) or "none"
            raise InvalidArgument(
                f"invalid input {name}: the launch plan expects only these inputs: {known}."
            )
        found = literal_type_of(literal)
        if found is None:
            raise InvalidArgument(f"Failed to validate literal type for [{name}]: the input holds no value.")
        declared = parameters[name].var.type
        if not are_types_castable(found, declared):
            raise InvalidArgument(
                f"invalid {name} input wrong type. Expected {describe_type(declared)}, but got {describe_type(found)}"
            )
        merged.literals[name].CopyFrom(literal)
    for name, parameter in parameters.items():
        if name in merged.literals:
            continue
        behavior = parameter.WhichOneof("behavior")
        if behavior == "default":
            merged.literals[name].CopyFrom(parameter.default)
        elif behavior in ("artifact_query", "artifact_id"):
            raise InvalidArgument(
                f"input {name} defaults to an artifact {behavior.removeprefix('artifact_')}, which needs an "
                f"artifact service to resolve and this Flyte has none; pass a value for input {name}."
            )
        elif parameter.required:
            raise InvalidArgument(f"expected_inputs {name} missing; pass a value for input {name}.")
    for name, literal in fixed.literals.items():
        if name in user_inputs.literals:
            raise InvalidArgument(
                f"fixed_inputs {name} cannot be overridden; the launch plan fixes its value."
            )
        merged.literals[name].CopyFrom(literal)
    return merged
