"""``map_task``: run one task over every element of its list inputs, as an ArrayNode.

``map_task(t)`` wraps a ``PythonFunctionTask`` (or a ``functools.partial`` of one, whose keywords
stay scalar for every element, or a ``PythonInstanceTask``) in an ``ArrayNodeMapTask`` whose
interface maps ``T -> List[T]`` for every unbound input and every output (``List[Optional[T]]``
when ``min_success_ratio`` is below 1, so failed elements can be None). ``map_task`` over a launch
plan (or a reference entity) builds an ``ArrayNode`` instead (``flytekit.core.array_node``).

The mapped task is named ``<module>.map_<function>_<md5 of bound inputs, concurrency,
min_successes, min_success_ratio>-arraynode`` and serializes as flytekit 1.16 does: a
``python-task`` of version 1 whose container runs ``pyflyte-map-execute`` with the
``ArrayNodeMapTaskResolver`` and loader args ``vars <bound inputs> resolver <inner resolver>
<inner loader args>``; the workflow node is an ``arrayNode`` (``flytekit.tools.array_nodes``).

Where it runs:

* in a container (``pyflyte-map-execute``), one element per pod: the element index is
  ``BATCH_JOB_ARRAY_INDEX_OFFSET`` plus the value of the variable named by
  ``BATCH_JOB_ARRAY_INDEX_VAR_NAME``; the inner task runs on that element and writes its own,
  single-element outputs;
* locally, the inner task's body runs once per element, in order, and the outputs are collected
  into lists; a failure is tolerated (its slot is None) while the successes can still reach the
  threshold, otherwise the element's exception propagates. With local parallelism enabled
  (``flytekit.core.local_parallelism``) elements run concurrently and the outcome is the same.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import logging
import math
import os
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core import local_parallelism
from flytekit.core.base_task import PythonTask, TaskMetadata, TaskResolverMixin
from flytekit.core.context_manager import ExecutionState, FlyteContext, FlyteContextManager
from flytekit.core.interface import transform_interface_to_list_interface
from flytekit.core.python_function_task import PythonFunctionTask, PythonInstanceTask
from flytekit.core.tracker import extract_task_module
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import dynamic_job_pb2, literals_pb2, tasks_pb2, workflow_pb2
    from flytekit.configuration import SerializationSettings
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

logger = logging.getLogger(__name__)

ARRAY_INDEX_OFFSET_ENV_VAR = "BATCH_JOB_ARRAY_INDEX_OFFSET"
ARRAY_INDEX_VAR_NAME_ENV_VAR = "BATCH_JOB_ARRAY_INDEX_VAR_NAME"

# Keyword arguments flytekit's task base classes take; map_task passes them on like it does.
_TASK_KWARGS = frozenset(
    {
        "metadata",
        "security_ctx",
        "docs",
        "environment",
        "enable_deck",
        "disable_deck",
        "deck_fields",
        "max_concurrency",
    }
)


def array_job_index(environ: Mapping[str, str] | None = None) -> int:
    """The element this container handles: the offset plus the array index variable's value."""
    environ = os.environ if environ is None else environ
    offset = environ.get(ARRAY_INDEX_OFFSET_ENV_VAR) or "0"
    var_name = environ.get(ARRAY_INDEX_VAR_NAME_ENV_VAR)
    index = environ.get(var_name, "0") if var_name else "0"
    return int(offset) + int(index)


