"""``ImageSpec``: a declarative container image, named by a hash of its contents.

The image reference a task serializes is ``[registry/]name:tag``, where ``tag`` is derived from the
spec's fields exactly as flytekit 1.16 derives it, so the same spec names the same image on both
SDKs:

* ``id`` = urlsafe base64 (unpadded) of the md5 of ``str()`` of the dict of the spec's fields that
  are not None, leaving out ``pip_secret_mounts``, ``builder`` and ``runtime_packages``;
* ``tag`` = ``id`` of a copy in which an ImageSpec ``base_image`` is replaced by its image name, the
  source root by the digest of the files it ships, ``copy`` by the digest of the copied paths,
  ``requirements`` by the sha1 of the file, ``registry_config`` dropped; ``-`` becomes ``_`` and
  ``tag_format`` (``"{spec_hash}-gpu"``) may wrap it.

Building images is out of scope for this SDK (no docker here): ``ImageBuildEngine`` keeps the
builder registry and its priorities, the ``noop`` builder (use ``base_image`` as is) works, and the
``default`` builder never builds: like flytekit when it cannot ask a registry, it assumes the image
exists (or fails with ``FLYTE_IMG_FAST_FAIL``) and says so.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import hashlib
import os
import pathlib
import platform as _platform
import re
import sys
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from flytekit.image_spec.digests import copy_digest, source_digest

if TYPE_CHECKING:
    from flytekit.tools.fast_registration import CopyFileDetection

_F_IMG_ID = "_F_IMG_ID"
FLYTE_FORCE_PUSH_IMAGE_SPEC = "FLYTE_FORCE_PUSH_IMAGE_SPEC"
FLYTE_IMG_FAST_FAIL = "FLYTE_IMG_FAST_FAIL"
# Fields that do not change what the image contains, so they stay out of its id.
_NOT_IN_ID = ("pip_secret_mounts", "builder", "runtime_packages")
_STRING_LIST_FIELDS = (
    "packages",
    "conda_channels",
    "conda_packages",
    "apt_packages",
    "pip_extra_index_url",
    "entrypoint",
    "commands",
    "runtime_packages",
)
_REGISTRY_NAME = re.compile(r"^(localhost:\d{1,5}|([a-z\d\._-]+)(:\d{1,5})?)(/[\w\.-]+)*$")


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "FALSE").strip().lower() in ("true", "1", "yes", "t", "y")


def validate_container_registry_name(name: str) -> bool:
    """Whether ``name`` looks like a registry (``localhost:30000``, ``ghcr.io/org``, ``docker.io/user``)."""
    return bool(_REGISTRY_NAME.match(name))


@dataclass
class ImageSpec:
    """A container image described by what goes in it; see the module docstring for how it is named."""

    name: str = "flytekit"
    python_version: str | None = None
    builder: str | None = None
    source_root: str | None = None
    env: dict[str, str] | None = None
    registry: str | None = None
    packages: list[str] | None = None
    conda_packages: list[str] | None = None
    conda_channels: list[str] | None = None
    requirements: str | None = None
    apt_packages: list[str] | None = None
    cuda: str | None = None
    cudnn: str | None = None
    base_image: str | ImageSpec | None = None
    platform: str | None = None
    pip_index: str | None = None
    pip_extra_index_url: list[str] | None = None
    pip_secret_mounts: list[tuple[str, str]] | None = None
    pip_extra_args: str | None = None
    registry_config: str | None = None
    entrypoint: list[str] | None = None
    commands: list[str] | None = None
    tag_format: str | None = None
    source_copy_mode: CopyFileDetection | None = None
    copy: list[str] | None = None
    python_exec: str | None = None
    runtime_packages: list[str] | None = None
    builder_options: dict[str, Any] | None = None
    builder_config: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        from flytekit.tools.fast_registration import CopyFileDetection

        self.name = self.name.lower()
        self._is_force_push = _env_flag(FLYTE_FORCE_PUSH_IMAGE_SPEC)
        self._fast_fail = _env_flag(FLYTE_IMG_FAST_FAIL)
        if self.registry:
            self.registry = self.registry.lower()
            if not validate_container_registry_name(self.registry):
                raise ValueError(
                    f"Invalid container registry name: '{self.registry}'. Use a form such as 'localhost:30000', "
                    "'ghcr.io/username' or 'docker.io/username'."
                )
        if self.platform is None:
            local_arm = _platform.machine().lower() in ("arm64", "aarch64")
            pushing_locally = bool(self.registry and self.registry.startswith("localhost:"))
            self.platform = "linux/arm64" if pushing_locally and local_arm else "linux/amd64"
        if self.source_root is not None:
            self.source_copy_mode = self.source_copy_mode or CopyFileDetection.LOADED_MODULES
        builders = ImageBuildEngine.get_registry()
        if self.builder is None and builders:
            self.builder = max(builders, key=lambda name: builders[name][1])
        for name in _STRING_LIST_FIELDS:
            value = getattr(self, name)
            if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ValueError(f"ImageSpec {self.name!r}: {name} must be a list of strings or None")
        if self.pip_secret_mounts is not None and not (
            isinstance(self.pip_secret_mounts, list)
            and all(
                isinstance(m, tuple) and len(m) == 2 and all(isinstance(p, str) for p in m)
                for m in self.pip_secret_mounts
            )
        ):
            raise ValueError(
                f"ImageSpec {self.name!r}: pip_secret_mounts must be a list of (path, mount) string pairs"
            )
        if self.builder_options is not None and not isinstance(self.builder_options, dict):
            raise ValueError(f"ImageSpec {self.name!r}: builder_options must be a dict or None")

    @cached_property
    def id(self) -> str:
        """Hash of the spec's content fields; tasks' images are looked up by it in ``ImageConfig``."""
        fields = asdict(
            self, dict_factory=lambda items: {k: v for k, v in items if v is not None and k not in _NOT_IN_ID}
        )
        digest = hashlib.md5(str(fields).encode("utf-8")).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")

    def __hash__(self) -> int:
        return hash(self.id)

    @cached_property
    def tag(self) -> str:
        """The image tag: the id of the spec with file references replaced by content digests."""
        from flytekit.tools.fast_registration import CopyFileDetection

        spec = copy.deepcopy(self)
        if isinstance(spec.base_image, ImageSpec):
            spec = dataclasses.replace(spec, base_image=spec.base_image.image_name())
        if self.source_copy_mode is not None and self.source_copy_mode != CopyFileDetection.NO_COPY:
            if not self.source_root:
                raise ValueError(
                    f"ImageSpec {self.name!r}: source_root must be set when files are copied into it"
                )
            spec = dataclasses.replace(
                spec, source_root=source_digest(str(self.source_root), self.source_copy_mode)
            )
        if self.copy:
            spec = dataclasses.replace(spec, copy=copy_digest(self.copy))  # type: ignore[arg-type]
        if spec.requirements:
            requirements = hashlib.sha1(pathlib.Path(spec.requirements).read_bytes().strip()).hexdigest()
            spec = dataclasses.replace(spec, requirements=requirements)
        spec = dataclasses.replace(spec, registry_config=None)
        tag = spec.id.replace("-", "_")
        if self.tag_format:
            return self.tag_format.format(spec_hash=tag)
        return tag

    def image_name(self) -> str:
        """``[registry/]name:tag``, or the name a builder reported for it."""
        name = f"{self.name}:{self.tag}"
        if self.registry:
            name = f"{self.registry}/{name}"
        return ImageBuildEngine._IMAGE_NAME_TO_REAL_NAME.get(name, name)

    def is_container(self) -> bool:
        """Inside a task run, whether this process runs in the image built from this spec (``_F_IMG_ID``).

        Outside of executions (and during local workflow runs) it is True, so guarded imports run.
        """
        from flytekit.core.context_manager import ExecutionState, FlyteContextManager

        state = FlyteContextManager.current_context().execution_state
        if (
            state is not None
            and state.mode is not None
            and state.mode != ExecutionState.Mode.LOCAL_WORKFLOW_EXECUTION
        ):
            return os.environ.get(_F_IMG_ID) == self.id
        return True

    def exist(self) -> bool | None:
        """Whether the image exists in its registry; None: unknown (this SDK does not query registries)."""
        return None

    def _update_attribute(self, attr_name: str, values: str | list[str] | dict[str, Any]) -> ImageSpec:
        current = copy.deepcopy(getattr(self, attr_name))
        if current is None:
            current = {} if isinstance(values, dict) else []
        if isinstance(values, str):
            if not isinstance(current, list):
                raise TypeError(f"Cannot append a string to ImageSpec.{attr_name}, which is not a list")
            current.append(values)
        elif isinstance(values, list):
            if not isinstance(current, list):
                raise TypeError(f"Cannot extend ImageSpec.{attr_name}, which is not a list")
            current.extend(values)
        elif isinstance(values, dict):
            if not isinstance(current, dict):
                raise TypeError(f"Cannot update ImageSpec.{attr_name}, which is not a dict")
            current.update(values)
        return dataclasses.replace(self, **{attr_name: current})

    def with_commands(self, commands: str | list[str]) -> ImageSpec:
        return self._update_attribute("commands", commands)

    def with_packages(self, packages: str | list[str]) -> ImageSpec:
        return self._update_attribute("packages", packages)

    def with_apt_packages(self, apt_packages: str | list[str]) -> ImageSpec:
        return self._update_attribute("apt_packages", apt_packages)

    def with_copy(self, src: str | list[str]) -> ImageSpec:
        return self._update_attribute("copy", src)

    def with_runtime_packages(self, runtime_packages: list[str]) -> ImageSpec:
        return self._update_attribute("runtime_packages", runtime_packages)

    def with_builder_options(self, builder_options: dict[str, Any]) -> ImageSpec:
        return self._update_attribute("builder_options", builder_options)

    def force_push(self) -> ImageSpec:
        pushed = copy.deepcopy(self)
        pushed._is_force_push = True
        return pushed

    @classmethod
    def from_env(cls, *, pinned_packages: list[str] | None = None, **kwargs: Any) -> ImageSpec:
        """A spec with this interpreter's Python version and ``pinned_packages`` at their installed versions."""
        from importlib.metadata import version

        if kwargs.get("python_version") is not None:
            raise ValueError(
                "python_version can not be used with `from_env` because it will be inferred from the environment"
            )
        packages = list(kwargs.pop("packages", []))
        for package in pinned_packages or []:
            packages.append(f"{package}=={version(package)}")
        python_version = f"{sys.version_info.major}.{sys.version_info.minor}"
        return cls(packages=packages, python_version=python_version, **kwargs)


