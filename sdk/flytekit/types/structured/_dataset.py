"""``StructuredDataset``: the user-facing handle on a dataset, wrapping a dataframe or naming stored data.

Built by users (``StructuredDataset(dataframe=df)`` or ``StructuredDataset(uri=..., file_format=...)``)
or by the transformer when a task receives one; ``open(pd.DataFrame).all()`` / ``.iter()`` read it
through the registered decoders. As a dataclass field it serializes to ``{"uri", "file_format"}``
(mashumaro's ``SerializableType``), writing its dataframe first when it holds one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from mashumaro.types import SerializableType

from flytekit._lazy import lazy_module
from flytekit.models.literals import StructuredDatasetMetadata
from flytekit.types.structured._handlers import GENERIC_FORMAT

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
    from flytekit.core.context_manager import FlyteContext
    from flytekit.models.literals import StructuredDataset as DatasetLiteral
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")


def dataset_literal(uri: str, file_format: str | None) -> literals_pb2.Literal:
    """A structured-dataset literal of ``uri`` whose metadata names only ``file_format``."""
    sdt = types_pb2.StructuredDatasetType(format=file_format or "")
    metadata = literals_pb2.StructuredDatasetMetadata(structured_dataset_type=sdt)
    dataset = literals_pb2.StructuredDataset(uri=uri, metadata=metadata)
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(structured_dataset=dataset))


@dataclasses.dataclass
class StructuredDataset(SerializableType):
    """A dataset: a dataframe to write (``dataframe=``) or data already stored at ``uri`` in ``file_format``."""

    uri: str | None = None
    file_format: str | None = GENERIC_FORMAT

    def __init__(
        self,
        dataframe: Any | None = None,
        uri: str | None = None,
        metadata: StructuredDatasetMetadata | None = None,
        **kwargs: Any,
    ) -> None:
        self._dataframe = dataframe
        self.uri = uri
        self.file_format = kwargs.get("file_format", GENERIC_FORMAT)
        self._metadata = metadata
        # Set by the transformer: the literal this dataset was read from or written to.
        self._literal_sd: literals_pb2.StructuredDataset | None = None
        self._dataframe_type: type[Any] | None = None
        self._already_uploaded = False

    @classmethod
    def columns(cls) -> dict[str, type]:
        return {}

    @classmethod
    def column_names(cls) -> list[str]:
        return list(cls.columns())

    @property
    def dataframe(self) -> Any | None:
        return self._dataframe

    @property
    def metadata(self) -> StructuredDatasetMetadata | None:
        return self._metadata

    @property
    def literal(self) -> DatasetLiteral | None:
        from flytekit.models.literals import StructuredDataset as DatasetLiteral

        return None if self._literal_sd is None else DatasetLiteral.from_flyte_idl(self._literal_sd)

    def open(self, dataframe_type: type[Any]) -> StructuredDataset:
        """Choose the dataframe type to read as (``pd.DataFrame``, ``pa.Table``...); then ``all()`` or ``iter()``."""
        from flytekit.types.structured import lazy_import_structured_dataset_handler

        lazy_import_structured_dataset_handler()
        self._dataframe_type = dataframe_type
        return self

    def _metadata_message(self) -> literals_pb2.StructuredDatasetMetadata | None:
        return None if self._metadata is None else self._metadata.to_flyte_idl()

    def _stored_literal(self, ctx: FlyteContext) -> literals_pb2.StructuredDataset:
        if self._dataframe_type is None:
            raise ValueError(
                "No dataframe type set. Use open() to set the local dataframe type you want to use."
            )
        if self.uri is not None and self._dataframe is None:
            from flytekit.core.type_engine import TypeEngine

            self.set_literal(ctx, TypeEngine.to_literal_type(StructuredDataset))
        if self._literal_sd is None:
            raise ValueError(
                "This StructuredDataset holds a dataframe that has not been written yet; use .dataframe "
                "instead of open(...).all(), or return it from a task first."
            )
        return self._literal_sd

    def all(self) -> Any:
        """The whole dataset as one dataframe of the type given to ``open``."""
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.types.structured._engine import flyte_dataset_transformer

        ctx = FlyteContextManager.current_context()
        stored = self._stored_literal(ctx)
        assert self._dataframe_type is not None
        return flyte_dataset_transformer.open_as_message(
            ctx, stored, self._dataframe_type, self._metadata_message()
        )

    def iter(self) -> Iterator[Any]:
        """The dataset as an iterator of dataframes (needs a decoder that yields them)."""
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.types.structured._engine import flyte_dataset_transformer

        ctx = FlyteContextManager.current_context()
        stored = self._stored_literal(ctx)
        assert self._dataframe_type is not None
        chunks: Iterator[Any] = flyte_dataset_transformer.iter_as_message(
            ctx, stored, self._dataframe_type, self._metadata_message()
        )
        return chunks

    def set_literal(self, ctx: FlyteContext, expected: types_pb2.LiteralType) -> None:
        """Write (or upload) this dataset now and remember the literal, typed by ``expected``."""
        from flytekit.types.structured._engine import flyte_dataset_transformer

        literal = flyte_dataset_transformer.to_literal(ctx, self, StructuredDataset, expected)
        self._literal_sd = literal.scalar.structured_dataset
        if self._metadata is None:
            self._metadata = StructuredDatasetMetadata.from_flyte_idl(self._literal_sd.metadata)

    _set_literal = set_literal

    # ---- as a dataclass field (mashumaro)
    def _serialize(self) -> dict[str, str | None]:
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.types.structured._engine import flyte_dataset_transformer

        ctx = FlyteContextManager.current_context()
        literal = flyte_dataset_transformer.to_literal(ctx, self, type(self), None)
        stored = literal.scalar.structured_dataset
        return {"uri": stored.uri, "file_format": stored.metadata.structured_dataset_type.format}

    @classmethod
    def _deserialize(cls, value: dict[str, Any]) -> StructuredDataset:
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.types.structured._engine import flyte_dataset_transformer

        uri = value.get("uri")
        if uri is None:
            raise ValueError("StructuredDataset's uri and file format should not be None")
        ctx = FlyteContextManager.current_context()
        result: StructuredDataset = flyte_dataset_transformer.to_python_value(
            ctx, dataset_literal(uri, value.get("file_format")), cls
        )
        return result
