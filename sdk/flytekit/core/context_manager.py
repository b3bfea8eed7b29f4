"""The SDK's execution context: what mode code runs in and what it may use.

A ``FlyteContext`` says whether a workflow body is being *compiled* (``compilation_state``: calls
create nodes) or *executed* (``execution_state``: local workflow run, local task run, or a task
inside a container), which ``FileAccessProvider`` to use for blobs, and the serialization settings
in force. Contexts are immutable; ``FlyteContextManager.with_context(builder)`` pushes a derived one
for the duration of a ``with`` block. The stack lives in a ``ContextVar`` (one per thread / task)
and its root is created on first use, never at import.

``ExecutionParameters`` is the user-facing part (``flytekit.current_context()``): execution id
and date, task id, working directory (fresh per task invocation), raw output and output metadata
prefixes, logging, stats, secrets, the attempt's checkpoint and task-type attributes.

``FlyteEntities.entities`` lists every task, workflow and launch plan created so far, in creation
order; packaging imports user modules and collects entities from it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import enum
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, ClassVar

from flytekit._lazy import lazy_module
from flytekit.core.data_persistence import FileAccessProvider, default_local_file_access_provider

if TYPE_CHECKING:
    from flyteidl.core import identifier_pb2
else:
    identifier_pb2 = lazy_module("flyteidl.core.identifier_pb2")

if TYPE_CHECKING:
    # flytekit's home of these names; loaded on first use (module __getattr__ below)
    from flytekit.configuration import SerializationSettings
    from flytekit.core.base_task import TaskResolverMixin
    from flytekit.core.checkpointer import Checkpoint
    from flytekit.core.node import Node
    from flytekit.core.output_metadata import OutputMetadata as OutputMetadata
    from flytekit.core.output_metadata import OutputMetadataTracker as OutputMetadataTracker
    from flytekit.core.output_metadata import SerializableToString as SerializableToString
    from flytekit.core.secrets import SecretsManager
    from flytekit.core.stats import StatsClient

user_logger = logging.getLogger("user_space")  # flytekit's name for the logger of user code


class ExecutionParameters:
    """What user code can ask about the running execution (``flytekit.current_context()``)."""

    def __init__(
        self,
        execution_date: datetime.datetime,
        tmp_dir: str,
        execution_id: identifier_pb2.WorkflowExecutionIdentifier | None = None,
        task_id: identifier_pb2.Identifier | None = None,
        raw_output_prefix: str | None = None,
        output_metadata_prefix: str | None = None,
        logging_: logging.Logger | None = None,
        stats: StatsClient | None = None,
        checkpoint: Checkpoint | None = None,
        **attrs: Any,
    ) -> None:
        self._execution_date = execution_date
        self._working_directory = tmp_dir
        self._execution_id = execution_id
        self._task_id = task_id
        self._raw_output_prefix = raw_output_prefix
        self._output_metadata_prefix = output_metadata_prefix
        self._logging = logging_ or user_logger
        self._stats = stats
        self._checkpoint = checkpoint
        self._secrets_manager: SecretsManager | None = None
        self._attrs = {k.upper(): v for k, v in attrs.items()}
        # Decks of the running task (flytekit.deck); each task invocation starts with none.
        self._decks: list[Any] = []
        self._timeline_deck: Any = None
        self.enable_deck = False

    @classmethod
    def local(cls, working_dir: str, raw_output_prefix: str | None = None) -> ExecutionParameters:
        """Parameters of a local run: execution and task ids made of ``local`` like flytekit's."""
        return cls(
            execution_date=datetime.datetime.now(datetime.UTC),
            tmp_dir=working_dir,
            execution_id=identifier_pb2.WorkflowExecutionIdentifier(
                project="local", domain="local", name="local"
            ),
            task_id=identifier_pb2.Identifier(
                resource_type=identifier_pb2.TASK,
                project="local",
                domain="local",
                name="local",
                version="local",
            ),
            raw_output_prefix=raw_output_prefix,
        )

    @property
    def execution_date(self) -> datetime.datetime:
        return self._execution_date

    @property
    def working_directory(self) -> str:
        return self._working_directory

    @property
    def execution_id(self) -> identifier_pb2.WorkflowExecutionIdentifier | None:
        return self._execution_id

    @property
    def task_id(self) -> identifier_pb2.Identifier | None:
        return self._task_id

    @property
    def raw_output_prefix(self) -> str | None:
        return self._raw_output_prefix

    @property
    def output_metadata_prefix(self) -> str | None:
        return self._output_metadata_prefix

    @property
    def logging(self) -> logging.Logger:
        return self._logging

    @property
    def decks(self) -> list[Any]:
        """The decks of the running task, written as one ``deck.html`` at its end."""
        return self._decks

    @property
    def default_deck(self) -> Any:
        """A new deck named "default" (flytekit makes one per access)."""
        from flytekit.deck.deck import Deck

        return Deck("default")

    @property
    def timeline_deck(self) -> Any:
        """The task's timeline deck (created on first use)."""
        from flytekit.deck.deck import DeckField, TimeLineDeck

        for deck in self._decks:
            if isinstance(deck, TimeLineDeck):
                return deck
        if self._timeline_deck is None:
            self._timeline_deck = TimeLineDeck(DeckField.TIMELINE.value, auto_add_to_deck=False)
        return self._timeline_deck

    @property
    def stats(self) -> StatsClient:
        """Counters, gauges and timers (statsd in a cluster, kept in memory locally)."""
        if self._stats is None:
            from flytekit.core.stats import StatsClient

            self._stats = StatsClient()
        return self._stats

    @property
    def secrets(self) -> SecretsManager:
        """The task's secrets (see ``flytekit.core.secrets``)."""
        if self._secrets_manager is None:
            from flytekit.core.secrets import SecretsManager

            self._secrets_manager = SecretsManager()
        return self._secrets_manager

    @property
    def checkpoint(self) -> Checkpoint:
        """This attempt's checkpoint; only available inside a task."""
        if self._checkpoint is None:
            raise NotImplementedError(
                "Checkpointing is only available inside a running task (current_context().checkpoint was read "
                "outside one)."
            )
        return self._checkpoint

    def has_attr(self, attr_name: str) -> bool:
        return attr_name.upper() in self._attrs

    def add_attr(self, key: str, value: Any) -> None:
        """Set an attribute read back with ``get`` (decorators such as ``flytekit.interactive.vscode`` use it)."""
        self._attrs[key.upper()] = value

    def get(self, key: str) -> Any:
        """A task-type specific attribute (e.g. ``spark_session``)."""
        try:
            return self._attrs[key.upper()]
        except KeyError:
            raise AssertionError(
                f"{key.upper()} not available as a parameter in Flyte context - are you in right task-type?"
            ) from None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.get(name)

    def with_task_sandbox(
        self, working_dir: str, checkpoint: Checkpoint | None = None
    ) -> ExecutionParameters:
        """A copy for one task invocation: a fresh working directory and that invocation's checkpoint."""
        copy = ExecutionParameters(
            execution_date=self._execution_date,
            tmp_dir=working_dir,
            execution_id=self._execution_id,
            task_id=self._task_id,
            raw_output_prefix=self._raw_output_prefix,
            output_metadata_prefix=self._output_metadata_prefix,
            logging_=self._logging,
            stats=self._stats,
            checkpoint=checkpoint or self._checkpoint,
        )
        copy._attrs = dict(self._attrs)
        return copy

    def __repr__(self) -> str:
        return (
            f"ExecutionParameters(execution_date={self._execution_date}, tmp_dir={self._working_directory}, "
            f"execution_id={self._execution_id}, task_id={self._task_id}, "
            f"raw_output_prefix={self._raw_output_prefix}, output_metadata_prefix={self._output_metadata_prefix})"
        )


