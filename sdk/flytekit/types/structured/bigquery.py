"""BigQuery tables as structured datasets: ``bq://<project>:<dataset>.<table>``.

Encoders load a pandas DataFrame or pyarrow Table into the table named by the dataset's URI; decoders
read it through the BigQuery Storage read API (Arrow format, only the columns the task asked for).
Needs ``google-cloud-bigquery`` and ``google-cloud-bigquery-storage``; importing this module without
them raises ImportError, which ``register_bigquery_handlers`` turns into a log line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from google.cloud import bigquery, bigquery_storage  # type: ignore[import-not-found,import-untyped,unused-ignore]
from google.cloud.bigquery_storage_v1 import types  # type: ignore[import-not-found,import-untyped,unused-ignore]

from flytekit.models.literals import StructuredDataset as DatasetLiteral
from flytekit.models.literals import StructuredDatasetMetadata
from flytekit.types.structured._handlers import StructuredDatasetDecoder, StructuredDatasetEncoder

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext
    from flytekit.models.types import StructuredDatasetType
    from flytekit.types.structured._dataset import StructuredDataset

BIGQUERY = "bq"


def _parts(uri: str) -> tuple[str, str, str]:
    """``bq://project:dataset.table`` -> ``(project, dataset, table)``."""
    parts = re.split(r"\.|://|:", uri)
    if len(parts) != 4 or parts[0] != BIGQUERY:
        raise ValueError(f"BigQuery dataset URI {uri!r} is not of the form bq://<project>:<dataset>.<table>")
    return parts[1], parts[2], parts[3]


def _write(structured_dataset: StructuredDataset) -> DatasetLiteral:
    import pyarrow as pa

    uri = structured_dataset.uri
    if not uri:
        raise ValueError("A dataframe written to BigQuery needs a URI: bq://<project>:<dataset>.<table>")
    project, dataset, table = _parts(uri)
    frame: Any = structured_dataset.dataframe
    if isinstance(frame, pa.Table):
        frame = frame.to_pandas()
    client = bigquery.Client(project=project)
    client.load_table_from_dataframe(frame, f"{project}.{dataset}.{table}").result()
    return DatasetLiteral(uri=uri, metadata=StructuredDatasetMetadata())


def _read(flyte_value: DatasetLiteral, metadata: StructuredDatasetMetadata) -> Any:
    import pandas as pd
    import pyarrow as pa

    project, dataset, table = _parts(flyte_value.uri)
    client = bigquery_storage.BigQueryReadClient()
    sdt = metadata.structured_dataset_type
    options = None
    if sdt is not None and sdt.columns:
        options = types.ReadSession.TableReadOptions(selected_fields=[c.name for c in sdt.columns])
    session = client.create_read_session(
        parent=f"projects/{project}",
        read_session=types.ReadSession(
            table=f"projects/{project}/datasets/{dataset}/tables/{table}",
            data_format=types.DataFormat.ARROW,
            read_options=options,
        ),
    )
    frames = [
        page.to_dataframe()
        for stream in session.streams
        for page in client.read_rows(stream.name).rows().pages
    ]
    if frames:
        return pd.concat(frames)
    schema = pa.ipc.read_schema(pa.py_buffer(session.arrow_schema.serialized_schema))
    return schema.empty_table().to_pandas()


class _BigQueryEncoder(StructuredDatasetEncoder[Any]):
    def encode(
        self,
        ctx: FlyteContext,
        structured_dataset: StructuredDataset,
        structured_dataset_type: StructuredDatasetType,
    ) -> DatasetLiteral:
        literal = _write(structured_dataset)
        return DatasetLiteral(uri=literal.uri, metadata=StructuredDatasetMetadata(structured_dataset_type))


class PandasToBQEncodingHandlers(_BigQueryEncoder):
    def __init__(self) -> None:
        import pandas as pd

        super().__init__(pd.DataFrame, BIGQUERY, supported_format="")


class ArrowToBQEncodingHandlers(_BigQueryEncoder):
    def __init__(self) -> None:
        import pyarrow as pa

        super().__init__(pa.Table, BIGQUERY, supported_format="")


class BQToPandasDecodingHandler(StructuredDatasetDecoder[Any]):
    def __init__(self) -> None:
        import pandas as pd

        super().__init__(pd.DataFrame, BIGQUERY, supported_format="")

    def decode(
        self, ctx: FlyteContext, flyte_value: DatasetLiteral, current_task_metadata: StructuredDatasetMetadata
    ) -> Any:
        return _read(flyte_value, current_task_metadata)


class BQToArrowDecodingHandler(StructuredDatasetDecoder[Any]):
    def __init__(self) -> None:
        import pyarrow as pa

        super().__init__(pa.Table, BIGQUERY, supported_format="")

    def decode(
        self, ctx: FlyteContext, flyte_value: DatasetLiteral, current_task_metadata: StructuredDatasetMetadata
    ) -> Any:
        import pyarrow as pa

        return pa.Table.from_pandas(_read(flyte_value, current_task_metadata))
