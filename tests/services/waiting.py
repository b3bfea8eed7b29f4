"""Bounded waiting for eventual outcomes in tests: poll a predicate until it holds or time runs out.

Tests assert on things that happen in another thread, process or server (an operator reacting,
a database becoming reachable); they wait with these helpers instead of sleeping a guessed amount.
``wait_for`` blocks the calling thread; ``wait_for_async`` yields to the event loop between polls
so that tasks in the same loop (e.g. an operator under test) keep running.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

Message = str | Callable[[], str]


class WaitTimeoutError(AssertionError):
    """The awaited condition did not hold within the time limit (a test failure, not an error)."""


def wait_for(
    predicate: Callable[[], T],
    timeout: float = 10.0,
    interval: float = 0.05,
    message: Message = "the condition",
    *,
    ignore: tuple[type[BaseException], ...] = (),
) -> T:
    """Call ``predicate`` until it returns a truthy value and return that value.

    Exceptions of the ``ignore`` types count as "not yet" (e.g. NotFound while an object is being
    created); the last one is chained to the timeout error. ``message`` names what was awaited and
    may be a callable, evaluated only on timeout, to describe the state seen at that moment.
    """
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            result = predicate()
        except ignore as exc:
            last_error = exc
        else:
            if result:
                return result
        if time.monotonic() >= deadline:
            raise WaitTimeoutError(_describe(message, timeout)) from last_error
        time.sleep(interval)


async def wait_for_async(
    predicate: Callable[[], T | Awaitable[T]],
    timeout: float = 10.0,
    interval: float = 0.05,
    message: Message = "the condition",
    *,
    ignore: tuple[type[BaseException], ...] = (),
) -> T:
    """Like :func:`wait_for`, but sleeps with ``asyncio.sleep``; ``predicate`` may be async."""
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            result = predicate()
            if inspect.isawaitable(result):
                result = await result
        except ignore as exc:
            last_error = exc
        else:
            if result:
                return result
        if time.monotonic() >= deadline:
            raise WaitTimeoutError(_describe(message, timeout)) from last_error
        await asyncio.sleep(interval)


def _describe(message: Message, timeout: float) -> str:
    text = message() if callable(message) else message
    return f"Timed out after {timeout:g}s waiting for {text}."
