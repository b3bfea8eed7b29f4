"""Tasks run from their serialized template: ``ExecutableTemplateShimTask`` and ``ShimTaskExecutor``.

A function task runs its Python function. A template-driven task instead runs an *executor*: a
class whose ``execute_from_model(tt, **inputs)`` receives the task's ``TaskTemplate`` (a
``flytekit.models.task.TaskTemplate``) and the native inputs, and returns the native outputs. The
executor may use only what was serialized — mostly the template's ``custom`` dict — so the same task
runs in a pre-built image that has none of the user's code: there, ``TaskTemplateResolver`` (in
``flytekit.core.python_customized_container_task``) reads the template from the path the platform
filled into ``{{.taskTemplatePath}}`` and wraps it in an ``ExecutableTemplateShimTask``.

Because the executor sees only the template, Python types are guessed back from the template's
literal types to convert inputs, and outputs are converted with the literal types the template
declares, taking each value's own Python type.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from flytekit._lazy import lazy_module
from flytekit.core.context_manager import ExecutionState, FlyteContext, FlyteContextManager
from flytekit.core.tracker import TrackedInstance
from flytekit.core.type_engine import TypeEngine, TypeTransformerFailedError
from flytekit.errors import FlyteAssertion, FlyteTypeException, FlyteUserRuntimeException

if TYPE_CHECKING:
    from flyteidl.core import dynamic_job_pb2, literals_pb2
    from flytekit.core.context_manager import ExecutionParameters
    from flytekit.models.task import TaskTemplate
else:
    dynamic_job_pb2 = lazy_module("flyteidl.core.dynamic_job_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")

logger = logging.getLogger(__name__)

T = TypeVar("T")


class ShimTaskExecutor(TrackedInstance, Generic[T]):
    """The logic of a template-driven task: subclass it and override ``execute_from_model``.

    Its import path (``module.ClassName``) is written into the task's container args, so it must
    be importable in the image that runs the task; it is instantiated with no arguments.
    """

    def execute_from_model(self, tt: TaskTemplate, **kwargs: Any) -> Any:
        """Run the task described by ``tt`` on native inputs ``kwargs``; return native outputs."""
        raise NotImplementedError(
            f"{type(self).__name__} must override execute_from_model(tt, **kwargs) with the task's logic."
        )


class ExecutableTemplateShimTask:
    """A task made of a ``TaskTemplate`` and an executor class; runs like a ``PythonTask``.

    Offers ``name``, ``execute``, ``pre_execute``/``post_execute`` and ``dispatch_execute`` so
    ``pyflyte-execute`` runs it exactly as it runs a Python task. Also the first base of
    ``PythonCustomizedContainerTask``, whose template is made on first use by serializing itself.
    """

    def __init__(
        self, tt: TaskTemplate | None, executor_type: type[ShimTaskExecutor[Any]], *args: Any, **kwargs: Any
    ) -> None:
        if not (isinstance(executor_type, type) and issubclass(executor_type, ShimTaskExecutor)):
            raise FlyteAssertion(
                f"executor_type must be a ShimTaskExecutor subclass, got {executor_type!r}; "
                "subclass flytekit.extend.ShimTaskExecutor and pass the class."
            )
        self._executor_type = executor_type
        self._executor = executor_type()
        self._task_template = tt
        super().__init__(*args, **kwargs)

    @property
    def name(self) -> str:
        if self._task_template is not None:
            return self._task_template.id.name
        name: str = getattr(self, "_name")  # noqa: B009 - set by the task class this is mixed into
        return name

    @property
    def task_template(self) -> TaskTemplate:
        if self._task_template is None:
            raise FlyteAssertion("This shim task has no task template.")
        return self._task_template

    @property
    def executor(self) -> ShimTaskExecutor[Any]:
        return self._executor

    @property
    def executor_type(self) -> type[ShimTaskExecutor[Any]]:
        return self._executor_type

    def execute(self, **kwargs: Any) -> Any:
        """Hand the template and the inputs to the executor."""
        return self.executor.execute_from_model(self.task_template, **kwargs)

    def pre_execute(self, user_params: ExecutionParameters | None) -> ExecutionParameters | None:
        return user_params

    def post_execute(self, user_params: ExecutionParameters | None, rval: Any) -> Any:
        return rval

    def dispatch_execute(
        self, ctx: FlyteContext, input_literal_map: literals_pb2.LiteralMap
    ) -> literals_pb2.LiteralMap | dynamic_job_pb2.DynamicJobSpec:
        """Inputs typed from the template, the executor inside the user-error boundary, outputs typed likewise."""
        template = self.task_template
        params = self.pre_execute(ctx.user_space_params)
        outer = ctx.execution_state
        if outer is None:
            outer = ctx.new_execution_state().with_params(mode=ExecutionState.Mode.LOCAL_TASK_EXECUTION)
        state = outer.with_params(user_space_params=params) if params is not None else outer
        with FlyteContextManager.with_context(ctx.with_execution_state(state)) as exec_ctx:
            input_types = TypeEngine.guess_python_types(
                {name: var.to_flyte_idl() for name, var in template.interface.inputs.items()}
            )
            native_inputs = TypeEngine.literal_map_to_kwargs(exec_ctx, input_literal_map, input_types)
            logger.info("Running template task %s with inputs %s", template.id.name, list(native_inputs))
            try:
                native_outputs = self.execute(**native_inputs)
            except Exception as exc:
                raise FlyteUserRuntimeException(exc) from exc
            native_outputs = self.post_execute(params, native_outputs)
            if isinstance(native_outputs, literals_pb2.LiteralMap | dynamic_job_pb2.DynamicJobSpec):
                return native_outputs
            return _template_outputs(exec_ctx, template, native_outputs)


def _template_outputs(
    ctx: FlyteContext, template: TaskTemplate, native_outputs: Any
) -> literals_pb2.LiteralMap:
    """The executor's native outputs as literals of the types the template declares."""
    variables = template.interface.outputs
    names = list(variables)
    if not names:
        values: dict[str, Any] = {}
    elif len(names) == 1:
        values = {names[0]: native_outputs}
    else:
        if not isinstance(native_outputs, tuple | list) or len(native_outputs) != len(names):
            raise FlyteAssertion(
                f"Task '{template.id.name}' declares {len(names)} outputs ({', '.join(names)}) "
                f"but its executor returned {native_outputs!r}."
            )
        values = dict(zip(names, native_outputs, strict=True))
    literals = {}
    for name, value in values.items():
        if isinstance(value, tuple):
            raise FlyteAssertion(
                f"Output '{name}' of task '{template.id.name}' is a tuple {value!r}; "
                "return one value per declared output."
            )
        try:
            literals[name] = TypeEngine.to_literal(
                ctx, value, type(value), variables[name].type.to_flyte_idl()
            )
        except (TypeTransformerFailedError, ValueError, TypeError) as exc:
            raise FlyteTypeException(
                f"Failed to convert output '{name}' of task '{template.id.name}' "
                f"({type(value).__name__}): {exc}"
            ) from exc
    return literals_pb2.LiteralMap(literals=literals)