@dataclass(frozen=True)
class ExecutionState:
    """How code is being executed (``mode``) and where (working and engine folders)."""

    class Mode(enum.Enum):
        TASK_EXECUTION = 1  # a task inside its container (pyflyte-execute)
        LOCAL_WORKFLOW_EXECUTION = 2  # a workflow body run in-process; task calls run immediately
        LOCAL_TASK_EXECUTION = 3  # a task called directly from plain Python
        DYNAMIC_TASK_EXECUTION = 4
        EAGER_EXECUTION = 5
        EAGER_LOCAL_EXECUTION = 6
        LOCAL_DYNAMIC_TASK_EXECUTION = 7

    class BranchEvalMode(enum.Enum):
        BRANCH_ACTIVE = "branch active"  # calls inside the selected branch of a conditional run
        BRANCH_SKIPPED = "branch skipped"  # calls inside a branch not taken return without running

    working_dir: str
    mode: Mode | None = None
    engine_dir: str | None = None
    user_space_params: ExecutionParameters | None = None
    branch_eval_mode: BranchEvalMode | None = None

    def with_params(
        self,
        working_dir: str | None = None,
        mode: Mode | None = None,
        engine_dir: str | None = None,
        user_space_params: ExecutionParameters | None = None,
        branch_eval_mode: BranchEvalMode | None = None,
    ) -> ExecutionState:
        return ExecutionState(
            working_dir=working_dir or self.working_dir,
            mode=mode if mode is not None else self.mode,
            engine_dir=engine_dir or self.engine_dir,
            user_space_params=user_space_params or self.user_space_params,
            branch_eval_mode=branch_eval_mode,
        )

    def is_local_execution(self) -> bool:
        return self.mode in (
            ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION,
            ExecutionState.Mode.LOCAL_TASK_EXECUTION,
            ExecutionState.Mode.LOCAL_DYNAMIC_TASK_EXECUTION,
            ExecutionState.Mode.EAGER_LOCAL_EXECUTION,
        )


