"""Task basics: ``TaskMetadata``, the ``TaskResolverMixin`` seam, and ``PythonTask``.

``PythonTask`` owns what every Python-defined task shares: a name, a typed interface, metadata, the
call protocol (see ``flytekit.core.promise``) and ``dispatch_execute`` — the one place user code
runs, given a ``LiteralMap`` of inputs and returning one of outputs. ``dispatch_execute`` is the
error boundary: a failure converting inputs is a system error, an exception from the user's
function is wrapped in ``FlyteUserRuntimeException`` (keeping it, with its traceback, as ``value``
and ``__cause__``), and returning values that do not fit the declared outputs is a user type error.
"""

from __future__ import annotations

import abc
import collections
import datetime
import logging
import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit._version import __version__
from flytekit.core.calling import flyte_entity_call_handler, translate_inputs_to_literals
from flytekit.core.context_manager import (
    ExecutionState,
    FlyteContext,
    FlyteContextManager,
    FlyteEntities,
    new_local_working_dir,
)
from flytekit.core.docstring import Docstring
from flytekit.core.interface import Interface, transform_interface_to_typed_interface
from flytekit.core.promise import Promise, create_task_output
from flytekit.core.task_extras import DEFAULT_DECK_FIELDS, merge_documentation, resolve_deck_settings
from flytekit.core.tracker import TrackedInstance
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlyteAssertion, FlyteUserRuntimeException

if TYPE_CHECKING:
    from flyteidl.core import dynamic_job_pb2, literals_pb2, tasks_pb2, workflow_pb2
