"""Typed interfaces: a function signature as named, typed inputs (with defaults) and outputs.

``transform_function_to_interface`` reads annotations: every parameter is an input; the return
annotation gives the outputs (nothing -> none, ``T`` -> ``o0``, ``Tuple[A, B]`` -> ``o0, o1``, a
``NamedTuple`` -> its field names, and the tuple's name is kept for local results).
``transform_interface_to_typed_interface`` turns that into a ``flyteidl.core.TypedInterface`` whose
variable descriptions come from the docstring (defaulting to the variable name; a single return
description is shared by all outputs, as flytekit does).
"""

from __future__ import annotations

import collections
import inspect
import sys
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core.constants import OUTPUT_NAME_PREFIX
from flytekit.core.docstring import Docstring
from flytekit.core.type_engine import TypeEngine, TypeTransformerFailedError
from flytekit.errors import FlyteMissingTypeException, FlyteValidationException

if TYPE_CHECKING:
    from flyteidl.core import artifact_id_pb2, interface_pb2
else:
    interface_pb2 = lazy_module("flyteidl.core.interface_pb2")

_NO_DEFAULT = inspect.Parameter.empty


class Interface:
    """Inputs (name -> type, plus defaults), outputs (name -> type) and the docstring of an entity."""

    def __init__(
        self,
        inputs: dict[str, Any] | None = None,
        outputs: dict[str, Any] | None = None,
        output_tuple_name: str | None = None,
        docstring: Docstring | None = None,
    ) -> None:
        self._inputs: dict[str, Any] = {}
        self._defaults: dict[str, Any] = {}
        for name, spec in (inputs or {}).items():
            if isinstance(spec, tuple) and len(spec) == 2 and not typing.get_args(spec):
                self._inputs[name] = spec[0]
                if spec[1] is not _NO_DEFAULT:
                    self._defaults[name] = spec[1]
            else:
                self._inputs[name] = spec
        self._outputs: dict[str, Any] = dict(outputs or {})
        self._output_tuple_name = output_tuple_name
        self._docstring = docstring

    @property
    def inputs(self) -> dict[str, Any]:
        return dict(self._inputs)

    @property
    def inputs_with_defaults(self) -> dict[str, tuple[Any, Any]]:
        """name -> (type, default); the default is None when the input has none (flytekit's shape)."""
        return {k: (t, self._defaults.get(k)) for k, t in self._inputs.items()}

    @property
    def default_inputs_as_kwargs(self) -> dict[str, Any]:
        return dict(self._defaults)

    def has_default(self, name: str) -> bool:
        return name in self._defaults

    @property
    def outputs(self) -> dict[str, Any]:
        return dict(self._outputs)

    @property
    def output_tuple_name(self) -> str | None:
        return self._output_tuple_name

    @property
    def output_names(self) -> list[str]:
        return list(self._outputs)

    @property
    def docstring(self) -> Docstring | None:
        return self._docstring

    def output_tuple(self) -> type[Any]:
        """The named tuple type of several outputs (the user's NamedTuple name or ``DefaultNamedTupleOutput``)."""
        return collections.namedtuple(
            self._output_tuple_name or "DefaultNamedTupleOutput", list(self._outputs)
        )

    def __repr__(self) -> str:
        return f"Interface(inputs={self._inputs}, defaults={self._defaults}, outputs={self._outputs})"


def _is_named_tuple(t: Any) -> bool:
    return (
        isinstance(t, type)
        and issubclass(t, tuple)
        and hasattr(t, "_fields")
        and hasattr(t, "__annotations__")
    )


