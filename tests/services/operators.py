"""Running kopf operators in tests, against the fake Kubernetes API of ``kubernetes.py``.

``running_operator`` runs a standalone operator from an explicit registry in a thread of its own for
the duration of a ``with`` block; its ``@kopf.on.login`` handler returns ``kopf_connection_info``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import kopf


def kopf_connection_info(url: str) -> kopf.ConnectionInfo:
    """What a ``@kopf.on.login`` handler returns to make kopf talk to ``url``."""
    import kopf

    return kopf.ConnectionInfo(server=url, insecure=True)


@contextlib.contextmanager
def running_operator(
    registry: kopf.OperatorRegistry,
    settings: kopf.OperatorSettings | None = None,
    *,
    namespaces: Collection[str] = (),
    clusterwide: bool = False,
    timeout: float = 10.0,
) -> Iterator[None]:
    """Run a standalone kopf operator in a thread of its own for the duration of the block.

    The registry must carry a ``@kopf.on.login`` handler. A thread keeps kopf's event loop apart
    from the test's, and off the main thread kopf installs no signal handlers (it would take Ctrl-C
    from pytest). kopf's "ultimate exit" SIGKILL timer is switched off: it would kill the whole test
    process if the operator ever exited other than through its stop flag. A namespaced operator runs
    with namespace scanning off (the namespaces are taken as given), since the fake cannot list
    namespaces. Ready means started, not yet watching: wait for outcomes, not for readiness. On exit
    the operator is stopped and joined, and its error, if any, is raised.
    """
    import kopf

    settings = settings or kopf.OperatorSettings()
    settings.process.ultimate_exiting_timeout = None
    if not clusterwide:
        settings.scanning.disabled = True
    stop_flag = threading.Event()
    ready_flag = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(
                kopf.operator(
                    registry=registry,
                    settings=settings,
                    standalone=True,
                    namespaces=namespaces,
                    clusterwide=clusterwide,
                    stop_flag=stop_flag,
                    ready_flag=ready_flag,
                )
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            ready_flag.set()  # unblock the waiting below if the operator died while starting

    thread = threading.Thread(target=run, name="kopf-operator", daemon=True)
    thread.start()
    try:
        if not ready_flag.wait(timeout):
            raise RuntimeError(f"The kopf operator did not become ready within {timeout:g}s.")
        if errors:
            raise RuntimeError("The kopf operator failed to start.") from errors[0]
        yield
    finally:
        stop_flag.set()
        thread.join(timeout)
    if thread.is_alive():
        raise RuntimeError(f"The kopf operator did not stop within {timeout:g}s.")
    if errors:
        raise RuntimeError("The kopf operator failed.") from errors[0]
