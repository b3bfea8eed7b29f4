"""An HTTP-level fake of the Kubernetes API server (KMock), for tests of clients and operators.

``FakeKubernetesApi`` serves a ``FakeKubernetesEmulator`` (KMock's stateful emulator with the
server-side behaviour of ``kubernetes_emulation.py``) on 127.0.0.1, from a thread with its own event
loop: synchronous clients (the official ``kubernetes`` package) and asynchronous ones (kopf, see
``operators.py``) can all talk to it over HTTP without deadlocks. It declares the core resources we
use and the FlyteWorkflow CRD for API discovery.

What the fake does not do: PUT (replace) is answered 404, patches are plain recursive merges
whatever their content type, there is no optimistic-concurrency (resourceVersion) conflict, no
label/field selectors. KMock 0.8 cannot serve the ``namespaces`` resource itself: it reads
"/api/v1/namespaces[/x]" as a namespace prefix and answers 500, so namespaces cannot be created,
read or listed (objects in any namespace work without creating it). ``v1/namespaces`` is still
declared for discovery, because kopf waits for it before it watches anything.

State lives in the server thread's loop: read it through :meth:`FakeKubernetesApi.call` or the
snapshot helpers, not by touching the emulator from the test's thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import logging
import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp.test_utils
import aiohttp.web_runner
import aiohttp.web_server
import kmock
from typing_extensions import override

from tests.services.kubernetes_emulation import FakeKubernetesEmulator

if TYPE_CHECKING:
    import kubernetes.client

logger = logging.getLogger(__name__)

T = TypeVar("T")

FLYTEWORKFLOWS = "flyte.lyft.com/v1alpha1/flyteworkflows"
FLYTEWORKFLOW_GROUP = "flyte.lyft.com"
FLYTEWORKFLOW_VERSION = "v1alpha1"
FLYTEWORKFLOW_PLURAL = "flyteworkflows"
FLYTEWORKFLOW_KIND = "FlyteWorkflow"

ALL_VERBS = frozenset({"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"})


def _info(kind: str, *, namespaced: bool = True, **extra: Any) -> kmock.ResourceInfo:
    return kmock.ResourceInfo(
        kind=kind, singular=kind.lower(), namespaced=namespaced, verbs=set(ALL_VERBS), **extra
    )


# Served by API discovery (/api/v1, /apis/...). Objects of undeclared resources can still be
# created, but listing them is a 404 while none exists (see ``declare_resource``).
DEFAULT_RESOURCES: Mapping[str, kmock.ResourceInfo] = {
    "v1/namespaces": _info("Namespace", namespaced=False, shortnames={"ns"}),
    "v1/pods": _info("Pod", shortnames={"po"}, subresources={"status", "log"}),
    "v1/configmaps": _info("ConfigMap", shortnames={"cm"}),
    "v1/secrets": _info("Secret"),
    "v1/services": _info("Service", shortnames={"svc"}),
    "v1/events": _info("Event", shortnames={"ev"}),
    FLYTEWORKFLOWS: _info(FLYTEWORKFLOW_KIND, shortnames={"fly"}, categories={"all"}),
}


class PromptlyClosingServer(aiohttp.test_utils.RawTestServer):
    """aiohttp's test server, but not waiting 60 s at shutdown for watch streams, which never end."""

    shutdown_timeout = 0.2

    @override
    async def _make_runner(self, debug: bool = True, **kwargs: Any) -> aiohttp.web_runner.ServerRunner:
        server = aiohttp.web_server.Server(self._handler, loop=self._loop, debug=debug, **kwargs)
        return aiohttp.web_runner.ServerRunner(
            server, debug=debug, shutdown_timeout=self.shutdown_timeout, **kwargs
        )


