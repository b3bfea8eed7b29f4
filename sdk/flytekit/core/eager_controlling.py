"""Eager tasks in a cluster: every call inside the body becomes an execution launched via FlyteRemote.

``run_with_backend(task, inputs)`` is what an ``@eager`` task does under ``pyflyte-execute``. It
builds an ``EagerController`` for this execution and runs the body in ``EAGER_EXECUTION`` mode,
where the call protocol hands each call to the controller: ``run_remotely`` (a plain task or
workflow call; blocks) or ``submit`` (an awaited eager / ``async def`` task; waits in a worker
thread, so ``asyncio.gather`` overlaps them).

Each launch, as flytekit's:

* runs the entity at the version this task was registered with (``SerializationSettings.version``
  from ``_F_SS_C``), registering it first if it is not there yet;
* is named deterministically, ``e-<eager name[:8]>-<exec id[:5]>-<entity name[:8]>-<md5[:16]>``
  (DNS-safe), from this execution id, the entity, the call's index among calls of that entity and
  the inputs — so a retried eager pod finds the executions it already started;
* carries the labels ``eager-exec=<this execution>`` and ``eager-root-exec=<outermost eager
  execution>``, and the env ``_F_EE_ROOT`` so nested eager tasks keep the root.

A failed child raises ``EagerException`` inside the body; if the body lets it escape, the task
fails as a non-recoverable system error. When the pod is told to stop (SIGTERM/SIGINT), running
children are terminated. ``terminate_launched_executions`` is the cleanup task's job: terminate
every still-running execution labelled with the current execution.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import os
import signal
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flytekit.core.constants import EAGER_ROOT_ENV_NAME, EAGER_TAG_KEY, EAGER_TAG_ROOT_KEY
from flytekit.core.context_manager import ExecutionState, FlyteContextManager
from flytekit.core.eager_decks import DECK_NAME as EAGER_DECK_NAME
from flytekit.core.eager_decks import EagerCall, render_calls
from flytekit.errors import (
    EagerException,
    FlyteAssertion,
    FlyteEntityAlreadyExistsException,
    FlyteNonRecoverableSystemException,
)

if TYPE_CHECKING:
    from flytekit.configuration import SerializationSettings
    from flytekit.core.eager_task import EagerAsyncPythonFunctionTask
    from flytekit.remote import FlyteRemote
    from flytekit.remote.executions import FlyteWorkflowExecution

logger = logging.getLogger(__name__)

POLL_INTERVAL_SECONDS = 2.0
CLEANUP_LOOP_DELAY_SECONDS = 1.0
_MAX_LABEL = 63
_HASH_LEN = 10
_RUNNING_PHASES = ("UNDEFINED", "QUEUED", "RUNNING")

_controller: contextvars.ContextVar[EagerController | None] = contextvars.ContextVar(
    "flytekit_eager_controller", default=None
)


def dns_label(value: str) -> str:
    """``value`` as a DNS-1123 label the way flytekit names eager executions: ``_ - .`` become
    ``-`` (never leading), an upper-case letter gets a ``-`` before it and is lowered, other
    characters are dropped; values of 63+ characters keep their tail behind a short sha224."""
    if len(value) >= _MAX_LABEL:
        digest = hashlib.sha224(value.encode("utf-8")).hexdigest()[:_HASH_LEN]
        value = f"{digest}-{value[-(_MAX_LABEL - _HASH_LEN - 1) :]}"
    out: list[str] = []
    for ch in value:
        if ch in "_-.":
            if out and len(out) < _MAX_LABEL - 1:
                out.append("-")
        elif not ch.isalnum():
            continue
        elif ch.islower() or ch.isdigit():
            out.append(ch)
        else:
            if out and out[-1] != "-" and len(out) < _MAX_LABEL - 1:
                out.append("-")
            out.append(ch.lower())
    label = "".join(out)[:_MAX_LABEL]
    return label.rstrip("-") or "x"


@dataclass(frozen=True)
class _Labels:
    """Shaped like flytekit's ``Labels`` model: the mapping is its ``values``."""

    values: dict[str, str]


@dataclass(frozen=True)
class _LaunchOptions:
    """The part of flytekit's ``Options`` a launch needs (``FlyteRemote.execute`` reads ``labels``)."""

    labels: _Labels


