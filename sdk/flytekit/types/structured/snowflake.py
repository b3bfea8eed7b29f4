"""Snowflake tables as structured datasets.

URIs: ``snowflake://<user>:<account>/<warehouse>/<database>/<schema>/<table>`` to write a pandas
DataFrame into a table, and the same with a query id in place of the table to read that query's
result. Authentication is key-pair: the PEM private key is the task secret ``snowflake/private-key``.
Needs ``snowflake-connector-python`` (and ``cryptography``); importing this module without it raises
ImportError, which ``register_snowflake_handlers`` turns into a log line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import snowflake.connector  # type: ignore[import-not-found,import-untyped,unused-ignore]
from snowflake.connector.pandas_tools import write_pandas  # type: ignore[import-not-found,import-untyped,unused-ignore]

from flytekit.models.literals import StructuredDataset as DatasetLiteral
from flytekit.models.literals import StructuredDatasetMetadata
from flytekit.types.structured._handlers import StructuredDatasetDecoder, StructuredDatasetEncoder

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext
    from flytekit.models.types import StructuredDatasetType
    from flytekit.types.structured._dataset import StructuredDataset

SNOWFLAKE = "snowflake"


def _private_key() -> bytes:
    """The task secret ``snowflake/private-key`` (PEM) as unencrypted PKCS#8 DER, what the connector takes."""
    from cryptography.hazmat.primitives import serialization

    from flytekit.core.context_manager import FlyteContextManager

    params = FlyteContextManager.current_context().user_space_params
    if params is None:
        raise ValueError("Snowflake datasets are read and written inside a task (its secrets hold the key)")
    pem = str(params.secrets.get("snowflake", "private-key")).strip().encode()
    key = serialization.load_pem_private_key(pem, password=None)
    return key.private_bytes(
        encoding=serialization.Encoding.DER,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )


def _connect(uri: str | None) -> tuple[Any, str]:
    """A connection for the URI's warehouse/database/schema, and the URI's last part (table or query id)."""
    parts = re.split(r"/|://|:", uri or "")
    if len(parts) != 7 or parts[0] != SNOWFLAKE:
        raise ValueError(
            f"Snowflake dataset URI {uri!r} is not of the form "
            "snowflake://<user>:<account>/<warehouse>/<database>/<schema>/<table or query id>"
        )
    _, user, account, warehouse, database, schema, last = parts
    connection = snowflake.connector.connect(
        user=user,
        account=account,
        private_key=_private_key(),
        warehouse=warehouse,
        database=database,
        schema=schema,
    )
    return connection, last


class PandasToSnowflakeEncodingHandlers(StructuredDatasetEncoder[Any]):
    def __init__(self) -> None:
        import pandas as pd

        super().__init__(pd.DataFrame, SNOWFLAKE, supported_format="")

    def encode(
        self,
        ctx: FlyteContext,
        structured_dataset: StructuredDataset,
        structured_dataset_type: StructuredDatasetType,
    ) -> DatasetLiteral:
        connection, table = _connect(structured_dataset.uri)
        write_pandas(connection, structured_dataset.dataframe, table)
        return DatasetLiteral(
            uri=str(structured_dataset.uri), metadata=StructuredDatasetMetadata(structured_dataset_type)
        )


class SnowflakeToPandasDecodingHandler(StructuredDatasetDecoder[Any]):
    def __init__(self) -> None:
        import pandas as pd

        super().__init__(pd.DataFrame, SNOWFLAKE, supported_format="")

    def decode(
        self, ctx: FlyteContext, flyte_value: DatasetLiteral, current_task_metadata: StructuredDatasetMetadata
    ) -> Any:
        connection, query_id = _connect(flyte_value.uri)
        cursor = connection.cursor()
        cursor.get_results_from_sfqid(query_id)
        return cursor.fetch_pandas_all()
