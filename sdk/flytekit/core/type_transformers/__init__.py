"""Built-in type transformers, one module per family, registered into a ``TransformerRegistry``."""

from __future__ import annotations

import collections.abc
import typing

from flytekit.core.type_engine import TransformerRegistry


def register_builtin_transformers(registry: TransformerRegistry) -> None:
    from flytekit.core.type_transformers import (
        dataframes,
        dicts,
        enums,
        errors,
        files,
        lists,
        literal_choices,
        primitives,
        protobufs,
        streams,
        structs,
        temporal,
        unions,
    )
    from flytekit.types.iterator.iterator import IteratorTransformer
    from flytekit.types.iterator.json_iterator import JSON, JSONIterator, JSONIteratorTransformer
    from flytekit.types.pickle.pickle import FlytePickleTransformer

    primitives.register(registry)
    temporal.register(registry)
    lists.register(registry)
    unions.register(registry)
    dicts.register(registry)
    streams.register(registry)
    enums.register(registry)
    literal_choices.register(registry)
    protobufs.register(registry)
    structs.register(registry)
    files.register(registry)
    registry.register(FlytePickleTransformer())
    registry.register(IteratorTransformer(), additional_types=[collections.abc.Iterator])
    registry.register(
        JSONIteratorTransformer(),
        additional_types=[JSONIterator, collections.abc.Iterator[JSON], typing.Iterator[JSON]],
    )
    # tuples are values nowhere; only return annotations may use them (meaning several outputs)
    registry.register_restricted("non typed tuple", tuple)
    registry.register_restricted("non typed tuple", typing.Tuple)  # noqa: UP006
    registry.register_restricted("named tuple", typing.NamedTuple)
    dataframes.register(registry)
    errors.register(registry)
