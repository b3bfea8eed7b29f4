"""Prometheus metrics of one admin process (its own registry, so several admins can share a Python
process in tests): RPC counts by method and status code, and RPC latency."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from google.protobuf.message import Message
from prometheus_client import CollectorRegistry, Counter, Histogram

from flyteadmin.api.handlers import Handler
from flyteadmin.errors import grpc_code_name

__all__ = ["AdminMetrics"]


class AdminMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.calls = Counter(
            "flyteadmin_rpc_calls",
            "RPCs served, by method and status code",
            ["rpc", "code"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "flyteadmin_rpc_seconds", "Time spent serving RPCs", ["rpc"], registry=self.registry
        )

    def instrument(self, handlers: Mapping[str, Handler]) -> dict[str, Handler]:
        """The same handlers, each counting its calls and timing them."""
        return {name: self._wrap(name, handler) for name, handler in handlers.items()}

    def _wrap(self, name: str, handler: Handler) -> Handler:
        def measured(request: Any) -> Message:
            started = time.perf_counter()
            code = "OK"
            try:
                return handler(request)
            except Exception as error:
                code = grpc_code_name(error)
                raise
            finally:
                self.latency.labels(name).observe(time.perf_counter() - started)
                self.calls.labels(name, code).inc()

        return measured