def extract_return_annotation(return_annotation: Any, where: str) -> tuple[dict[str, Any], str | None]:
    """Outputs of a return annotation: ``({name: type}, named tuple name or None)``."""
    if return_annotation in (None, type(None), inspect.Signature.empty):
        return {}, None
    if _is_named_tuple(return_annotation):
        hints = typing.get_type_hints(return_annotation, include_extras=True)
        return {name: hints[name] for name in return_annotation._fields}, return_annotation.__name__
    elements: tuple[Any, ...] | None = None
    if isinstance(return_annotation, tuple):
        elements = return_annotation
    elif typing.get_origin(return_annotation) is tuple:
        elements = typing.get_args(return_annotation)
        if Ellipsis in elements:
            raise FlyteValidationException(
                f"{where}: variadic tuple return {return_annotation} is not supported; list each output type."
            )
    elif return_annotation is tuple:
        raise FlyteValidationException(
            f"{where}: bare `tuple` return; annotate each output, e.g. Tuple[int, str]."
        )
    if elements is not None:
        if len(elements) == 1:
            raise FlyteValidationException(
                f"{where}: a one-element tuple return {return_annotation} is not allowed; return the type itself."
            )
        return {f"{OUTPUT_NAME_PREFIX}{i}": t for i, t in enumerate(elements)}, None
    return {f"{OUTPUT_NAME_PREFIX}0": return_annotation}, None


def transform_function_to_interface(
    fn: Callable[..., Any], docstring: Docstring | None = None, pickle_untyped: bool = False
) -> Interface:
    """The ``Interface`` of ``fn``; every parameter must be annotated, unless ``pickle_untyped``
    (then an un-annotated parameter, and a missing return annotation, mean ``typing.Any``: pickled)."""
    where = f"Function {getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', fn)}"
    try:
        hints = typing.get_type_hints(fn, include_extras=True)
    except NameError as exc:
        raise FlyteValidationException(f"{where}: cannot resolve a type annotation: {exc}") from exc
    signature = inspect.signature(fn)
    inputs: dict[str, Any] = {}
    for name, param in signature.parameters.items():
        if param.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            raise FlyteValidationException(
                f"{where}: *args and **kwargs are not supported in tasks or workflows."
            )
        if name not in hints and pickle_untyped:
            hints[name] = Any
        if name not in hints:
            raise FlyteMissingTypeException(
                f"{where}: parameter '{name}' has no type annotation; annotate it, e.g. `{name}: int`."
            )
        inputs[name] = (hints[name], param.default)
    returns = hints.get("return", Any if pickle_untyped else inspect.Signature.empty)
    outputs, tuple_name = extract_return_annotation(returns, where)
    return Interface(
        inputs, outputs, output_tuple_name=tuple_name, docstring=docstring or Docstring(callable_=fn)
    )


def _shared_output_descriptions(
    descriptions: dict[str | None, str], outputs: dict[str, Any]
) -> dict[str, str]:
    if len(descriptions) == 1:
        only = next(iter(descriptions.values()))
        return {name: only for name in outputs}
    return {k: v for k, v in descriptions.items() if k is not None}


def _artifact_partial_id(python_type: Any) -> artifact_id_pb2.ArtifactID | None:
    """The ``artifact_partial_id`` of an ``Annotated[T, MyArtifact(...)]`` type, else None."""
    artifacts = sys.modules.get("flytekit.core.artifact")
    if artifacts is None:  # no artifact was ever declared in this process
        return None
    for arg in typing.get_args(python_type):
        if isinstance(arg, artifacts.Artifact):
            return arg().to_partial_artifact_id()  # type: ignore[no-any-return]
        if isinstance(arg, artifacts.ArtifactIDSpecification):
            return arg.to_partial_artifact_id()  # type: ignore[no-any-return]
    return None


def transform_variable_map(
    variables: dict[str, Any], descriptions: dict[str, str] | None = None
) -> dict[str, interface_pb2.Variable]:
    """name -> ``Variable`` (LiteralType + description, defaulting to the name, and the artifact an
    ``Annotated[T, MyArtifact]`` output publishes)."""
    result = {}
    for name, python_type in variables.items():
        partial_id = _artifact_partial_id(python_type)
        try:
            literal_type = TypeEngine.to_literal_type(python_type)
        except (TypeTransformerFailedError, ValueError) as exc:
            raise FlyteValidationException(f"Variable '{name}' of type {python_type}: {exc}") from exc
        result[name] = interface_pb2.Variable(
            type=literal_type,
            description=(descriptions or {}).get(name) or name,
            artifact_partial_id=partial_id,
        )
    return result


