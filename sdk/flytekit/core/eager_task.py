"""``@eager``: an ``async def`` task whose body drives other tasks and workflows with plain Python.

Inside the body every call of a ``@task``, ``@workflow``, launch plan or other ``@eager`` gives back
real values (eager and ``async def`` tasks must be awaited, so ``asyncio.gather`` runs them side by
side), and ordinary ``if``/``for``/``try`` replace ``conditional``.

* **Locally** the body runs on an event loop in-process (``EAGER_LOCAL_EXECUTION``); each call
  runs at once, as in a local workflow run, and its outputs come back as Python values.
* **In a cluster** (``pyflyte-execute``) each call becomes a separate execution launched through
  ``FlyteRemote`` and awaited (``flytekit.core.eager_controlling``).

Registering an eager task also registers, as flytekit does, a workflow of the same name wrapping
it (one node ``n0``) whose failure node ``efn`` runs ``<name>-cleanup``: an
``eager_failure_handler_task`` that terminates the executions the eager task left running. That
workflow's default launch plan is what users launch.

``@eager(remote=FlyteRemote(...))`` makes the pod launch through that remote;
``client_secret_group``/``client_secret_key`` name the secret holding the client-credentials
secret the pod authenticates with (read from ``_FSEC_<GROUP>_<KEY>`` or ``/etc/secrets/<group>/<key>``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, overload

from flytekit._lazy import lazy_module
from flytekit.core.async_calling import run_coroutine_sync
from flytekit.core.base_task import PythonTask, TaskMetadata, TaskResolverMixin
from flytekit.core.constants import GLOBAL_INPUT_NODE_ID
from flytekit.core.context_manager import ExecutionState, FlyteContext, FlyteContextManager
from flytekit.core.interface import Interface
from flytekit.core.node import Node
from flytekit.core.python_auto_container import PythonAutoContainerTask
from flytekit.core.python_function_task import AsyncPythonFunctionTask, PythonFunctionTask
from flytekit.core.workflow import WorkflowBase, WorkflowMetadata, WorkflowMetadataDefaults
from flytekit.errors import FlyteAssertion, FlyteValidationException

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
    from flytekit.configuration import SerializationSettings
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")

EAGER_FAILURE_HANDLER_TASK_TYPE = "eager_failure_handler_task"
EAGER_NODE_ID = "n0"
EAGER_FAILURE_NODE_ID = "efn"


class EagerAsyncPythonFunctionTask(AsyncPythonFunctionTask):
    """The task ``@eager`` creates: ``is_eager`` metadata, decks on, body run as described above."""

    def __init__(
        self,
        task_config: Any,
        task_function: Callable[..., Any],
        task_type: str = "python-task",
        metadata: TaskMetadata | None = None,
        enable_deck: bool = True,
        remote: Any = None,
        client_secret_group: str | None = None,
        client_secret_key: str | None = None,
        **kwargs: Any,
    ) -> None:
        if (client_secret_group is None) != (client_secret_key is None):
            raise FlyteValidationException(
                "@eager: give both client_secret_group and client_secret_key (the secret holding the client "
                "credentials its pod uses to reach Flyte), or neither."
            )
        if not inspect.iscoroutinefunction(task_function):
            raise FlyteValidationException(
                f"@eager needs an `async def` function; {getattr(task_function, '__qualname__', task_function)!r} "
                "is a plain function. Declare it `async def` (or use @workflow / @dynamic)."
            )
        kwargs.pop("execution_mode", None)
        metadata = metadata or TaskMetadata()
        metadata.is_eager = True
        metadata.generates_deck = enable_deck
        super().__init__(
            task_config,
            task_function,
            task_type,
            metadata=metadata,
            execution_mode=PythonFunctionTask.ExecutionBehavior.EAGER,
            enable_deck=enable_deck,
            **kwargs,
        )
        self._as_workflow: EagerWorkflow | None = None
        self._remote = remote
        self._client_secret = (
            None if client_secret_group is None else (client_secret_group, client_secret_key or "")
        )

    @property
    def remote(self) -> Any:
        """The ``FlyteRemote`` given to ``@eager(remote=...)``, used instead of one built from the config."""
        return self._remote

    @property
    def client_secret(self) -> tuple[str, str] | None:
        """(group, key) of the secret with the client-credentials secret, when given."""
        return self._client_secret

    def execute(self, **kwargs: Any) -> Any:
        ctx = FlyteContextManager.current_context()
        es = ctx.execution_state
        if es is None or es.is_local_execution():
            base = es or ctx.new_execution_state()
            builder = ctx.with_execution_state(
                base.with_params(mode=ExecutionState.Mode.EAGER_LOCAL_EXECUTION)
            )
            with FlyteContextManager.with_context(builder):
                return run_coroutine_sync(self._task_function(**kwargs))
        from flytekit.core.eager_controlling import run_with_backend  # deferred: needs FlyteRemote

        return run_with_backend(self, kwargs)

    def get_as_workflow(self) -> EagerWorkflow:
        """The workflow that wraps this task for registration (created once)."""
        if self._as_workflow is None:
            self._as_workflow = EagerWorkflow(self)
        return self._as_workflow


class EagerFailureTaskResolver(TaskResolverMixin):
    """Loads the cleanup task in its container; the task needs no user code, so no module either."""

    @property
    def location(self) -> str:
        # flytekit's path; ``flytekit.core.python_function_task`` re-exports this object.
        return "flytekit.core.python_function_task.eager_failure_task_resolver"

    def name(self) -> str:
        return "eager_failure_task_resolver"

    def load_task(self, loader_args: list[str]) -> PythonTask:
        return EagerFailureHandlerTask(name="no_input_default_cleanup_task", inputs={})

    def loader_args(self, settings: SerializationSettings, t: PythonTask) -> list[str]:
        return ["eager", "failure", "handler"]


eager_failure_task_resolver = EagerFailureTaskResolver()


class EagerFailureHandlerTask(PythonAutoContainerTask):
    """``<eager name>-cleanup``: when the wrapping workflow fails, terminate the executions its eager
    task launched (those labelled ``eager-exec=<this execution>`` and still running)."""

    def __init__(
        self,
        name: str,
        container_image: Any = None,  # a name or an ImageSpec, as on the eager task
        inputs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            name=name,
            task_config=None,
            interface=Interface(inputs=inputs or {}, outputs={}),
            task_type=EAGER_FAILURE_HANDLER_TASK_TYPE,
            container_image=container_image,
            task_resolver=eager_failure_task_resolver,
            **kwargs,
        )

    def dispatch_execute(
        self, ctx: FlyteContext, input_literal_map: literals_pb2.LiteralMap
    ) -> literals_pb2.LiteralMap:
        # Runs only in a cluster, rehydrated without the eager task's types: it needs no inputs.
        from flytekit.core.eager_controlling import terminate_launched_executions

        terminate_launched_executions()
        return input_literal_map

    def execute(self, **kwargs: Any) -> Any:
        raise FlyteAssertion(f"'{self.name}' only cleans up after a failed eager execution; it has no body.")


class EagerWorkflow(WorkflowBase):
    """The registration wrapper of an eager task: ``n0`` runs it, failure node ``efn`` cleans up."""

    def __init__(self, eager_task: EagerAsyncPythonFunctionTask) -> None:
        super().__init__(
            name=eager_task.name,
            workflow_metadata=WorkflowMetadata(),
            workflow_metadata_defaults=WorkflowMetadataDefaults(),
            python_interface=Interface(
                inputs=eager_task.python_interface.inputs, outputs=eager_task.python_interface.outputs
            ),
        )
        self._eager_task = eager_task
        self._cleanup = EagerFailureHandlerTask(
            name=f"{eager_task.name}-cleanup",
            container_image=eager_task.container_image,
            inputs=eager_task.python_interface.inputs,
        )
        self._failure_node: Node | None = None

    @property
    def has_description(self) -> bool:
        return False

    @property
    def failure_node(self) -> Node:
        self.compile()
        assert self._failure_node is not None
        return self._failure_node

    def _input_bindings(self) -> list[literals_pb2.Binding]:
        return [
            literals_pb2.Binding(
                var=name,
                binding=literals_pb2.BindingData(
                    promise=types_pb2.OutputReference(node_id=GLOBAL_INPUT_NODE_ID, var=name)
                ),
            )
            for name in sorted(self.python_interface.inputs)
        ]

    def compile(self, **kwargs: Any) -> None:
        if self._compiled:
            return
        node = Node(
            id=EAGER_NODE_ID,
            metadata=self._eager_task.construct_node_metadata(),
            bindings=self._input_bindings(),
            upstream_nodes=[],
            flyte_entity=self._eager_task,
        )
        self._nodes = [node]
        self._output_bindings = [
            literals_pb2.Binding(
                var=name,
                binding=literals_pb2.BindingData(
                    promise=types_pb2.OutputReference(node_id=node.id, var=name)
                ),
            )
            for name in self.python_interface.outputs
        ]
        self._failure_node = Node(
            id=EAGER_FAILURE_NODE_ID,
            metadata=self._cleanup.construct_node_metadata(),
            bindings=self._input_bindings(),
            upstream_nodes=[],
            flyte_entity=self._cleanup,
        )
        self._compiled = True

    def execute(self, **kwargs: Any) -> Any:
        return run_coroutine_sync(self._eager_task(**kwargs))


@overload
def eager(_fn: Callable[..., Any], **kwargs: Any) -> EagerAsyncPythonFunctionTask: ...


@overload
def eager(
    _fn: None = None, **kwargs: Any
) -> Callable[[Callable[..., Any]], EagerAsyncPythonFunctionTask]: ...


def eager(
    _fn: Callable[..., Any] | None = None, **kwargs: Any
) -> EagerAsyncPythonFunctionTask | Callable[[Callable[..., Any]], EagerAsyncPythonFunctionTask]:
    """Declare an eager workflow (an ``async def``); usable bare or with task arguments."""
    if _fn is None:
        decorate: Callable[[Callable[..., Any]], EagerAsyncPythonFunctionTask] = partial(eager, **kwargs)
        return decorate
    kwargs.pop("enable_deck", None)
    import functools

    task = EagerAsyncPythonFunctionTask(task_config=None, task_function=_fn, enable_deck=True, **kwargs)
    functools.update_wrapper(task, _fn)
    return task
