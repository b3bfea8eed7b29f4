"""pydantic v2 ``BaseModel`` support; registered by the type engine once user code has imported pydantic."""

from __future__ import annotations

from flytekit.extras.pydantic_transformer.transformer import PydanticTransformer, register

__all__ = ["PydanticTransformer", "register"]
