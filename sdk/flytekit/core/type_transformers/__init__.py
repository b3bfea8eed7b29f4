"""Built-in type transformers, one module per family, registered into a ``TransformerRegistry``."""

from __future__ import annotations

from flytekit.core.type_engine import TransformerRegistry


def register_builtin_transformers(registry: TransformerRegistry) -> None:
    from flytekit.core.type_transformers import (
        dicts,
        enums,
        errors,
        files,
        lists,
        primitives,
        structs,
        temporal,
        unions,
    )

    primitives.register(registry)
    temporal.register(registry)
    lists.register(registry)
    dicts.register(registry)
    unions.register(registry)
    enums.register(registry)
    structs.register(registry)
    files.register(registry)
    errors.register(registry)