@dataclass
class EagerController:
    """Launches and awaits the executions of one running eager task (see the module docstring)."""

    remote: FlyteRemote
    settings: SerializationSettings
    tag: str
    root_tag: str
    exec_prefix: str
    _calls: dict[str, int] = field(default_factory=dict)
    _launched: list[FlyteWorkflowExecution] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    calls: list[EagerCall] = field(default_factory=list)

    def execution_name(self, entity: Any, index: int, inputs: dict[str, Any]) -> str:
        components = f"{self.tag}-{type(entity)}-{entity.name}-{index}-{inputs}"
        digest = hashlib.md5(components.encode()).hexdigest()[:16]
        short = entity.name.split(".")[-1][:8]
        return dns_label(f"{self.exec_prefix}-{short}-{digest}")

    def _next_index(self, entity: Any) -> int:
        with self._lock:
            index = self._calls.get(entity.name, 0)
            self._calls[entity.name] = index + 1
            return index

    def launch(self, entity: Any, inputs: dict[str, Any]) -> FlyteWorkflowExecution:
        name = self.execution_name(entity, self._next_index(entity), inputs)
        logger.info("Eager execution %s launches %s as %s", self.tag, entity.name, name)
        try:
            execution = self.remote.execute(
                entity,
                inputs=inputs,
                execution_name=name,
                version=self.settings.version,
                image_config=self.settings.image_config,
                options=_LaunchOptions(_Labels({EAGER_TAG_KEY: self.tag, EAGER_TAG_ROOT_KEY: self.root_tag})),
                envs={EAGER_ROOT_ENV_NAME: self.root_tag},
                serialization_settings=self.settings,
            )
        except FlyteEntityAlreadyExistsException:
            # A retried eager pod: the execution of this call was started by an earlier attempt.
            execution = self.remote.fetch_execution(name=name)
        with self._lock:
            self._launched.append(execution)
        return execution

    def run(self, entity: Any, inputs: dict[str, Any]) -> Any:
        """Launch ``entity`` with ``inputs``, wait, and return its outputs as Python values."""
        call = EagerCall(entity=entity, inputs=dict(inputs))
        with self._lock:
            self.calls.append(call)
        try:
            execution = self.launch(entity, inputs)
            call.execution_name = execution.id.name
            call.console_url = self.remote.generate_console_url(execution)
            done = self.remote.wait(execution, poll_interval=POLL_INTERVAL_SECONDS, sync_nodes=False)
        except EagerException as exc:
            call.error = str(exc)
            raise
        except Exception as exc:
            call.error = str(exc)
            raise EagerException(f"Error launching {entity.name} with inputs {inputs}: {exc}") from exc
        if not done.is_successful:
            call.error = str(done.error)
            raise EagerException(f"Error executing {entity.name} with error: {done.error}")
        call.outputs = _native_outputs(entity, done)
        return call.outputs

    def render_deck(self) -> None:
        """Add the "Eager Executions" deck of the calls so far to the running task's decks."""
        from flytekit.deck.deck import Deck

        with self._lock:
            calls = list(self.calls)
        Deck(EAGER_DECK_NAME, render_calls(calls))

    def terminate_running(self, cause: str) -> None:
        with self._lock:
            launched = list(self._launched)
        for execution in launched:
            try:
                current = self.remote.sync_execution(execution)
                if not current.is_done:
                    self.remote.terminate(current, cause)
            except Exception:  # best effort while shutting down
                logger.exception("Could not terminate %s", execution.id.name)


def _native_outputs(entity: Any, execution: FlyteWorkflowExecution) -> Any:
    interface = entity.python_interface
    names = list(interface.outputs)
    if not names:
        return None
    outputs = execution.outputs
    values = [outputs.get(name, as_type=interface.outputs[name]) for name in names]
    if len(values) == 1:
        return values[0]
    return interface.output_tuple()(*values)


def _current_controller() -> EagerController:
    controller = _controller.get()
    if controller is None:
        raise FlyteAssertion("A call inside an eager task running in a cluster found no eager controller.")
    return controller


def run_remotely(entity: Any, inputs: dict[str, Any]) -> Any:
    """A synchronous call inside a running eager task: a remote execution, awaited here."""
    return _current_controller().run(entity, inputs)


async def submit(entity: Any, inputs: dict[str, Any]) -> Any:
    """An awaited call inside a running eager task: a remote execution, awaited off the event loop."""
    import asyncio

    controller = _current_controller()
    return await asyncio.to_thread(controller.run, entity, inputs)


def read_secret(group: str, key: str) -> str:
    """A mounted secret, as flytekit finds it: ``_FSEC_<GROUP>_<KEY>``, else ``/etc/secrets/<group>/<key>``
    (prefix and folder from the ``[secrets]`` config)."""
    from flytekit.configuration.platform import SecretsConfig

    cfg = SecretsConfig.auto()
    env_name = f"{cfg.env_prefix}{group}_{key}".upper()
    value = os.environ.get(env_name)
    if value is not None:
        return value
    path = os.path.join(cfg.default_dir, group.lower(), f"{cfg.file_prefix}{key.lower()}")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    raise FlyteAssertion(
        f"Secret {group}/{key} (the eager task's client credentials) is not mounted: set {env_name} or "
        f"provide {path}; add it to the task's secret_requests."
    )


