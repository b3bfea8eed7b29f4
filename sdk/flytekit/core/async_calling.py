"""Calling ``async def`` tasks and eager tasks, and running a coroutine from synchronous code.

Calling an async entity returns a coroutine; awaiting it goes through ``call_async``:

* inside an eager task running in a cluster (``EAGER_EXECUTION``) the call becomes a separate
  remote execution, awaited without blocking the event loop (``flytekit.core.eager_controlling``),
  so ``asyncio.gather`` runs such calls in parallel;
* everywhere else it is the ordinary call protocol (``flytekit.core.calling``).

``run_coroutine_sync`` runs a coroutine to completion from synchronous code: directly when this
thread has no event loop, else on a fresh loop in a helper thread that sees the same context (the
caller's loop is busy awaiting us). ``asyncio`` is imported only when a coroutine is run, keeping
``import flytekit`` light.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Coroutine
from typing import Any

from flytekit.core.calling import LocallyExecutable, bind_arguments, flyte_entity_call_handler
from flytekit.core.context_manager import ExecutionState, FlyteContextManager


async def call_async(entity: LocallyExecutable, *args: Any, **kwargs: Any) -> Any:
    """What awaiting a call of an async task or eager task does; see the module docstring."""
    ctx = FlyteContextManager.current_context()
    es = ctx.execution_state
    if es is not None and es.mode == ExecutionState.Mode.EAGER_EXECUTION and ctx.compilation_state is None:
        from flytekit.core.eager_controlling import submit  # deferred: only inside a running eager task

        return await submit(entity, bind_arguments(entity, args, kwargs))
    return flyte_entity_call_handler(entity, *args, **kwargs)


def run_coroutine_sync(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run ``coro`` to completion and return its result (or raise its exception)."""
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
    return outcome["value"]