def _unwrap_target(
    target: Any,
) -> tuple[PythonFunctionTask | PythonInstanceTask, functools.partial[Any] | None]:
    """The task to map and the partial binding some of its inputs (if any)."""
    partial = target if isinstance(target, functools.partial) else None
    task = partial.func if partial is not None else target
    if partial is not None and partial.args:
        raise ValueError(
            f"map_task of functools.partial({getattr(task, 'name', task)!r}, ...) binds positional arguments; bind "
            "inputs by keyword instead, e.g. functools.partial(t, y=10)."
        )
    execution_mode = getattr(task, "execution_mode", None)
    is_plain_function_task = isinstance(task, PythonFunctionTask) and (
        execution_mode is None or getattr(execution_mode, "name", "DEFAULT") == "DEFAULT"
    )
    if not (is_plain_function_task or isinstance(task, PythonInstanceTask)):
        raise ValueError(
            "Only PythonFunctionTask with default execution mode (not @dynamic or @eager) and PythonInstanceTask "
            "are supported in map tasks."
        )
    return typing.cast(PythonFunctionTask | PythonInstanceTask, task), partial


class ArrayNodeMapTask(PythonTask):
    """A task mapped over list inputs; see the module docstring."""

    # A local call missing a mapped input raises KeyError in flytekit 1.16 (the element lookup
    # fails), unlike a plain task's TypeError; calling.translate_inputs_to_literals reads this.
    missing_input_error: type[Exception] = KeyError

    def __init__(
        self,
        python_function_task: PythonFunctionTask | PythonInstanceTask | functools.partial[Any],
        concurrency: int | None = None,
        min_successes: int | None = None,
        min_success_ratio: float | None = None,
        bound_inputs: set[str] | None = None,
        bound_inputs_values: dict[str, Any] | None = None,
        run_all_sub_nodes: bool = False,
        **kwargs: Any,
    ) -> None:
        task, partial = _unwrap_target(python_function_task)
        n_outputs = len(task.python_interface.outputs)
        if n_outputs > 1:
            raise ValueError("Only tasks with a single output are supported in map tasks.")
        if bound_inputs and bound_inputs_values and set(bound_inputs) != set(bound_inputs_values):
            raise ValueError("bound_inputs and bound_inputs_values should have the same keys if both set")
        unknown = sorted(set(kwargs) - _TASK_KWARGS)
        if unknown:
            logger.warning("map_task of '%s' ignores the argument(s) %s.", task.name, ", ".join(unknown))

        self._partial = partial
        self._run_task = task
        self._bound_inputs: set[str] = set(bound_inputs or ())
        if partial is not None:
            self._bound_inputs.update(partial.keywords)
        self._bound_inputs_values: dict[str, Any] = dict(bound_inputs_values or {})
        self._bound_inputs.update(self._bound_inputs_values)
        self._concurrency = concurrency
        self._min_successes = min_successes
        self._min_success_ratio = min_success_ratio
        self._run_all_sub_nodes = run_all_sub_nodes

        optional_outputs = min_success_ratio is not None and min_success_ratio != 1 and n_outputs == 1
        interface = transform_interface_to_list_interface(
            task.python_interface, self._bound_inputs, frozenset(), optional_outputs
        )
        if isinstance(task, PythonInstanceTask):
            module, attribute = task.task_type, task.lhs  # flytekit names instance maps after the task type
        else:
            _, module, attribute, _ = extract_task_module(task.task_function)
        digest = hashlib.md5(
            f"{','.join(sorted(self._bound_inputs))}{concurrency}{min_successes}{min_success_ratio}".encode()
        ).hexdigest()
        # Exactly the two base classes (not subclasses, not plugins) run with minimal per-element state.
        self._execution_mode_name = (
            "MINIMAL_STATE" if type(task) in (PythonFunctionTask, PythonInstanceTask) else "FULL_STATE"
        )
        metadata: TaskMetadata = kwargs.get("metadata") or task.metadata
        self._security_context = kwargs.get("security_ctx") or getattr(task, "security_context", None)
        super().__init__(
            task_type=task.task_type,
            name=f"{module}.map_{attribute}_{digest}-arraynode",
            interface=interface,
            metadata=metadata,
            task_type_version=1,
            docs=kwargs.get("docs"),
        )
        # The inner node's metadata: the task's retries, timeout and interruptible flag under the map's
        # name. One object per map task: node overrides change it for every call (flytekit does so).
        self._sub_node_metadata = super().construct_node_metadata()
        self._sub_node_metadata.name = self.name

    # ---- what the array node serializes
    @property
    def python_function_task(self) -> PythonFunctionTask | PythonInstanceTask:
        return self._run_task

    @property
    def bound_inputs(self) -> set[str]:
        return set(self._bound_inputs)

    @property
    def concurrency(self) -> int | None:
        return self._concurrency

    @property
    def min_successes(self) -> int | None:
        return self._min_successes

    @property
    def min_success_ratio(self) -> float | None:
        return self._min_success_ratio

    @property
    def run_all_sub_nodes(self) -> bool:
        return self._run_all_sub_nodes

    @property
    def is_original_sub_node_interface(self) -> bool:
        return False

    @property
    def execution_mode(self) -> int:
        """``flyteidl.core.ArrayNode.ExecutionMode`` value of this map."""
        return int(workflow_pb2.ArrayNode.ExecutionMode.Value(self._execution_mode_name))

    @property
    def security_context(self) -> Any:
        return self._security_context

    def construct_node_metadata(self) -> workflow_pb2.NodeMetadata:
        """Metadata of the array node in the workflow (the mapped sub-node has ``sub_node_metadata``)."""
        return workflow_pb2.NodeMetadata(name=self.name, retries=literals_pb2.RetryStrategy())

    @property
    def sub_node_metadata(self) -> workflow_pb2.NodeMetadata:
        """The inner node's metadata (``with_overrides`` on a call of this map task changes it)."""
        return self._sub_node_metadata

    def get_command(self, settings: SerializationSettings) -> list[str]:
        resolver = ArrayNodeMapTaskResolver()
        command = [
            "pyflyte-map-execute",
            "--inputs",
            "{{.input}}",
            "--output-prefix",
            "{{.outputPrefix}}",
            "--raw-output-data-prefix",
            "{{.rawOutputDataPrefix}}",
            "--checkpoint-path",
            "{{.checkpointOutputPrefix}}",
            "--prev-checkpoint",
            "{{.prevCheckpointPrefix}}",
            "--resolver",
            resolver.location,
            "--",
            *resolver.loader_args(settings, self),
        ]
        fast = settings.fast_serialization_settings
        if fast is not None and fast.enabled:
            return [
                "pyflyte-fast-execute",
                "--additional-distribution",
                fast.distribution_location or "{{ .remote_package_path }}",
                "--dest-dir",
                fast.destination_dir or "{{ .dest_dir }}",
                "--",
                *command,
            ]
        return command

    def get_container(self, settings: SerializationSettings) -> tasks_pb2.Container | None:
        """The inner task's container (image, env, resources) running the map command instead."""
        container: tasks_pb2.Container | None = self._run_task.get_container(settings)
        if container is None:
            return None
        del container.args[:]
        container.args.extend(self.get_command(settings))
        return container

    def get_k8s_pod(self, settings: SerializationSettings) -> tasks_pb2.K8sPod | None:
        """The inner task's pod template, its primary container running the map command."""
        from flytekit.core.pod_template import k8s_pod_from_template

        pod_template = getattr(self._run_task, "pod_template", None)
        if pod_template is None:
            return None
        container: tasks_pb2.Container = self._run_task._get_container(settings)
        del container.args[:]
        container.args.extend(self.get_command(settings))
        return k8s_pod_from_template(pod_template, container, settings)

    def get_custom(self, settings: SerializationSettings) -> dict[str, Any] | None:
        return self._run_task.get_custom(settings) or None

    def get_config(self, settings: SerializationSettings) -> dict[str, str] | None:
        return self._run_task.get_config(settings)

    # ---- calling and running
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._partial is not None:
            kwargs = {**self._partial.keywords, **kwargs}
        kwargs.update(self._bound_inputs_values)
        return super().__call__(*args, **kwargs)

    def dispatch_execute(
        self, ctx: FlyteContext, input_literal_map: literals_pb2.LiteralMap
    ) -> literals_pb2.LiteralMap | dynamic_job_pb2.DynamicJobSpec:
        """In a container, run the inner task on this pod's element; locally, map over all of them."""
        if ctx.execution_state is not None and ctx.execution_state.mode == ExecutionState.Mode.TASK_EXECUTION:
            return self._run_task.dispatch_execute(
                ctx, self._element_inputs(input_literal_map, array_job_index())
            )
        return super().dispatch_execute(ctx, input_literal_map)

    def _element_inputs(self, inputs: literals_pb2.LiteralMap, index: int) -> literals_pb2.LiteralMap:
        element = {}
        for name in self.python_interface.inputs:
            literal = inputs.literals[name]
            if name in self._bound_inputs:
                element[name] = literal
                continue
            if literal.WhichOneof("value") != "collection":
                raise ValueError(f"Expected a list of literals for {name}")
            element[name] = literal.collection.literals[index]
        return literals_pb2.LiteralMap(literals=element)

    def execute(self, **kwargs: Any) -> Any:
        ctx = FlyteContextManager.current_context()
        if ctx.execution_state is not None and ctx.execution_state.mode == ExecutionState.Mode.TASK_EXECUTION:
            return self._run_task.execute(**kwargs)
        return self._map_locally(kwargs)

    def _mapped_count(self, kwargs: dict[str, Any]) -> int:
        """Elements to run: the length of the first unbound list input, in the task's input order."""
        for name in self._run_task.python_interface.inputs:
            value = kwargs.get(name)
            if isinstance(value, list) and name not in self._bound_inputs:
                return len(value)
        return 0

    def _element_kwargs(self, kwargs: dict[str, Any], index: int) -> dict[str, Any]:
        return {
            name: value[index] if isinstance(value, list) and name not in self._bound_inputs else value
            for name, value in kwargs.items()
            if name in self.python_interface.inputs
        }

    def _required_successes(self, count: int) -> int:
        if self._min_successes:
            return self._min_successes
        if self._min_success_ratio:
            return math.ceil(count * self._min_success_ratio)
        return count

    def _map_locally(self, kwargs: dict[str, Any]) -> list[Any] | None:
        count = self._mapped_count(kwargs)
        calls: list[Callable[[], Any]] = []
        build_error: Exception | None = None
        for index in range(count):
            try:
                calls.append(functools.partial(self._run_task.execute, **self._element_kwargs(kwargs, index)))
            except (
                Exception
            ) as exc:  # an input list shorter than the first: fails when that element is reached
                build_error = exc
                break
        required = self._required_successes(count)
        outputs: list[Any] = []
        failed = 0
        workers = local_parallelism.workers_for(self._concurrency) if len(calls) > 1 else 1
        with local_parallelism.ordered_outcomes(calls, workers) as outcomes:
            for outcome in outcomes:
                if outcome.error is None:
                    outputs.append(outcome.value)
                    continue
                outputs.append(None)
                failed += 1
                if count - failed < required:
                    logger.error("The number of successful tasks is lower than the minimum ratio")
                    raise outcome.error
        if build_error is not None:
            raise build_error
        return outputs if self.python_interface.outputs else None