else:
    dynamic_job_pb2 = lazy_module("flyteidl.core.dynamic_job_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

if TYPE_CHECKING:
    from flytekit.configuration import SerializationSettings
    from flytekit.models.documentation import Documentation

logger = logging.getLogger(__name__)


def kwtypes(**kwargs: Any) -> collections.OrderedDict[str, Any]:
    """``kwtypes(a=int, b=str)``: an ordered name -> type mapping for interfaces."""
    return collections.OrderedDict(kwargs)


class IgnoreOutputs(Exception):
    """Raised by a task to make ``pyflyte-execute`` write no outputs (non-leader workers)."""


@dataclass
class TaskMetadata:
    """Per-task platform behaviour: caching, retries, timeout, interruptibility, deprecation."""

    cache: bool = False
    cache_serialize: bool = False
    cache_version: str = ""
    cache_ignore_input_vars: tuple[str, ...] = ()
    interruptible: bool | None = None
    deprecated: str = ""
    retries: int = 0
    timeout: datetime.timedelta | int | None = None
    pod_template_name: str | None = None
    generates_deck: bool = False
    is_eager: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.timeout:
            if isinstance(self.timeout, int):
                self.timeout = datetime.timedelta(seconds=self.timeout)
            elif not isinstance(self.timeout, datetime.timedelta):
                raise ValueError(
                    f"timeout should be duration represented as either a datetime.timedelta or int seconds, "
                    f"got {self.timeout!r}"
                )
        if self.cache and not self.cache_version:
            raise ValueError(
                "Caching is enabled ``cache=True`` but ``cache_version`` is not set; pass cache_version='1' or "
                "cache=Cache(version='1') (and change it whenever the task's behaviour changes)."
            )
        if self.cache_serialize and not self.cache:
            raise ValueError(
                "Cache serialize is enabled ``cache_serialize=True`` but ``cache`` is not enabled."
            )
        if self.cache_ignore_input_vars and not self.cache:
            raise ValueError(
                f"Cache ignore input vars are specified ``cache_ignore_input_vars={self.cache_ignore_input_vars}`` "
                "but ``cache`` is not enabled."
            )

    @property
    def retry_strategy(self) -> literals_pb2.RetryStrategy:
        return literals_pb2.RetryStrategy(retries=self.retries)

    def to_taskmetadata_model(self) -> tasks_pb2.TaskMetadata:
        md = tasks_pb2.TaskMetadata(
            discoverable=self.cache,
            runtime=tasks_pb2.RuntimeMetadata(
                type=tasks_pb2.RuntimeMetadata.FLYTE_SDK, version=__version__, flavor="python"
            ),
            retries=literals_pb2.RetryStrategy(retries=self.retries),
            discovery_version=self.cache_version,
            deprecated_error_message=self.deprecated,
            cache_serializable=self.cache_serialize,
            pod_template_name=self.pod_template_name or "",
            cache_ignore_input_vars=list(self.cache_ignore_input_vars),
            is_eager=self.is_eager,
        )
        if self.timeout:
            assert isinstance(self.timeout, datetime.timedelta)
            md.timeout.FromTimedelta(self.timeout)
        if self.interruptible is not None:
            md.interruptible = self.interruptible
        md.generates_deck.value = self.generates_deck
        md.generates_deck.SetInParent()
        md.metadata.SetInParent()
        md.metadata.labels.update(self.labels)
        md.metadata.annotations.update(self.annotations)
        return md


class TaskResolverMixin(abc.ABC):
    """Finds a task again inside its container from ``loader_args`` (the args after ``--``)."""

    @property
    @abc.abstractmethod
    def location(self) -> str:
        """Dotted path of this resolver object, passed as ``--resolver``."""

    @abc.abstractmethod
    def name(self) -> str: ...

    @abc.abstractmethod
    def load_task(self, loader_args: list[str]) -> PythonTask:
        """The task named by ``loader_args``."""

    @abc.abstractmethod
    def loader_args(self, settings: SerializationSettings, t: PythonTask) -> list[str]:
        """The args that make ``load_task`` find ``t`` again."""

    def get_all_tasks(self) -> list[PythonTask]:
        return []


class PythonTask(TrackedInstance):
    """A task defined in Python: name, type, interface, metadata, the call protocol and ``dispatch_execute``.

    Every task is recorded in ``FlyteEntities`` when created (packaging finds a module's tasks there)
    and remembers the module whose top-level code created it (``TrackedInstance``).
    """

    def __init__(
        self,
        task_type: str,
        name: str,
        interface: Interface,
        metadata: TaskMetadata | None = None,
        task_type_version: int = 0,
        docs: Documentation | Docstring | None = None,
        security_ctx: Any = None,
        enable_deck: bool | None = None,
        disable_deck: bool | None = None,
        deck_fields: tuple[Any, ...] | None = DEFAULT_DECK_FIELDS,
    ) -> None:
        self._task_type = task_type
        self._name = name
        self._python_interface = interface
        self._interface = transform_interface_to_typed_interface(
            interface, allow_partial_artifact_id_binding=True
        )
        self._metadata = metadata or TaskMetadata()
        self._task_type_version = task_type_version
        # Merged on first use (see ``docs``): building it needs flytekit.models, not needed to declare a task.
        self._docs_given = docs
        self._docs_merged = False
        self._docs: Documentation | None = None
        self._security_ctx = security_ctx
        self._enable_deck, self._deck_fields = resolve_deck_settings(
            name, enable_deck, disable_deck, deck_fields
        )
        FlyteEntities.entities.append(self)

    @property
    def name(self) -> str:
        return self._name

    @property
    def task_type(self) -> str:
        return self._task_type

    @property
    def task_type_version(self) -> int:
        return self._task_type_version

    @property
    def python_interface(self) -> Interface:
        return self._python_interface

    @property
    def interface(self) -> Any:
        """The ``flyteidl.core.TypedInterface`` of this task."""
        return self._interface

    @property
    def metadata(self) -> TaskMetadata:
        return self._metadata

    @property
    def docs(self) -> Documentation | None:
        """What the task's description entity says (from ``docs=`` and the docstring); None: no description."""
        if not self._docs_merged:
            self._docs = merge_documentation(self._docs_given, self._python_interface.docstring)
            self._docs_merged = True
        return self._docs

    @property
    def compiles_at_run_time(self) -> bool:
        """Dynamic and eager tasks: their container gets the serialization settings (``_F_SS_C``)."""
        return False

    @property
    def security_context(self) -> Any:
        """A ``flyteidl.core.SecurityContext`` (secrets the task asks for) or None."""
        return self._security_ctx

    @property
    def enable_deck(self) -> bool:
        return self._enable_deck

    @property
    def deck_fields(self) -> list[Any]:
        return list(self._deck_fields)

    # ---- what the compiler asks for (see flytekit.tools.translator)
    def get_container(self, settings: SerializationSettings) -> tasks_pb2.Container | None:
        return None

    def get_custom(self, settings: SerializationSettings) -> dict[str, Any] | None:
        return None

    def get_config(self, settings: SerializationSettings) -> dict[str, str] | None:
        return None

    def get_k8s_pod(self, settings: SerializationSettings) -> tasks_pb2.K8sPod | None:
        return None

    def get_extended_resources(self, settings: SerializationSettings) -> tasks_pb2.ExtendedResources | None:
        return None

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata:
        md = workflow_pb2.NodeMetadata(
            name=self._name.split(".")[-1], retries=literals_pb2.RetryStrategy(retries=self._metadata.retries)
        )
        if self._metadata.timeout:
            assert isinstance(self._metadata.timeout, datetime.timedelta)
            md.timeout.FromTimedelta(self._metadata.timeout)
        if self._metadata.interruptible is not None:
            md.interruptible = self._metadata.interruptible
        return md

    # ---- calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return flyte_entity_call_handler(self, *args, **kwargs)

    @abc.abstractmethod
    def execute(self, **kwargs: Any) -> Any:
        """Run the task body with native Python inputs; returns native outputs."""

    def local_execute(self, ctx: FlyteContext, **kwargs: Any) -> Any:
        """Run now, in-process, with literal round trips; returns promises holding the output literals."""
        input_map = translate_inputs_to_literals(ctx, self, kwargs)
        from flytekit.core.local_cache import run_with_local_cache

        md = self._metadata
        try:

            def run() -> literals_pb2.LiteralMap:
                outputs = self.dispatch_execute(ctx, input_map)
                if not isinstance(outputs, literals_pb2.LiteralMap):
                    raise FlyteAssertion(f"Task '{self._name}' produced a dynamic job spec in a local run.")
                return outputs

            output_map = run_with_local_cache(
                self._name, md.cache, md.cache_version, md.cache_ignore_input_vars, input_map, run
            )
        except FlyteUserRuntimeException as exc:
            prefixed = _prefixed(exc.value, f"Error encountered while executing '{self._name}'")
            if prefixed is exc.value:
                raise prefixed from None
            raise prefixed from exc.value
        promises = [Promise(var, output_map.literals[var]) for var in self._python_interface.outputs]
        return create_task_output(promises, self._python_interface, self._name)

    def dispatch_execute(
        self, ctx: FlyteContext, input_literal_map: literals_pb2.LiteralMap
    ) -> literals_pb2.LiteralMap | dynamic_job_pb2.DynamicJobSpec:
        """Convert inputs, run user code inside the error boundary, convert outputs.

        A task whose ``execute`` already returns a LiteralMap (a dynamic task run locally, or one that
        created no nodes) or a DynamicJobSpec (a dynamic task in its container) passes it through.
        """
        native_inputs = TypeEngine.literal_map_to_kwargs(
            ctx, input_literal_map, self._python_interface.inputs
        )
        outer = ctx.execution_state
        mode = ExecutionState.Mode.TASK_EXECUTION
        if outer is None or outer.mode != ExecutionState.Mode.TASK_EXECUTION:
            mode = ExecutionState.Mode.LOCAL_TASK_EXECUTION
        params = ctx.user_space_params
        working_dir = new_local_working_dir(ctx)
        checkpoint = None
        if mode == ExecutionState.Mode.LOCAL_TASK_EXECUTION:
            # Locally every invocation checkpoints into its own folder, with nothing to resume from.
            from flytekit.core.checkpointer import SyncCheckpoint

            checkpoint = SyncCheckpoint(checkpoint_dest=os.path.join(working_dir, "__cp"))
        es = (outer or ctx.new_execution_state(working_dir)).with_params(
            working_dir=working_dir,
            mode=mode,
            user_space_params=params.with_task_sandbox(working_dir, checkpoint) if params else None,
        )
        if es.user_space_params is not None:
            es.user_space_params.enable_deck = self.enable_deck
        with FlyteContextManager.with_context(ctx.with_execution_state(es)) as exec_ctx:
            started = (time.time(), time.process_time())
            try:
                native_outputs = self.execute(**native_inputs)
            except IgnoreOutputs:
                raise
            except Exception as exc:
                raise FlyteUserRuntimeException(exc) from exc
            if isinstance(native_outputs, literals_pb2.LiteralMap | dynamic_job_pb2.DynamicJobSpec):
                return native_outputs
            output_map = self._outputs_to_literal_map(exec_ctx, native_outputs)
            if self.enable_deck and es.user_space_params is not None:
                from flytekit.deck.task_decks import write_task_decks

                write_task_decks(self, es.user_space_params, native_inputs, native_outputs, started)
            return output_map

    def _outputs_to_literal_map(self, ctx: FlyteContext, native_outputs: Any) -> literals_pb2.LiteralMap:
        outputs = self._python_interface.outputs
        names = list(outputs)
        if not names:
            if native_outputs is not None:
                logger.warning(
                    "Task '%s' declares no outputs but returned %r; ignoring it.", self._name, native_outputs
                )
            return literals_pb2.LiteralMap()
        # Misshapen returns and failed conversions raise what flytekit 1.16 raises (TypeError,
        # IndexError, AssertionError, or the transformer's own error class), so that user code
        # catching those keeps working; the messages say which task and output.
        if len(names) == 1:
            if isinstance(native_outputs, tuple) and not hasattr(outputs[names[0]], "_fields"):
                raise TypeError(
                    f"Output({names[0]}) in task '{self._name}' received a tuple {native_outputs}, "
                    f"instead of {outputs[names[0]]}"
                )
            values = [native_outputs]
        else:
            values = _several_outputs(self._name, names, native_outputs)
        literals = {}
        variables = self._interface.outputs.variables
        for position, (name, value) in enumerate(zip(names, values, strict=True)):
            try:
                literals[name] = TypeEngine.to_literal(ctx, value, outputs[name], variables[name].type)
            except Exception as exc:
                where = position if name == f"o{position}" else name
                exc.args = (
                    f"Failed to convert outputs of task '{self._name}' at position {where}.\n"
                    f"Failed to convert type {type(value)} to type {outputs[name]}.\n"
                    f"Error Message: {exc.args[0] if exc.args else exc}.",
                )
                raise
        tracker = ctx.output_metadata_tracker
        if tracker is not None and tracker.output_metadata:
            from flytekit.core.artifact_utils import output_literal_metadata

            for name, value in zip(names, values, strict=True):
                described = tracker.get(value)
                entries = output_literal_metadata(ctx, described, name) if described else {}
                if entries:
                    literals[name].metadata.clear()
                    literals[name].metadata.update(entries)
        return literals_pb2.LiteralMap(literals=literals)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self._name!r})"


def _several_outputs(task: str, names: list[str], native_outputs: Any) -> list[Any]:
    """The values of a task declaring several outputs, checked against the declared count."""
    declared = f"Task '{task}' declares {len(names)} outputs ({', '.join(names)})"
    if not isinstance(native_outputs, tuple | list):
        raise TypeError(f"{declared} but returned {native_outputs!r}; return a tuple of {len(names)} values.")
    if len(native_outputs) > len(names):
        raise IndexError(f"{declared} but returned {len(native_outputs)} values: {native_outputs!r}.")
    if len(native_outputs) < len(names):
        raise FlyteAssertion(f"{declared} but returned only {len(native_outputs)}: {native_outputs!r}.")
    return list(native_outputs)


def _prefixed(exc: BaseException, prefix: str) -> BaseException:
    """The same exception type with ``prefix`` in front of its message (the original when impossible)."""
    try:
        new = type(exc)(f"{prefix}:\n  {exc}")
    except Exception:
        return exc
    return new.with_traceback(exc.__traceback__)


def __getattr__(name: str) -> Any:
    # flytekit also exposes SecurityContext here (``from flytekit.core.base_task import SecurityContext``).
    if name == "SecurityContext":
        from flytekit.models.security import SecurityContext

        return SecurityContext
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
