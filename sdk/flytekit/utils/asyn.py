"""Run coroutines from synchronous code on a long-lived event loop in a background thread.

``run_sync(coro_func, *args, **kwargs)`` calls ``coro_func`` and waits for the coroutine on the
loop that belongs to the calling thread (one loop thread per calling thread and process, started
on first use and stopped at exit), so synchronous code may call it even while its own thread runs
an event loop. ``loop_manager.synced(coro_func)`` makes a synchronous wrapper.

This keeps loops alive between calls (clients bound to a loop can be reused). For a one-off
coroutine, ``run_coroutine_sync(coro)`` runs it on a fresh loop: in this thread when no loop runs
here, else in a helper thread that sees the caller's context variables (the Flyte context), since
the caller's loop is busy waiting for us. The SDK's other synchronous entry points (type engine,
async tasks, eager tasks) go through it.

``asyncio`` is imported on first use, keeping ``import flytekit`` light.
"""

from __future__ import annotations

import atexit
import contextvars
import functools
import logging
import os
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:
    import asyncio

logger = logging.getLogger("flytekit")

T = TypeVar("T")
P = ParamSpec("P")

_RUNAWAY_RUNNERS = 500


class _TaskRunner:
    """One event loop running forever in a daemon thread."""

    def __init__(self) -> None:
        self.__loop: asyncio.AbstractEventLoop | None = None
        self.__runner_thread: threading.Thread | None = None
        self.__lock = threading.Lock()
        atexit.register(self._close)

    def _close(self) -> None:
        if self.__loop:
            self.__loop.call_soon_threadsafe(self.__loop.stop)

    def _execute(self) -> None:
        loop = self.__loop
        assert loop is not None
        try:
            loop.run_forever()
        finally:
            loop.close()

    def get_exc_handler(self) -> Callable[[asyncio.AbstractEventLoop, dict[str, Any]], None]:
        def exc_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
            thread = self.__runner_thread.name if self.__runner_thread else "no thread"
            logger.error("Taskrunner for %s caught exception in %s: %s", thread, loop, context)

        return exc_handler

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Wait for ``coro`` on this runner's loop, starting the loop thread on first use."""
        import asyncio

        with self.__lock:
            if self.__loop is None:
                self.__loop = asyncio.new_event_loop()
                self.__loop.set_exception_handler(self.get_exc_handler())
                name = f"{threading.current_thread().name} : loop-runner"
                self.__runner_thread = threading.Thread(target=self._execute, daemon=True, name=name)
                self.__runner_thread.start()
        return asyncio.run_coroutine_threadsafe(coro, self.__loop).result(None)


class _AsyncLoopManager:
    """Runners by calling thread and process."""

    def __init__(self) -> None:
        self._runner_map: dict[str, _TaskRunner] = {}

    def run_sync(self, coro_func: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """Call ``coro_func(*args, **kwargs)`` and wait for its result; for synchronous callers."""
        key = f"{threading.current_thread().name}PID:{os.getpid()}"
        coro = coro_func(*args, **kwargs)
        runner = self._runner_map.get(key)
        if runner is None:
            if len(self._runner_map) > _RUNAWAY_RUNNERS:
                logger.warning(
                    "More than %d event loop runners created; this may be runaway recursion.",
                    _RUNAWAY_RUNNERS,
                )
            runner = self._runner_map[key] = _TaskRunner()
        return runner.run(coro)  # type: ignore[arg-type]

    def synced(self, coro_func: Callable[P, Awaitable[T]]) -> Callable[P, T]:
        """A synchronous function that runs ``coro_func`` through ``run_sync``."""

        @functools.wraps(coro_func)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> T:
            return self.run_sync(coro_func, *args, **kwargs)

        return wrapped


loop_manager = _AsyncLoopManager()
run_sync = loop_manager.run_sync


def run_coroutine_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion on a fresh loop and return its result (or raise its exception)."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    context = contextvars.copy_context()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = context.run(asyncio.run, coro)
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="flytekit-coroutine", daemon=True)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]