class ImageSpecBuilder:
    """A way to build images; registered with ``ImageBuildEngine.register(name, builder, priority)``."""

    def build_image(self, image_spec: ImageSpec) -> str | None:
        """Build and push the image; returns its full name, or None to use ``image_spec.image_name()``."""
        raise NotImplementedError(f"{type(self).__name__} does not implement build_image")

    def should_build(self, image_spec: ImageSpec) -> bool:
        """Whether to build: only when the image is known to be missing (or a push is forced)."""
        import click

        name = image_spec.image_name()
        exists = image_spec.exist()
        if exists is False:
            click.secho(f"Image {name} not found. building...", fg="blue")
            return True
        if exists is True:
            if image_spec._is_force_push:
                click.secho(f"Overwriting existing image {name}.", fg="blue")
                return True
            click.secho(f"Image {name} found. Skip building.", fg="blue")
            return False
        if image_spec._fast_fail:
            raise RuntimeError(
                f"Could not check whether image {name} exists and {FLYTE_IMG_FAST_FAIL} is set; "
                "build and push it yourself, or unset the variable."
            )
        click.secho(f"Flytekit assumes the image {name} already exists.", fg="blue")
        return False


class ImageBuildEngine:
    """The registry of image builders (name -> (builder, priority)) and the build entry point."""

    _REGISTRY: dict[str, tuple[ImageSpecBuilder, int]] = {}
    # image_name() -> the name a builder reported, e.g. the noop builder's base image.
    _IMAGE_NAME_TO_REAL_NAME: dict[str, str] = {}
    _BUILT: set[int] = set()

    @classmethod
    def register(cls, builder_type: str, image_spec_builder: ImageSpecBuilder, priority: int = 5) -> None:
        cls._REGISTRY[builder_type] = (image_spec_builder, priority)

    @classmethod
    def get_registry(cls) -> dict[str, tuple[ImageSpecBuilder, int]]:
        return cls._REGISTRY

    @classmethod
    def build(cls, image_spec: ImageSpec) -> None:
        """Make sure the image of ``image_spec`` exists (once per spec per process); never during executions."""
        from flytekit.core.context_manager import FlyteContextManager

        state = FlyteContextManager.current_context().execution_state
        if state is not None and state.mode is not None:
            return
        key = hash(image_spec)
        if key in cls._BUILT:
            return
        spec = copy.deepcopy(image_spec)
        if isinstance(spec.base_image, ImageSpec):
            cls.build(spec.base_image)
            spec.base_image = spec.base_image.image_name()
        name = spec.image_name()
        builder = cls._get_builder(spec.builder)
        if builder.should_build(spec):
            built = builder.build_image(spec)
            if built is not None:
                cls._IMAGE_NAME_TO_REAL_NAME[name] = built
        cls._BUILT.add(key)

    @classmethod
    def _get_builder(cls, builder: str | None) -> ImageSpecBuilder:
        if builder is None:
            raise AssertionError("There is no image builder registered.")
        if builder not in cls._REGISTRY:
            raise AssertionError(f"Image builder {builder} is not registered.")
        return cls._REGISTRY[builder][0]