@dataclass(frozen=True)
class CompilationState:
    """State while a workflow body is traced: the nodes created so far and the id prefix."""

    prefix: str = ""
    mode: int = 1
    task_resolver: TaskResolverMixin | None = None
    nodes: list[Node] = field(default_factory=list)

    def add_node(self, n: Node) -> None:
        self.nodes.append(n)

    def with_params(
        self, prefix: str, mode: int | None = None, resolver: TaskResolverMixin | None = None
    ) -> CompilationState:
        return CompilationState(
            prefix=prefix, mode=mode or self.mode, task_resolver=resolver or self.task_resolver
        )


def _field_values(obj: Any) -> dict[str, Any]:
    """A dataclass's fields by name (shallow); ``FlyteContext`` and its ``Builder`` share one field list."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


@dataclass(frozen=True)
class FlyteContext:
    """An immutable bundle of the current mode, blob access and settings; see the module docstring."""

    file_access: FileAccessProvider
    level: int = 0
    flyte_client: Any = None
    compilation_state: CompilationState | None = None
    execution_state: ExecutionState | None = None
    serialization_settings: SerializationSettings | None = None
    in_a_condition: bool = False
    output_metadata_tracker: OutputMetadataTracker | None = None

    @property
    def user_space_params(self) -> ExecutionParameters | None:
        return self.execution_state.user_space_params if self.execution_state else None

    def new_builder(self) -> FlyteContext.Builder:
        return FlyteContext.Builder(**_field_values(self))

    def with_execution_state(self, es: ExecutionState) -> FlyteContext.Builder:
        return self.new_builder().with_execution_state(es)

    def with_compilation_state(self, c: CompilationState) -> FlyteContext.Builder:
        return self.new_builder().with_compilation_state(c)

    def with_new_compilation_state(self) -> FlyteContext.Builder:
        return self.with_compilation_state(self.new_compilation_state())

    def with_file_access(self, fa: FileAccessProvider) -> FlyteContext.Builder:
        return self.new_builder().with_file_access(fa)

    def with_serialization_settings(self, ss: SerializationSettings) -> FlyteContext.Builder:
        return self.new_builder().with_serialization_settings(ss)

    def with_output_metadata_tracker(self, t: OutputMetadataTracker) -> FlyteContext.Builder:
        return self.new_builder().with_output_metadata_tracker(t)

    def new_compilation_state(self, prefix: str = "") -> CompilationState:
        return CompilationState(prefix=prefix)

    def new_execution_state(self, working_dir: str | None = None) -> ExecutionState:
        if working_dir is None:
            working_dir = self.file_access.get_random_local_directory()
        return ExecutionState(working_dir=working_dir, user_space_params=self.user_space_params)

    @staticmethod
    def current_context() -> FlyteContext:
        return FlyteContextManager.current_context()

    @dataclass
    class Builder:
        file_access: FileAccessProvider
        level: int = 0
        flyte_client: Any = None
        compilation_state: CompilationState | None = None
        execution_state: ExecutionState | None = None
        serialization_settings: SerializationSettings | None = None
        in_a_condition: bool = False
        output_metadata_tracker: OutputMetadataTracker | None = None

        def with_execution_state(self, es: ExecutionState) -> FlyteContext.Builder:
            self.execution_state = es
            return self

        def with_compilation_state(self, c: CompilationState) -> FlyteContext.Builder:
            self.compilation_state = c
            return self

        def with_file_access(self, fa: FileAccessProvider) -> FlyteContext.Builder:
            self.file_access = fa
            return self

        def with_serialization_settings(self, ss: SerializationSettings) -> FlyteContext.Builder:
            self.serialization_settings = ss
            return self

        def with_output_metadata_tracker(self, t: OutputMetadataTracker) -> FlyteContext.Builder:
            self.output_metadata_tracker = t
            return self

        def build(self) -> FlyteContext:
            return FlyteContext(**_field_values(self))


_stack: contextvars.ContextVar[tuple[FlyteContext, ...]] = contextvars.ContextVar("flytekit_context_stack")


def _root_context() -> FlyteContext:
    """The bottom of every stack: a local temp sandbox and local execution parameters."""
    file_access = default_local_file_access_provider()
    working_dir = os.path.join(file_access.local_sandbox_dir, "user_space")
    os.makedirs(working_dir, exist_ok=True)
    params = ExecutionParameters.local(working_dir, raw_output_prefix=file_access.raw_output_prefix)
    return FlyteContext(
        file_access=file_access,
        execution_state=ExecutionState(working_dir=working_dir, user_space_params=params),
    )


class FlyteContextManager:
    """The stack of contexts; ``current_context()`` is the innermost one."""

    @staticmethod
    def _get_stack() -> tuple[FlyteContext, ...]:
        stack = _stack.get(())
        if not stack:
            stack = (_root_context(),)
            _stack.set(stack)
        return stack

    @staticmethod
    def current_context() -> FlyteContext:
        return FlyteContextManager._get_stack()[-1]

    @staticmethod
    def push_context(ctx: FlyteContext) -> FlyteContext:
        stack = FlyteContextManager._get_stack()
        ctx = replace(ctx, level=len(stack))
        _stack.set((*stack, ctx))
        return ctx

    @staticmethod
    def pop_context() -> FlyteContext:
        stack = FlyteContextManager._get_stack()
        if len(stack) <= 1:
            raise RuntimeError("Cannot pop the root Flyte context.")
        _stack.set(stack[:-1])
        return stack[-1]

    @staticmethod
    @contextlib.contextmanager
    def with_context(b: FlyteContext.Builder) -> Iterator[FlyteContext]:
        ctx = FlyteContextManager.push_context(b.build())
        try:
            yield ctx
        finally:
            FlyteContextManager.pop_context()

    @staticmethod
    def size() -> int:
        return len(FlyteContextManager._get_stack())

    @staticmethod
    def initialize() -> None:
        """Reset to a fresh root context (tests, and processes reusing the interpreter)."""
        _stack.set((_root_context(),))


class FlyteEntities:
    """Every task, workflow and launch plan created in this process, in creation order."""

    entities: ClassVar[list[Any]] = []


def new_local_working_dir(ctx: FlyteContext) -> str:
    """A fresh working folder for one task invocation."""
    import tempfile  # deferred: keeps `import flytekit` light

    os.makedirs(ctx.file_access.local_sandbox_dir, exist_ok=True)
    return tempfile.mkdtemp(prefix="user_space-", dir=ctx.file_access.local_sandbox_dir)


_OUTPUT_METADATA_NAMES = {
    "OutputMetadata",
    "OutputMetadataTracker",
    "SerializableToString",
    "TaskOutputMetadata",
}


def __getattr__(name: str) -> Any:
    if name in _OUTPUT_METADATA_NAMES:
        from flytekit.core import output_metadata

        return getattr(output_metadata, name)
    # flytekit defines SecretsManager in this module; ours lives in flytekit.core.secrets.
    if name == "SecretsManager":
        from flytekit.core.secrets import SecretsManager

        return SecretsManager
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
