"""``flytekit.models.interface``: variables, typed interfaces and launch-plan parameters as Python values.

flytekit 1.16 hands these out where user code looks at an entity's signature (``LaunchPlan.parameters``,
``LaunchPlan.fixed_inputs`` holds ``flytekit.models.literals``). Each wraps the ``flyteidl.core``
message of the same name: types are ``flytekit.models.types.LiteralType``, defaults
``flytekit.models.literals.Literal``; artifact ids and queries stay messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity, idl_of
from flytekit.models.literals import Literal
from flytekit.models.types import LiteralType

if TYPE_CHECKING:
    from flyteidl.core import interface_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")


class Variable(FlyteIdlEntity):
    """A named slot's type and description (the name is the key it is stored under)."""

    def __init__(
        self,
        type: LiteralType,
        description: str,
        artifact_partial_id: Any = None,
        artifact_tag: Any = None,
    ) -> None:
        self._type = type
        self._description = description
        self._artifact_partial_id = artifact_partial_id
        self._artifact_tag = artifact_tag

    type = property(lambda self: self._type)
    description = property(lambda self: self._description)
    artifact_partial_id = property(lambda self: self._artifact_partial_id)
    artifact_tag = property(lambda self: self._artifact_tag)

    def to_flyte_idl(self) -> interface_pb2.Variable:
        message = interface_pb2.Variable(type=self._type.to_flyte_idl(), description=self._description)
        if self._artifact_partial_id is not None:
            message.artifact_partial_id.CopyFrom(idl_of(self._artifact_partial_id))
        if self._artifact_tag is not None:
            message.artifact_tag.CopyFrom(idl_of(self._artifact_tag))
        return message

    @classmethod
    def from_flyte_idl(cls, proto: interface_pb2.Variable) -> Variable:
        return cls(
            type=LiteralType.from_flyte_idl(proto.type),
            description=proto.description,
            artifact_partial_id=proto.artifact_partial_id if proto.HasField("artifact_partial_id") else None,
            artifact_tag=proto.artifact_tag if proto.HasField("artifact_tag") else None,
        )


class VariableMap(FlyteIdlEntity):
    def __init__(self, variables: dict[str, Variable]) -> None:
        self._variables = dict(variables)

    variables = property(lambda self: dict(self._variables))

    def to_flyte_idl(self) -> interface_pb2.VariableMap:
        return interface_pb2.VariableMap(variables={k: v.to_flyte_idl() for k, v in self._variables.items()})

    @classmethod
    def from_flyte_idl(cls, proto: interface_pb2.VariableMap) -> VariableMap:
        return cls({k: Variable.from_flyte_idl(v) for k, v in proto.variables.items()})


class TypedInterface(FlyteIdlEntity):
    """Inputs and outputs of an entity, each a dict of name -> ``Variable``."""

    def __init__(self, inputs: dict[str, Variable], outputs: dict[str, Variable]) -> None:
        self._inputs = dict(inputs)
        self._outputs = dict(outputs)

    inputs = property(lambda self: dict(self._inputs))
    outputs = property(lambda self: dict(self._outputs))

    def to_flyte_idl(self) -> interface_pb2.TypedInterface:
        return interface_pb2.TypedInterface(
            inputs=VariableMap(self._inputs).to_flyte_idl(), outputs=VariableMap(self._outputs).to_flyte_idl()
        )

    @classmethod
    def from_flyte_idl(cls, proto: interface_pb2.TypedInterface) -> TypedInterface:
        return cls(
            inputs=VariableMap.from_flyte_idl(proto.inputs).variables,
            outputs=VariableMap.from_flyte_idl(proto.outputs).variables,
        )


class Parameter(FlyteIdlEntity):
    """A launch-plan input: its variable plus a default, or ``required``, or an artifact query."""

    def __init__(
        self,
        var: Variable,
        default: Literal | None = None,
        required: bool | None = None,
        artifact_query: Any = None,
        artifact_id: Any = None,
    ) -> None:
        self._var = var
        self._default = default
        self._required = required
        self._artifact_query = artifact_query
        self._artifact_id = artifact_id

    var = property(lambda self: self._var)
    default = property(lambda self: self._default)
    required = property(lambda self: self._required)
    artifact_query = property(lambda self: self._artifact_query)
    artifact_id = property(lambda self: self._artifact_id)

    @property
    def behavior(self) -> Any:
        """Whichever of default, required and artifact query is set (the message's oneof)."""
        return self._default or self._required or self._artifact_query

    def to_flyte_idl(self) -> interface_pb2.Parameter:
        message = interface_pb2.Parameter(var=self._var.to_flyte_idl())
        if self._default is not None:
            message.default.CopyFrom(self._default.to_flyte_idl())
        elif self._artifact_query is not None:
            message.artifact_query.CopyFrom(idl_of(self._artifact_query))
        elif self._artifact_id is not None:
            message.artifact_id.CopyFrom(idl_of(self._artifact_id))
        elif self._required is not None:
            message.required = self._required
        return message

    @classmethod
    def from_flyte_idl(cls, proto: interface_pb2.Parameter) -> Parameter:
        behavior = proto.WhichOneof("behavior")
        return cls(
            var=Variable.from_flyte_idl(proto.var),
            default=Literal.from_flyte_idl(proto.default) if behavior == "default" else None,
            # flytekit reads ``required`` as False beside any other behaviour
            required=proto.required if behavior == "required" else (None if behavior is None else False),
            artifact_query=proto.artifact_query if behavior == "artifact_query" else None,
            artifact_id=proto.artifact_id if behavior == "artifact_id" else None,
        )


class ParameterMap(FlyteIdlEntity):
    """name -> ``Parameter``: the default inputs of a launch plan."""

    def __init__(self, parameters: dict[str, Parameter]) -> None:
        self._parameters = dict(parameters)

    parameters = property(lambda self: dict(self._parameters))

    def to_flyte_idl(self) -> interface_pb2.ParameterMap:
        return interface_pb2.ParameterMap(
            parameters={k: v.to_flyte_idl() for k, v in self._parameters.items()}
        )

    @classmethod
    def from_flyte_idl(cls, proto: interface_pb2.ParameterMap) -> ParameterMap:
        return cls({k: Parameter.from_flyte_idl(v) for k, v in proto.parameters.items()})