def _remote_for_this_execution(
    project: str, domain: str, raw_output_prefix: str | None, client_secret: tuple[str, str] | None = None
) -> FlyteRemote:
    import dataclasses

    from flytekit.configuration import Config
    from flytekit.configuration.platform import AuthType
    from flytekit.remote import FlyteRemote

    config = Config.auto()
    if client_secret is not None:
        platform = dataclasses.replace(
            config.platform,
            client_credentials_secret=read_secret(*client_secret),
            auth_mode=AuthType.CLIENT_CREDENTIALS,
        )
        config = config.with_params(platform=platform)
    kwargs: dict[str, Any] = {"data_upload_location": raw_output_prefix} if raw_output_prefix else {}
    return FlyteRemote(config, default_project=project, default_domain=domain, **kwargs)


def build_controller(task: EagerAsyncPythonFunctionTask) -> EagerController:
    """The controller of the eager execution this process runs (ids from the execution parameters)."""
    from flytekit.configuration import ImageConfig, SerializationSettings

    ctx = FlyteContextManager.current_context()
    params = ctx.user_space_params
    if params is None or params.execution_id is None or not params.execution_id.name:
        raise FlyteAssertion(
            f"Eager task '{task.name}' runs outside a local run, so it needs the execution id "
            "(FLYTE_INTERNAL_EXECUTION_ID / _F_NM) to launch its calls."
        )
    execution_id = params.execution_id
    settings = ctx.serialization_settings or SerializationSettings(image_config=ImageConfig.auto())
    if not settings.version:
        raise FlyteAssertion(
            f"Eager task '{task.name}' needs the version it was registered with (FLYTE_INTERNAL_TASK_VERSION) "
            "to launch its calls at that version."
        )
    tag = execution_id.name
    remote = task.remote or _remote_for_this_execution(
        execution_id.project or "flytesnacks",
        execution_id.domain or "development",
        params.raw_output_prefix,
        task.client_secret,
    )
    return EagerController(
        remote=remote,
        settings=settings,
        tag=tag,
        root_tag=os.environ.get(EAGER_ROOT_ENV_NAME, tag),
        exec_prefix=dns_label(f"e-{task.name.split('.')[-1][:8]}-{tag[:5]}"),
    )


def _install_stop_handlers(controller: EagerController) -> None:
    """On SIGTERM/SIGINT terminate the children, then stop (only possible on the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum: int, frame: Any) -> None:
        controller.terminate_running(f"parent eager execution {controller.tag} was stopped")
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def run_with_backend(task: EagerAsyncPythonFunctionTask, inputs: dict[str, Any]) -> Any:
    """Run the eager body in ``EAGER_EXECUTION`` mode with a controller (see the module docstring)."""
    from flytekit.core.async_calling import run_coroutine_sync

    controller = build_controller(task)
    _install_stop_handlers(controller)
    ctx = FlyteContextManager.current_context()
    base = ctx.execution_state or ctx.new_execution_state()
    builder = ctx.with_execution_state(base.with_params(mode=ExecutionState.Mode.EAGER_EXECUTION))
    token = _controller.set(controller)
    try:
        with FlyteContextManager.with_context(builder):
            result = run_coroutine_sync(task.task_function(**inputs))
    except EagerException as exc:
        logger.error("Eager task %s stops: %s", task.name, exc)
        controller.render_deck()
        raise FlyteNonRecoverableSystemException(str(exc)) from exc
    finally:
        _controller.reset(token)
    controller.render_deck()
    return result


def terminate_launched_executions() -> None:
    """Terminate every running execution labelled ``eager-exec=<current execution>`` (cleanup task)."""
    import time

    ctx = FlyteContextManager.current_context()
    params = ctx.user_space_params
    if params is None or params.execution_id is None:
        raise FlyteAssertion("The eager cleanup task needs the id of the execution it cleans up after.")
    execution_id = params.execution_id
    remote = _remote_for_this_execution(execution_id.project, execution_id.domain, None)
    filters = [
        f"value_in(execution_tag.key,{EAGER_TAG_KEY})",
        f"value_in(execution_tag.value,{execution_id.name})",
        f"value_in(phase,{';'.join(_RUNNING_PHASES)})",
    ]
    logger.warning(
        "Cleaning up executions launched by %s in %s/%s",
        execution_id.name,
        execution_id.project,
        execution_id.domain,
    )
    while True:
        from flyteidl.admin import common_pb2

        executions, _ = remote.client.list_executions_paginated(
            execution_id.project,
            execution_id.domain,
            limit=100,
            filters=filters,
            sort_by=common_pb2.Sort(key="created_at", direction=common_pb2.Sort.DESCENDING),
        )
        if not executions:
            return
        for record in executions:
            logger.warning("Terminating execution %s", record.id.name)
            remote.client.terminate_execution(
                record.id, f"clean up by parent eager execution {execution_id.name}"
            )
        time.sleep(CLEANUP_LOOP_DELAY_SECONDS)
