"""Blob storage for the backend services: one ``BlobStore`` protocol, a local-folder and an S3 store.

Every blob is addressed by URI (``file:///abs/path`` or ``s3://bucket/key``); ``store.base`` is the
root URI and ``store.join(...)`` builds URIs below it. ``read_proto``/``write_proto`` store protobuf
messages; ``store_for(StorageSettings(...))`` builds the configured store. Errors are the
``StorageError`` branch of ``flytestdlib.errors``. URI helpers live in ``flytestdlib.storage.uris``.
"""

from flytestdlib.storage._local import LocalBlobStore
from flytestdlib.storage._protocol import BlobInfo, BlobStore, SignedUrl
from flytestdlib.storage._protos import read_proto, write_proto
from flytestdlib.storage._s3 import S3BlobStore
from flytestdlib.storage._settings import StorageSettings, store_for

__all__ = [
    "BlobInfo",
    "BlobStore",
    "LocalBlobStore",
    "S3BlobStore",
    "SignedUrl",
    "StorageSettings",
    "read_proto",
    "store_for",
    "write_proto",
]
