"""Declarative images (``ImageSpec``) and the registry of image builders.

Importing this package registers the two builders every flytekit has: ``default`` (priority 1)
and ``noop`` (priority 0); plugins register more with ``ImageBuildEngine.register``.
"""

from flytekit.image_spec.default_builder import DefaultImageBuilder
from flytekit.image_spec.image_spec import ImageBuildEngine, ImageSpec, ImageSpecBuilder
from flytekit.image_spec.noop_builder import NoOpBuilder

ImageBuildEngine.register(DefaultImageBuilder.builder_type, DefaultImageBuilder(), priority=1)
ImageBuildEngine.register(NoOpBuilder.builder_type, NoOpBuilder(), priority=0)

__all__ = ["DefaultImageBuilder", "ImageBuildEngine", "ImageSpec", "ImageSpecBuilder", "NoOpBuilder"]
