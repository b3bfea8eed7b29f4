"""Reading and offloading the LiteralMaps behind executions, nodes and attempts.

Get*Data responses carry the full inputs/outputs read from the blob store; a blob that is missing,
unreadable or above the configured size is logged and answered with an empty map, never an error
(clients poll these while an execution runs). ``flyte_urls`` name the same data in Flyte's
``flyte://v1/...`` scheme.
"""

from __future__ import annotations

import logging

from flyteadmin.errors import InternalError, ResourceExhausted
from flyteidl.admin import common_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flytestdlib import errors as stdlib_errors
from flytestdlib.storage import BlobStore, read_proto, write_proto

__all__ = ["DataAccess", "flyte_urls"]

logger = logging.getLogger(__name__)


class DataAccess:
    """LiteralMap blobs of one blob store, with admin's size limits."""

    def __init__(self, store: BlobStore, *, max_read_bytes: int, max_inline_bytes: int) -> None:
        self.store = store
        self._max_read_bytes = max_read_bytes
        self._max_inline_bytes = max_inline_bytes

    def read_literal_map(self, uri: str) -> literals_pb2.LiteralMap:
        """The LiteralMap at ``uri``, or an empty map if there is none (or it is too large)."""
        if not uri:
            return literals_pb2.LiteralMap()
        try:
            info = self.store.head(uri)
            if info is None:
                return literals_pb2.LiteralMap()
            if info.size > self._max_read_bytes:
                logger.info(
                    "Not inlining %s: %d bytes is above the %d byte limit.",
                    uri,
                    info.size,
                    self._max_read_bytes,
                )
                return literals_pb2.LiteralMap()
            return read_proto(self.store, uri, literals_pb2.LiteralMap)
        except stdlib_errors.StorageError as error:
            logger.warning("Could not read literal map %s: %s", uri, error)
            return literals_pb2.LiteralMap()

    def check_inline_size(self, data: literals_pb2.LiteralMap, what: str) -> None:
        size = data.ByteSize()
        if size > self._max_inline_bytes:
            raise ResourceExhausted(
                f"Output data size exceeds platform configured threshold ({size} > {self._max_inline_bytes} bytes) "
                f"for {what}; write large outputs to the blob store and send their URI instead."
            )

    def offload(self, uri: str, data: literals_pb2.LiteralMap) -> str:
        """Write ``data`` to ``uri`` and return the URI."""
        try:
            write_proto(self.store, uri, data)
        except stdlib_errors.StorageError as error:
            raise InternalError(f"Could not offload data to {uri}: {error}") from error
        return uri


def flyte_urls(
    execution_id: identifier_pb2.WorkflowExecutionIdentifier,
    node_id: str,
    *,
    attempt: int | None = None,
    deck: bool = False,
) -> common_pb2.FlyteURLs:
    """``flyte://v1/<project>/<domain>/<execution>/<node>[/<attempt>]/{i,o,d}``."""
    base = f"flyte://v1/{execution_id.project}/{execution_id.domain}/{execution_id.name}/{node_id}"
    if attempt is not None:
        base += f"/{attempt}"
    return common_pb2.FlyteURLs(inputs=f"{base}/i", outputs=f"{base}/o", deck=f"{base}/d" if deck else "")