def verify_outputs_artifact_bindings(
    inputs: dict[str, Any],
    outputs: dict[str, interface_pb2.Variable],
    allow_partial_artifact_id_binding: bool = False,
) -> None:
    """Partitions of published outputs bound to inputs must name real inputs; partitions left to run
    time (``DYNAMIC_INPUT_BINDING``) are only allowed when ``allow_partial_artifact_id_binding``
    (tasks: their body can set them; workflows cannot)."""
    from flytekit.core.sentinel import DYNAMIC_INPUT_BINDING

    for out_name, var in outputs.items():
        if not var.HasField("artifact_partial_id"):
            continue
        partial = var.artifact_partial_id
        for key, value in partial.partitions.value.items():
            if value == DYNAMIC_INPUT_BINDING:
                if not allow_partial_artifact_id_binding:
                    raise FlyteValidationException(
                        f"Binding a partition {key}'s value dynamically is not allowed for workflows"
                    )
                continue
            if value.HasField("input_binding") and value.input_binding.var not in inputs:
                raise FlyteValidationException(
                    f"Output partition {out_name} is bound to input {value.input_binding.var} which does not "
                    "exist in the interface"
                )
        if partial.HasField("time_partition"):
            value = partial.time_partition.value
            if value == DYNAMIC_INPUT_BINDING and not allow_partial_artifact_id_binding:
                raise FlyteValidationException(
                    "Binding a time partition's value dynamically is not allowed for workflows"
                )
            if value.HasField("input_binding") and value.input_binding.var not in inputs:
                raise FlyteValidationException(
                    f"Output time partition is bound to input {value.input_binding.var} which does not exist "
                    "in the interface"
                )


def transform_interface_to_typed_interface(
    interface: Interface, allow_partial_artifact_id_binding: bool = False
) -> interface_pb2.TypedInterface:
    """The IDL interface of ``interface``; see ``verify_outputs_artifact_bindings`` for the flag."""
    input_descriptions: dict[str, str] = {}
    output_descriptions: dict[str, str] = {}
    if interface.docstring is not None:
        input_descriptions = interface.docstring.input_descriptions
        output_descriptions = _shared_output_descriptions(
            interface.docstring.output_descriptions, interface.outputs
        )
    inputs = transform_variable_map(interface.inputs, input_descriptions)
    outputs = transform_variable_map(interface.outputs, output_descriptions)
    verify_outputs_artifact_bindings(interface.inputs, outputs, allow_partial_artifact_id_binding)
    return interface_pb2.TypedInterface(
        inputs=interface_pb2.VariableMap(variables=inputs),
        outputs=interface_pb2.VariableMap(variables=outputs),
    )


def transform_interface_to_list_interface(
    interface: Interface,
    bound_inputs: typing.AbstractSet[str],
    excluded_inputs: typing.AbstractSet[str] = frozenset(),
    optional_outputs: bool = False,
) -> Interface:
    """The interface of a map over ``interface`` (``map_task``, ``array_node``).

    Every input becomes ``List[T]`` except the bound ones (kept as ``T``, the same value for every
    element); ``excluded_inputs`` (a launch plan's fixed inputs) disappear; every output becomes
    ``List[T]``, or ``List[Optional[T]]`` when failed elements may leave holes. Defaults and the
    docstring are not carried over, as in flytekit.
    """
    inputs = {
        name: t if name in bound_inputs else _list_of(t)
        for name, t in interface.inputs.items()
        if name not in excluded_inputs
    }
    outputs = {
        name: _list_of(typing.Optional[t] if optional_outputs else t)  # noqa: UP045
        for name, t in interface.outputs.items()
    }
    return Interface(inputs, outputs)


def _list_of(t: Any) -> Any:
    """``typing.List[t]``: flytekit's spelling, which shows in messages (``typing.List[int]``)."""
    return typing.List[t]  # noqa: UP006
