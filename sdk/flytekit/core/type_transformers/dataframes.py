"""Lazy families for dataframe and array libraries: numpy arrays, structured datasets with their
pandas and pyarrow handlers, and legacy ``FlyteSchema``.

None of these libraries is imported here. Each family loads at the first type lookup after its
library (or ``flytekit.types.structured``) has been imported by user code, as flytekit 1.16 does;
the dataset and schema transformers also load when a literal type of theirs must be guessed back.
"""

from __future__ import annotations

from flytekit.core.type_engine import LazyFamily, TransformerRegistry


def _load_numpy(registry: TransformerRegistry) -> None:
    from flytekit.types.numpy import NumpyArrayTransformer

    registry.register(NumpyArrayTransformer())


def _load_datasets(registry: TransformerRegistry) -> None:
    from flytekit.types.structured import lazy_import_structured_dataset_handler
    from flytekit.types.structured._engine import flyte_dataset_transformer
    from flytekit.types.structured._handlers import HANDLERS

    registry.register(flyte_dataset_transformer)
    lazy_import_structured_dataset_handler()
    # route every dataframe type with handlers here too (registering also routes them, in the default registry)
    registry.register(flyte_dataset_transformer, additional_types=[*HANDLERS.encoders, *HANDLERS.decoders])


def _load_schemas(registry: TransformerRegistry) -> None:
    from flytekit.types.schema import FlyteSchemaTransformer

    registry.register(FlyteSchemaTransformer())


def register(registry: TransformerRegistry) -> None:
    registry.register_lazy(LazyFamily(("flytekit.types.schema",), _load_schemas, guesses=("schema",)))
    registry.register_lazy(LazyFamily(("numpy",), _load_numpy))
    registry.register_lazy(
        LazyFamily(("flytekit.types.structured",), _load_datasets, guesses=("structured_dataset_type",))
    )
    registry.register_lazy(LazyFamily(("pandas",), _load_datasets))
    registry.register_lazy(LazyFamily(("pyarrow",), _load_datasets))
