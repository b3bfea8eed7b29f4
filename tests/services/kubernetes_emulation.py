"""Closer-to-real Kubernetes semantics on top of KMock's ``KubernetesEmulator``.

KMock's emulator stores objects as sent and streams every existing object to every new watch. A
real API server also stamps server-side metadata and versions every write; list-then-watch clients
(kopf, informers) depend on that: they list, then watch from the list's ``resourceVersion`` and
expect only later changes. Without it, kopf sees a stale ADDED event after its own patch and runs
its creation handlers twice. ``FakeKubernetesEmulator`` adds:

- on creation: ``uid``, ``creationTimestamp``, ``generation``, the namespace from the URL, a name
  from ``generateName``; the answer is 201 like a real server's, not KMock's 200;
- a cluster-wide ``resourceVersion`` clock, stamped on the stored object at every write event;
- lists carrying the clock's ``resourceVersion``, and watches from a version replaying the later
  events of that resource (kept in ``VersionedBus.history``) before streaming live ones;
- "/apis/" and "/api/" (with the slash the official client sends) served like "/apis" and "/api".

``kubernetes.py`` runs it behind an HTTP server; nothing here does networking.
"""

from __future__ import annotations

import copy
import datetime
import functools
import secrets
import uuid
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import attrs
import kmock
from typing_extensions import override

if TYPE_CHECKING:
    import aiohttp.web

Event = dict[str, Any]


@attrs.define
class ResourceVersionClock:
    """The last resourceVersion issued; one per emulator, shared by all its resources."""

    last: int = 0

    def tick(self) -> int:
        self.last += 1
        return self.last


@attrs.define(kw_only=True)
class VersionedBus(kmock.Bus[Event]):  # type: ignore[name-defined,misc]  # exported, but not in __all__
    """KMock's per-resource event bus that versions each event and keeps it for later watches.

    The history is unbounded: the fake lives for one test.
    """

    clock: ResourceVersionClock
    history: list[tuple[int, Event]] = attrs.field(factory=list)

    @override
    async def put(self, *items: Event) -> None:
        await super().put(*(self._version(item) for item in items))

    def _version(self, event: Event) -> Event:
        version = self.clock.tick()
        obj = event.get("object")
        if isinstance(obj, dict) and isinstance(obj.get("metadata"), dict):
            # The event's object shares its metadata dict with the stored object, so this also
            # gives the stored object its new version; the event itself is frozen as a copy.
            obj["metadata"]["resourceVersion"] = str(version)
            event = {**event, "object": copy.deepcopy(obj)}
        self.history.append((version, event))
        return event


def event_version(event: Event) -> int:
    return int(event.get("object", {}).get("metadata", {}).get("resourceVersion") or 0)


@attrs.define(kw_only=True)
class FakeKubernetesEmulator(kmock.KubernetesEmulator):
    """KMock's stateful emulator with server-side metadata and resourceVersion-aware watches.

    The creation stamping edits the request body in place before the emulator stores it, so
    recorded requests show the stamped metadata too.
    """

    _clock: ResourceVersionClock = attrs.field(factory=ResourceVersionClock, init=False)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        self._buses.default_factory = functools.partial(VersionedBus, clock=self._clock)  # type: ignore[attr-defined]
        self.fallback["get /apis/"] << self._serve_apis
        self.fallback["get /api/"] << self._serve_api

    @override
    async def _handle(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        creating = request.action == kmock.action.CREATE
        if creating and isinstance(request.data, dict):
            _stamp_creation(request.data, request.namespace)
        response = await super()._handle(request)
        # The official client (37) maps only 201 to a body for custom objects: on 200 it returns None.
        if creating and response.status == 200 and not response.prepared:
            response.set_status(201)
        return response

    @override
    async def _serve_list(self, request: kmock.Request) -> kmock.Payload:
        listing: Any = await super()._serve_list(request)
        # No await since the snapshot was taken: the clock's version is the one the list reflects.
        listing["metadata"]["resourceVersion"] = str(self._clock.last)
        return listing  # type: ignore[no-any-return]

    @override
    async def _serve_watch(self, request: kmock.Request) -> AsyncIterator[kmock.Payload]:
        since = request.params.get("resourceVersion", "")
        if not since.isdigit() or int(since) == 0:
            # No version (or "0"): every existing object as ADDED, then live events, as KMock does.
            async for item in super()._serve_watch(request):
                yield item
            return

        yield b""  # send the headers now: the stream may stay silent for a long time
        assert request.resource is not None  # a watch is always of a resource
        bus = self._buses[request.resource]
        assert isinstance(bus, VersionedBus)
        # Mark the live stream before reading the history: every event is then in one or both,
        # and the version check below drops the duplicates.
        marker = await bus.mark()
        try:
            last = int(since)
            for version, event in list(bus.history):
                if version > last and _selects(request, event):
                    last = version
                    yield event
            async for event in bus.stream(since=marker):
                version = event_version(event)
                if version > last and _selects(request, event):
                    last = version
                    yield event
        finally:
            await bus.unmark(marker)


def _stamp_creation(body: dict[str, Any], namespace: str | None) -> None:
    meta = body.setdefault("metadata", {})
    if not meta.get("name") and meta.get("generateName"):
        meta["name"] = meta["generateName"] + secrets.token_hex(3)[:5]
    if namespace is not None:
        meta.setdefault("namespace", namespace)
    meta.setdefault("uid", str(uuid.uuid4()))
    meta.setdefault("creationTimestamp", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    meta.setdefault("generation", 1)


def _selects(request: kmock.Request, event: Event) -> bool:
    meta = event.get("object", {}).get("metadata", {})
    return (request.namespace is None or meta.get("namespace") == request.namespace) and (
        request.name is None or meta.get("name") == request.name
    )
