"""Opt-in concurrency for local runs: the setting, and running calls on worker threads in order.

flytekit runs everything locally one call at a time, and so do we by default. Setting
``FLYTE_LOCAL_PARALLELISM=N`` (or ``parallelism = N`` in the ``[local]`` section of the INI config)
with N > 1 lets a local workflow run up to N independent nodes at once
(``flytekit.core.local_graph_execution``) and a map task run up to N elements at once (fewer if its
``concurrency`` is lower). Results and raised errors stay those of the sequential run: outcomes are
consumed in the sequential order, and work the sequential run would not have reached is not started.

Worker threads run each call in a copy of the caller's ``contextvars`` context, so they see the
caller's ``FlyteContext`` stack (a ``ContextVar``) and push their own contexts privately.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from flytekit.errors import FlyteAssertion

PARALLELISM_ENV_VAR = "FLYTE_LOCAL_PARALLELISM"


def configured_parallelism() -> int:
    """How many calls a local run may run at once (1: sequential, the default)."""
    from flytekit.configuration import internal
    from flytekit.configuration.file import get_config_file

    try:
        value = internal.Local.PARALLELISM.read(get_config_file(None))
    except ValueError as exc:
        raise FlyteAssertion(
            f"Local parallelism ({PARALLELISM_ENV_VAR} or [local] parallelism) must be a whole number: {exc}"
        ) from exc
    if value is None:
        return 1
    if value < 1:
        raise FlyteAssertion(
            f"Local parallelism ({PARALLELISM_ENV_VAR} or [local] parallelism) must be at least 1, got {value}."
        )
    return int(value)


def workers_for(concurrency: int | None) -> int:
    """Workers for a map task's elements: the local setting, capped by the map's ``concurrency`` if set."""
    workers = configured_parallelism()
    if concurrency:
        workers = min(workers, concurrency)
    return max(workers, 1)


@dataclass(frozen=True)
class Outcome:
    """What one call did: its value, or the exception it raised."""

    value: Any = None
    error: Exception | None = None


def _outcome_of(call: Callable[[], Any]) -> Outcome:
    try:
        return Outcome(value=call())
    except Exception as exc:
        return Outcome(error=exc)


def submit(pool: concurrent.futures.Executor, call: Callable[[], Any]) -> concurrent.futures.Future[Any]:
    """Run ``call`` on ``pool`` inside a copy of the current context (see the module docstring)."""
    return pool.submit(contextvars.copy_context().run, call)


@contextlib.contextmanager
def ordered_outcomes(calls: Sequence[Callable[[], Any]], workers: int) -> Iterator[Iterator[Outcome]]:
    """The outcomes of ``calls`` in their order.

    With one worker each call runs only when its outcome is requested, so a consumer that stops
    early (a failure past the threshold) runs exactly what a plain loop would. With more workers,
    all calls are submitted at once and the ones not yet started are cancelled when the block ends.
    """
    if workers <= 1 or len(calls) <= 1:
        yield (_outcome_of(call) for call in calls)
        return
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="flyte-local")
    try:
        futures = [submit(pool, functools.partial(_outcome_of, call)) for call in calls]
        yield (future.result() for future in futures)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
