"""The errors flytestdlib raises, in one tree.

Callers catch the narrowest class they can act on; ``retryable`` tells a caller whether trying the
same call again later may succeed (a flaky network, a throttled server) or not (a missing blob, a
wrong setting)::

    FlyteStdlibError                  base of everything raised here
    ├── InvalidSettings               a settings object cannot work (names the field and the fix)
    ├── StorageError                  a blob-store call failed
    │   ├── InvalidUri                the URI is malformed or outside what this store may reach
    │   ├── BlobNotFound              no blob at the URI (``.uri``)
    │   ├── ChecksumMismatch          the data does not match the Content-MD5 given with it
    │   ├── CorruptBlob               the blob exists but does not parse as the expected message
    │   └── StorageUnavailable        the backend did not answer or answered with a transient error
    │                                 (retryable)
    ├── InvalidWorkflowDocument       a FlyteWorkflow document (or the closure it is built from) is
    │                                 malformed (names the field and the fix)
    └── WorkflowStoreError            a FlyteWorkflow store call failed
        ├── NotFound                  no FlyteWorkflow ``namespace/name`` exists
        ├── AlreadyExists             a FlyteWorkflow with that ``namespace/name`` exists already
        └── Conflict                  the update was based on a stale ``metadata.resourceVersion``
                                      (retryable: re-read and retry)

All of them are system errors from a user's point of view, except where a caller (e.g. admin's data
proxy) maps ``BlobNotFound`` / ``InvalidUri`` to NotFound / InvalidArgument for its client.
"""

from __future__ import annotations

__all__ = [
    "AlreadyExists",
    "BlobNotFound",
    "ChecksumMismatch",
    "Conflict",
    "CorruptBlob",
    "FlyteStdlibError",
    "InvalidSettings",
    "InvalidUri",
    "InvalidWorkflowDocument",
    "NotFound",
    "StorageError",
    "StorageUnavailable",
    "WorkflowStoreError",
]


class FlyteStdlibError(Exception):
    """Base of every error raised by flytestdlib."""

    retryable: bool = False


class InvalidSettings(FlyteStdlibError):
    """A settings value cannot work; the message names the setting and what to set instead."""


class StorageError(FlyteStdlibError):
    """A blob-store operation failed."""


class InvalidUri(StorageError):
    """A URI is malformed, has an unsupported scheme, or lies outside the store's reach."""

    def __init__(self, uri: str, reason: str) -> None:
        super().__init__(f"Invalid blob URI {uri!r}: {reason}")
        self.uri = uri
        self.reason = reason


class BlobNotFound(StorageError):
    """There is no blob at ``uri``."""

    def __init__(self, uri: str) -> None:
        super().__init__(f"Blob {uri!r} does not exist.")
        self.uri = uri


class ChecksumMismatch(StorageError):
    """The bytes written do not have the MD5 the caller declared for them."""

    def __init__(self, uri: str, detail: str) -> None:
        super().__init__(f"Refused to write blob {uri!r}: {detail}")
        self.uri = uri
        self.detail = detail


class CorruptBlob(StorageError):
    """The blob exists but its bytes are not what the reader expects (e.g. not a valid protobuf)."""

    def __init__(self, uri: str, reason: str) -> None:
        super().__init__(f"Blob {uri!r} is unreadable: {reason}")
        self.uri = uri
        self.reason = reason


class StorageUnavailable(StorageError):
    """The storage backend could not be reached or answered with a transient failure."""

    retryable = True


class InvalidWorkflowDocument(FlyteStdlibError):
    """A FlyteWorkflow document, or the compiled closure it is built from, is malformed."""


class WorkflowStoreError(FlyteStdlibError):
    """A FlyteWorkflow store operation failed."""


class NotFound(WorkflowStoreError):
    """No FlyteWorkflow object ``namespace/name`` exists."""

    def __init__(self, namespace: str, name: str) -> None:
        super().__init__(f"FlyteWorkflow {namespace}/{name} does not exist.")
        self.namespace = namespace
        self.name = name


class AlreadyExists(WorkflowStoreError):
    """A FlyteWorkflow object ``namespace/name`` exists already."""

    def __init__(self, namespace: str, name: str) -> None:
        super().__init__(
            f"FlyteWorkflow {namespace}/{name} already exists; pick another execution name or get the "
            "existing object."
        )
        self.namespace = namespace
        self.name = name


class Conflict(WorkflowStoreError):
    """An update carried a stale ``metadata.resourceVersion``: someone wrote the object in between."""

    retryable = True

    def __init__(self, namespace: str, name: str, given: str, current: str) -> None:
        super().__init__(
            f"FlyteWorkflow {namespace}/{name} was modified concurrently: the update is based on "
            f"resourceVersion {given!r} but the stored one is {current!r}; re-read the object and retry."
        )
        self.namespace = namespace
        self.name = name
        self.given = given
        self.current = current