def map_task(
    target: Any,
    concurrency: int | None = None,
    min_successes: int | None = None,
    min_success_ratio: float = 1.0,
    run_all_sub_nodes: bool = False,
    **kwargs: Any,
) -> Any:
    """Map ``target`` over list inputs: an ``ArrayNodeMapTask`` for tasks, an ``ArrayNode`` for launch plans.

    ``concurrency`` caps the elements running at once on the platform (None: the workflow's
    parallelism, 0: unbounded); ``min_successes`` / ``min_success_ratio`` set how many elements
    must succeed; ``run_all_sub_nodes`` keeps running the rest after the threshold is missed.
    """
    from flytekit.core.array_node import array_node, is_array_node_target

    if type(target).__name__ == "FlyteLaunchPlan":
        raise ValueError(
            f"map_task over a fetched launch plan ({target.name!r}) is not supported here yet; map over the "
            "local LaunchPlan object (or a reference launch plan) instead."
        )
    if is_array_node_target(target):
        return array_node(
            target=target,
            concurrency=concurrency,
            min_successes=min_successes,
            min_success_ratio=min_success_ratio,
            run_all_sub_nodes=run_all_sub_nodes,
        )
    return array_node_map_task(
        target,
        concurrency=concurrency,
        min_successes=min_successes,
        min_success_ratio=min_success_ratio,
        run_all_sub_nodes=run_all_sub_nodes,
        **kwargs,
    )


