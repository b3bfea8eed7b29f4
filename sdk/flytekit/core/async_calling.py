"""Calling ``async def`` tasks and eager tasks, and running a coroutine from synchronous code.

Calling an async entity returns a coroutine; awaiting it goes through ``call_async``:

* inside an eager task running in a cluster (``EAGER_EXECUTION``) the call becomes a separate
  remote execution, awaited without blocking the event loop (``flytekit.core.eager_controlling``),
  so ``asyncio.gather`` runs such calls in parallel;
* everywhere else it is the ordinary call protocol (``flytekit.core.calling``).

``run_coroutine_sync`` (from ``flytekit.utils.asyn``, its home) runs a coroutine to completion
from synchronous code.
"""

from __future__ import annotations

from typing import Any

from flytekit.core.calling import LocallyExecutable, bind_arguments, flyte_entity_call_handler
from flytekit.core.context_manager import ExecutionState, FlyteContextManager
from flytekit.utils.asyn import run_coroutine_sync

__all__ = ["call_async", "run_coroutine_sync"]


async def call_async(entity: LocallyExecutable, *args: Any, **kwargs: Any) -> Any:
    """What awaiting a call of an async task or eager task does; see the module docstring."""
    ctx = FlyteContextManager.current_context()
    es = ctx.execution_state
    if es is not None and es.mode == ExecutionState.Mode.EAGER_EXECUTION and ctx.compilation_state is None:
        from flytekit.core.eager_controlling import submit  # deferred: only inside a running eager task

        return await submit(entity, bind_arguments(entity, args, kwargs))
    return flyte_entity_call_handler(entity, *args, **kwargs)
