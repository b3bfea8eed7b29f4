"""The ``noop`` image builder: the image is ``base_image`` as given; nothing is built or checked."""

from __future__ import annotations

from flytekit.image_spec.image_spec import ImageSpec, ImageSpecBuilder


class NoOpBuilder(ImageSpecBuilder):
    builder_type = "noop"

    def should_build(self, image_spec: ImageSpec) -> bool:
        # Nothing to look up: "building" only maps the spec's name to its base image.
        return True

    def build_image(self, image_spec: ImageSpec) -> str:
        if not isinstance(image_spec.base_image, str):
            raise ValueError(
                f"ImageSpec {image_spec.name!r} uses the noop builder, which needs base_image to be an image "
                f"name (a string), got {image_spec.base_image!r}."
            )
        import click

        click.secho(f"Using image: {image_spec.base_image}", fg="blue")
        return image_spec.base_image
