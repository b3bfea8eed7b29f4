"""The ``default`` builder slot (docker buildx in flytekit). This SDK builds no images.

It keeps flytekit's decision rule (build only an image known to be missing, or a forced push), but
without docker it can never learn that an image is missing, so serialization goes on with the
spec's image name, as flytekit does when it cannot reach a registry. Asked to build anyway (a
forced push), it fails and says how to get the image.
"""

from __future__ import annotations

from flytekit.image_spec.image_spec import ImageSpec, ImageSpecBuilder


class DefaultImageBuilder(ImageSpecBuilder):
    builder_type = "default"

    def build_image(self, image_spec: ImageSpec) -> str | None:
        raise RuntimeError(
            f"Cannot build image {image_spec.image_name()}: this flytekit does not build container images. "
            "Build and push it with docker (or another tool) yourself, or use builder='noop' with a base_image."
        )
