"""Reading ``flyte://`` data: short text forms of literals and downloading the blobs they point to.

``FlyteRemote.get(flyte_uri)`` asks admin's DataProxy ``GetData`` what a ``flyte://v1/...`` URI names
(a literal map, one literal, or a signed URL of a deck); ``FlyteRemote.download`` writes the files,
folders and dataframes in that data to a local folder, and structured scalars (dataclasses, dicts
stored as msgpack or Struct) as ``<name>.json``. ``literal_text`` is the compact form ``pyflyte
fetch`` prints: plain values for primitives, the URI for blobs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.data_persistence import FileAccessProvider

logger = logging.getLogger(__name__)


def _primitive_value(primitive: literals_pb2.Primitive) -> Any:
    kind = primitive.WhichOneof("value")
    if kind == "datetime":
        return primitive.datetime.ToDatetime()
    if kind == "duration":
        return primitive.duration.ToTimedelta()
    return getattr(primitive, kind) if kind else None


def scalar_text(scalar: literals_pb2.Scalar) -> Any:
    """A scalar as a plain Python value (primitives) or a short description (blobs, binaries)."""
    from google.protobuf.json_format import MessageToDict

    kind = scalar.WhichOneof("value")
    if kind == "primitive":
        return _primitive_value(scalar.primitive)
    if kind == "none_type":
        return None
    if kind == "blob":
        return scalar.blob.uri
    if kind == "structured_dataset":
        return scalar.structured_dataset.uri
    if kind == "union":
        return literal_text(scalar.union.value)
    if kind == "generic":
        return MessageToDict(scalar.generic)
    if kind == "binary":
        if scalar.binary.tag == "msgpack":
            import msgpack  # type: ignore[import-untyped]

            return msgpack.unpackb(scalar.binary.value)
        return f"binary<{scalar.binary.tag}, {len(scalar.binary.value)} bytes>"
    if kind == "error":
        return f"error from node {scalar.error.failed_node_id}: {scalar.error.message}"
    if kind == "schema":
        return scalar.schema.uri
    return f"<{kind}>"


def literal_text(literal: literals_pb2.Literal) -> Any:
    """The compact, printable form of a literal (nested lists and dicts mirror collections and maps)."""
    kind = literal.WhichOneof("value")
    if kind == "scalar":
        return scalar_text(literal.scalar)
    if kind == "collection":
        return [literal_text(item) for item in literal.collection.literals]
    if kind == "map":
        return {key: literal_text(item) for key, item in sorted(literal.map.literals.items())}
    if kind == "offloaded_metadata":
        return f"offloaded literal at {literal.offloaded_metadata.uri}"
    return None


def literal_map_text(literals: Mapping[str, literals_pb2.Literal]) -> dict[str, Any]:
    return {name: literal_text(literal) for name, literal in sorted(literals.items())}


def download_literal(
    file_access: FileAccessProvider, name: str, literal: literals_pb2.Literal, download_to: Path
) -> list[Path]:
    """Write what ``literal`` holds under ``download_to/<name>``; returns the paths written.

    Files go to ``<name>`` (folders and dataframes to the folder ``<name>/``), collections and maps
    recurse into ``<name>/<index or key>``, dataclass-like values become ``<name>.json``; plain
    primitives are skipped (they are printed, not downloaded).
    """
    download_to.mkdir(parents=True, exist_ok=True)
    kind = literal.WhichOneof("value")
    if kind == "collection":
        written: list[Path] = []
        for index, item in enumerate(literal.collection.literals):
            written += download_literal(file_access, str(index), item, download_to / name)
        return written
    if kind == "map":
        written = []
        for key, item in sorted(literal.map.literals.items()):
            written += download_literal(file_access, key, item, download_to / name)
        return written
    if kind != "scalar":
        logger.info("Skipping %s: a %s literal has nothing to download.", name, kind)
        return []
    scalar = literal.scalar
    scalar_kind = scalar.WhichOneof("value")
    if scalar_kind == "union":
        return download_literal(file_access, name, scalar.union.value, download_to)
    if scalar_kind in ("blob", "structured_dataset"):
        if scalar_kind == "blob":
            uri = scalar.blob.uri
            multipart = scalar.blob.metadata.type.dimensionality == types_pb2.BlobType.MULTIPART
        else:
            uri, multipart = scalar.structured_dataset.uri, True
        target = download_to / name
        file_access.get_data(uri, str(target), is_multipart=multipart)
        return [target]
    if scalar_kind in ("generic", "binary") and (scalar_kind == "generic" or scalar.binary.tag == "msgpack"):
        target = download_to / f"{name}.json"
        target.write_text(json.dumps(scalar_text(scalar), default=str))
        return [target]
    logger.info(
        "Skipping %s = %r: not a file, folder, dataframe or structured value.", name, scalar_text(scalar)
    )
    return []