class FakeKubernetesApi:
    """Owns one KMock server thread: ``start()`` it, ``stop()`` it; fresh state per instance."""

    def __init__(
        self,
        resources: Mapping[str, kmock.ResourceInfo] = DEFAULT_RESOURCES,
        host: str = "127.0.0.1",
    ) -> None:
        self._resources = dict(resources)
        self._host = host
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._emulator: FakeKubernetesEmulator | None = None
        self._url: str | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, without a trailing slash (as kubernetes clients want it)."""
        if self._url is None:
            raise RuntimeError("The fake Kubernetes API is not running; call start() first.")
        return self._url

    def start(self, timeout: float = 10.0) -> str:
        self._thread = threading.Thread(target=self._serve, name="fake-kubernetes-api", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError(f"The fake Kubernetes API did not start within {timeout:g}s.")
        if self._error is not None:
            raise RuntimeError("The fake Kubernetes API failed to start.") from self._error
        logger.info("Started the fake Kubernetes API at %s", self.url)
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        """Close the server (cutting open watch streams) and join the thread. Idempotent."""
        thread, loop, stopping = self._thread, self._loop, self._stopping
        self._thread = None
        if thread is None:
            return
        if loop is not None and stopping is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stopping.set)
        thread.join(timeout)
        if thread.is_alive():
            raise RuntimeError(f"The fake Kubernetes API did not stop within {timeout:g}s.")
        self._url = None

    def __enter__(self) -> FakeKubernetesApi:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def call(self, fn: Callable[[FakeKubernetesEmulator], T], timeout: float = 10.0) -> T:
        """Run ``fn(emulator)`` in the server's loop (where the state lives) and return its result.

        Use it to declare resources, add KMock reactions, or read the stored objects and requests.
        """
        loop, emulator = self._loop, self._emulator
        if loop is None or emulator is None:
            raise RuntimeError("The fake Kubernetes API is not running; call start() first.")
        future: concurrent.futures.Future[T] = concurrent.futures.Future()

        def run() -> None:
            try:
                future.set_result(fn(emulator))
            except BaseException as exc:
                future.set_exception(exc)

        loop.call_soon_threadsafe(run)
        return future.result(timeout)

    def declare_resource(self, resource: str, info: kmock.ResourceInfo) -> None:
        """Serve one more resource in API discovery, e.g. ``"batch/v1/jobs"``."""

        def declare(emulator: FakeKubernetesEmulator) -> None:
            emulator.resources[resource] = info

        self.call(declare)

    def find_object(self, resource: str, namespace: str | None, name: str) -> dict[str, Any] | None:
        """A copy of the stored object as the server would return it, or None if absent/deleted."""

        def read(emulator: FakeKubernetesEmulator) -> dict[str, Any] | None:
            try:
                obj = emulator.objects[kmock.resource(resource), namespace, name]
            except KeyError:
                return None
            return None if obj.deleted else copy.deepcopy(obj.raw)

        return self.call(read)

    def list_requests(self) -> list[kmock.Request]:
        """Every request served so far, oldest first (each has method, url, data, action, ...)."""
        return self.call(lambda emulator: list(emulator))

    def _serve(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:
            self._error = exc
            logger.exception("The fake Kubernetes API stopped with an error")
        finally:
            self._ready.set()  # unblock start() if we died before becoming ready

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        async with (
            FakeKubernetesEmulator() as emulator,
            kmock.Server(emulator, host=self._host, server_cls=PromptlyClosingServer) as server,
        ):
            for resource, info in self._resources.items():
                emulator.resources[resource] = copy.deepcopy(info)  # tests may edit theirs
            self._emulator = emulator
            self._url = str(server.url).rstrip("/")
            self._ready.set()
            await self._stopping.wait()


def client_configuration(url: str) -> kubernetes.client.Configuration:
    """A configuration for the official client pointing at ``url`` (plain HTTP, no auth)."""
    import kubernetes.client

    configuration = kubernetes.client.Configuration()
    configuration.host = url
    configuration.verify_ssl = False
    return configuration
