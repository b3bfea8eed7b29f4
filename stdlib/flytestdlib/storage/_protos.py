"""Protobuf messages as blobs: ``read_proto`` / ``write_proto`` over any ``BlobStore``.

Inputs, outputs, errors and closures travel between admin, propeller and task processes as binary
protobuf blobs (``inputs.pb``, ``outputs.pb``, ...). Writes serialize deterministically (map entries
in key order), so the same message always yields the same bytes and the same MD5.
"""

from __future__ import annotations

from typing import TypeVar

from google.protobuf.message import DecodeError, Message

from flytestdlib.errors import CorruptBlob
from flytestdlib.storage._protocol import BlobStore

__all__ = ["read_proto", "write_proto"]

M = TypeVar("M", bound=Message)


def read_proto(store: BlobStore, uri: str, message_type: type[M]) -> M:
    """Parse the blob at ``uri`` as ``message_type``.

    Raises ``BlobNotFound`` if there is no blob and ``CorruptBlob`` if its bytes are not that message.
    """
    data = store.read(uri)
    message = message_type()
    try:
        message.ParseFromString(data)
    except DecodeError as error:
        raise CorruptBlob(
            uri, f"its {len(data)} bytes are not a valid {message_type.DESCRIPTOR.full_name} ({error})."
        ) from error
    return message


def write_proto(store: BlobStore, uri: str, message: Message) -> None:
    """Store ``message`` at ``uri`` in deterministic binary form."""
    store.write(uri, message.SerializeToString(deterministic=True))