def array_node_map_task(
    task_function: Any,
    concurrency: int | None = None,
    min_success_ratio: float = 1.0,
    run_all_sub_nodes: bool = False,
    **kwargs: Any,
) -> ArrayNodeMapTask:
    """``map_task`` for tasks (``min_successes`` and task arguments go through ``kwargs``)."""
    return ArrayNodeMapTask(
        task_function,
        concurrency=concurrency,
        min_success_ratio=min_success_ratio,
        run_all_sub_nodes=run_all_sub_nodes,
        **kwargs,
    )


def _load_object(location: str) -> Any:
    module_name, _, attribute = location.rpartition(".")
    if not module_name:
        raise FlyteAssertion(f"{location!r} is not a dotted path like 'package.module.name'.")
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except AttributeError:
        raise FlyteAssertion(f"Module {module_name!r} has no attribute {attribute!r}.") from None


class ArrayNodeMapTaskResolver(TaskResolverMixin):
    """Finds a map task again in its container: the inner task through its own resolver, plus the bound inputs.

    Loader args: ``vars <comma-separated bound inputs> resolver <inner resolver> <inner loader args>``.
    ``--resolver`` names this class (not an instance); ``pyflyte-map-execute`` instantiates it.
    """

    @property
    def location(self) -> str:
        return f"{type(self).__module__}.{type(self).__qualname__}"

    def name(self) -> str:
        return self.location

    def load_task(self, loader_args: list[str], max_concurrency: int = 0) -> ArrayNodeMapTask:
        if len(loader_args) < 4 or loader_args[0] != "vars" or loader_args[2] != "resolver":
            raise FlyteAssertion(
                f"The map task resolver expects 'vars <names> resolver <resolver> <args...>', got {loader_args}"
            )
        _, bound_vars, _, inner_location, *inner_args = loader_args
        logger.info("Map task: inner resolver %s, arguments %s", inner_location, inner_args)
        inner = _load_object(inner_location)
        if isinstance(inner, type):
            inner = inner()
        if not isinstance(inner, TaskResolverMixin):
            raise FlyteAssertion(f"{inner_location!r} does not name a task resolver (got {inner!r}).")
        task = typing.cast(PythonFunctionTask | PythonInstanceTask, inner.load_task(inner_args))
        return ArrayNodeMapTask(
            task, bound_inputs=set(bound_vars.split(",")), max_concurrency=max_concurrency
        )

    def loader_args(self, settings: SerializationSettings, t: PythonTask) -> list[str]:
        if not isinstance(t, ArrayNodeMapTask):
            raise FlyteAssertion(f"The map task resolver only loads map tasks, not {t!r}.")
        inner = t.python_function_task
        resolver = inner.task_resolver
        return [
            "vars",
            ",".join(sorted(t.bound_inputs)),
            "resolver",
            resolver.location,
            *resolver.loader_args(settings, inner),
        ]

    def get_all_tasks(self) -> list[PythonTask]:
        raise FlyteAssertion(
            "The map task resolver cannot list map tasks; they are created by map_task calls."
        )
