"""Container images tasks run in: ``Image`` (one named reference) and ``ImageConfig`` (default + named).

Tasks pick an image by ``container_image=``: nothing means the default image, a plain string is
used as-is, and templates like ``{{.image.gpu.fqn}}:{{.image.gpu.version}}`` resolve against the
named images (``pyflyte --image gpu=ghcr.io/org/gpu:1``, or ``images:`` in the config file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from flytekit.configuration.file import ConfigFile, get_config_file
from flytekit.configuration.internal import Images

DEFAULT_IMAGE_NAME = "default"


@dataclass(frozen=True)
class Image:
    """One image reference: ``fqn`` (registry/repository) plus a ``tag`` or a ``digest``."""

    name: str
    fqn: str
    tag: str | None = None
    digest: str | None = None

    @property
    def full(self) -> str:
        if self.digest:
            return f"{self.fqn}@{self.digest}"
        if self.tag:
            return f"{self.fqn}:{self.tag}"
        return self.fqn

    @property
    def version(self) -> str | None:
        return self.tag or self.digest

    @classmethod
    def look_up_image_info(
        cls, name: str, image_identifier: str, allow_no_tag_or_digest: bool = False
    ) -> Image:
        """Parse ``registry[:port]/repo:tag`` or ``registry/repo@sha256:...`` into an ``Image`` called ``name``."""
        if "@" in image_identifier:
            fqn, digest = image_identifier.split("@", 1)
            return cls(name=name, fqn=fqn, digest=digest)
        last_slash = image_identifier.rfind("/")
        colon = image_identifier.rfind(":")
        if colon > last_slash:
            return cls(name=name, fqn=image_identifier[:colon], tag=image_identifier[colon + 1 :])
        if not allow_no_tag_or_digest:
            raise ValueError(
                f"Image {image_identifier!r} has neither a tag nor a digest; write it as "
                f"'{image_identifier}:<tag>' or '{image_identifier}@sha256:<digest>'."
            )
        return cls(name=name, fqn=image_identifier)


@dataclass(frozen=True)
class ImageConfig:
    """The default image and the named images a project's tasks can refer to."""

    default_image: Image | None = None
    images: list[Image] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.images is None:  # callers pass images=None like flytekit's signature allows
            object.__setattr__(self, "images", [])
        if self.default_image is not None and self.default_image not in self.images:
            object.__setattr__(self, "images", [self.default_image, *self.images])

    def find_image(self, name: str) -> Image | None:
        for image in self.images:
            if image.name == name:
                return image
        return None

    @classmethod
    def create_from(cls, default_image: Image | None, other_images: list[Image] | None = None) -> ImageConfig:
        others = [i for i in (other_images or []) if default_image is None or i.name != default_image.name]
        return cls(default_image=default_image, images=([default_image] if default_image else []) + others)

    @classmethod
    def from_images(cls, default_image: str, m: dict[str, str] | None = None) -> ImageConfig:
        default = Image.look_up_image_info(DEFAULT_IMAGE_NAME, default_image)
        others = [Image.look_up_image_info(k, v) for k, v in (m or {}).items()]
        return cls.create_from(default, others)

    @classmethod
    def auto(
        cls,
        config_file: str | ConfigFile | None = None,
        images: dict[str, str] | list[str] | None = None,
        img_name: str | None = None,
    ) -> ImageConfig:
        """Images from ``img_name`` (the default; else ``$FLYTE_INTERNAL_IMAGE``), the config file and ``images``."""
        default_name = img_name or os.environ.get("FLYTE_INTERNAL_IMAGE")
        default = Image.look_up_image_info(DEFAULT_IMAGE_NAME, default_name) if default_name else None
        named: dict[str, str] = dict(Images.get_specified_images(get_config_file(config_file)))
        if isinstance(images, dict):
            named.update(images)
        elif images:
            for item in images:
                key, _, value = item.partition("=")
                if not value:
                    raise ValueError(f"Named image {item!r} must be written as name=registry/repo:tag")
                named[key] = value
        return cls.create_from(default, [Image.look_up_image_info(k, v) for k, v in named.items()])

    @classmethod
    def auto_default_image(cls) -> ImageConfig:
        from flytekit.configuration.default_images import DefaultImages

        return cls.auto(img_name=DefaultImages.default_image())

    @classmethod
    def validate_image(
        cls, _: Any, param: Any, values: tuple[str, ...] | list[str] | str | None
    ) -> ImageConfig:
        """click callback for ``--image``: ``fqn:tag`` sets the default, ``name=fqn:tag`` adds a named image."""
        if isinstance(values, str):
            values = [values]
        default: Image | None = None
        others: list[Image] = []
        for value in values or ():
            name, sep, ref = value.partition("=")
            if sep and "/" not in name and ":" not in name:
                image = Image.look_up_image_info(name, ref)
            else:
                image = Image.look_up_image_info(DEFAULT_IMAGE_NAME, value)
            if image.name == DEFAULT_IMAGE_NAME:
                if default is not None:
                    raise ValueError(
                        f"Only one default image may be given; got {default.full} and {image.full}"
                    )
                default = image
            else:
                others.append(image)
        return cls.create_from(default, others)
