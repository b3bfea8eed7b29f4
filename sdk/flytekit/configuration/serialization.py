"""What the compiler needs to know about the target: ``SerializationSettings`` and fast registration.

Project/domain/version fill every identifier (left empty when packaging; ``flytectl register files``
fills them), the image config resolves ``container_image``, ``env`` is added to every container, and
``FastSerializationSettings`` (when enabled) prefixes task args with ``pyflyte-fast-execute``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from flytekit.configuration.images import Image, ImageConfig
from flytekit.core.resources import Resources, ResourceSpec

DEFAULT_RUNTIME_PYTHON_INTERPRETER = "/opt/venv/bin/python3"
DEFAULT_IN_CONTAINER_SRC_PATH = "/root"
SERIALIZED_CONTEXT_ENV_VAR = "_F_SS_C"
# Where flytekit's legacy entrypoint script sits under the task image's virtualenv root.
DEFAULT_FLYTEKIT_ENTRYPOINT_FILELOC = "bin/entrypoint.py"


def _field_values(obj: Any) -> dict[str, Any]:
    """A dataclass's fields by name (shallow): dicts for transport, settings to and from ``Builder``."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


@dataclass(frozen=True)
class FastSerializationSettings:
    """Fast registration: code ships as a tarball at ``distribution_location``, unpacked into ``destination_dir``."""

    enabled: bool = False
    destination_dir: str | None = None
    distribution_location: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _field_values(self)


@dataclass
class EntrypointSettings:
    """Where the task entrypoint program is found at run time (``path``); plugins that start their own
    interpreter (e.g. Spark drivers) use it."""

    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path}

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EntrypointSettings:
        return cls(path=d.get("path"))

    @classmethod
    def from_json(cls, s: str) -> EntrypointSettings:
        import json

        return cls.from_dict(json.loads(s))


def _venv_root_from_interpreter(interpreter: str) -> str:
    """``/opt/venv/bin/python3`` -> ``/opt/venv``."""
    return os.path.dirname(os.path.dirname(interpreter))


@dataclass(frozen=True)
class SerializationSettings:
    image_config: ImageConfig
    project: str | None = None
    domain: str | None = None
    version: str | None = None
    env: dict[str, str] | None = None
    default_resources: ResourceSpec | None = None
    git_repo: str | None = None
    python_interpreter: str = DEFAULT_RUNTIME_PYTHON_INTERPRETER
    flytekit_virtualenv_root: str | None = None
    fast_serialization_settings: FastSerializationSettings | None = None
    source_root: str | None = None

    def __post_init__(self) -> None:
        if self.flytekit_virtualenv_root is None:
            object.__setattr__(
                self, "flytekit_virtualenv_root", _venv_root_from_interpreter(self.python_interpreter)
            )

    @staticmethod
    def venv_root_from_interpreter(interpreter_path: str) -> str:
        return _venv_root_from_interpreter(interpreter_path)

    @staticmethod
    def default_entrypoint_settings(interpreter_path: str) -> EntrypointSettings:
        """The entrypoint of a virtualenv whose interpreter is ``interpreter_path``."""
        root = _venv_root_from_interpreter(interpreter_path)
        return EntrypointSettings(path=os.path.join(root, DEFAULT_FLYTEKIT_ENTRYPOINT_FILELOC))

    @property
    def entrypoint_settings(self) -> EntrypointSettings:
        return SerializationSettings.default_entrypoint_settings(self.python_interpreter)

    @classmethod
    def for_image(
        cls,
        image: str,
        version: str,
        project: str = "",
        domain: str = "",
        python_interpreter_path: str = DEFAULT_RUNTIME_PYTHON_INTERPRETER,
    ) -> SerializationSettings:
        return cls(
            image_config=ImageConfig.auto(img_name=image),
            version=version,
            project=project,
            domain=domain,
            python_interpreter=python_interpreter_path,
        )

    def should_fast_serialize(self) -> bool:
        return self.fast_serialization_settings is not None and self.fast_serialization_settings.enabled

    def with_fast_serialization_settings(self, fss: FastSerializationSettings) -> SerializationSettings:
        return replace(self, fast_serialization_settings=fss)

    def new_builder(self) -> SerializationSettings.Builder:
        return SerializationSettings.Builder(**_field_values(self))

    # ---- transport (the ``_F_SS_C`` env var dynamic tasks read back at run time)
    def to_dict(self) -> dict[str, Any]:
        def image(i: Image | None) -> dict[str, Any] | None:
            return None if i is None else {"name": i.name, "fqn": i.fqn, "tag": i.tag, "digest": i.digest}

        resources = self.default_resources
        return {
            "image_config": {
                "default_image": image(self.image_config.default_image),
                "images": [image(i) for i in self.image_config.images],
            },
            "project": self.project,
            "domain": self.domain,
            "version": self.version,
            "env": self.env,
            "default_resources": None
            if resources is None
            else {
                "requests": _field_values(resources.requests),
                "limits": _field_values(resources.limits),
            },
            "git_repo": self.git_repo,
            "python_interpreter": self.python_interpreter,
            "flytekit_virtualenv_root": self.flytekit_virtualenv_root,
            "fast_serialization_settings": None
            if self.fast_serialization_settings is None
            else self.fast_serialization_settings.to_dict(),
            "source_root": self.source_root,
        }

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SerializationSettings:
        def image(i: dict[str, Any] | None) -> Image | None:
            return None if i is None else Image(**i)

        ic = d.get("image_config") or {}
        default_image = image(ic.get("default_image"))
        images = [i for i in (image(x) for x in ic.get("images") or []) if i is not None]
        fss = d.get("fast_serialization_settings")
        res = d.get("default_resources")
        return cls(
            image_config=ImageConfig(default_image=default_image, images=images),
            project=d.get("project"),
            domain=d.get("domain"),
            version=d.get("version"),
            env=d.get("env"),
            default_resources=None
            if res is None
            else ResourceSpec(requests=Resources(**res["requests"]), limits=Resources(**res["limits"])),
            git_repo=d.get("git_repo"),
            python_interpreter=d.get("python_interpreter") or DEFAULT_RUNTIME_PYTHON_INTERPRETER,
            flytekit_virtualenv_root=d.get("flytekit_virtualenv_root"),
            fast_serialization_settings=None if fss is None else FastSerializationSettings(**fss),
            source_root=d.get("source_root"),
        )

    @classmethod
    def from_json(cls, s: str) -> SerializationSettings:
        import json

        return cls.from_dict(json.loads(s))

    @property
    def serialized_context(self) -> str:
        """These settings gzip-compressed and base64-encoded, the value of ``_F_SS_C``."""
        import base64
        import gzip
        import io

        if self.env and SERIALIZED_CONTEXT_ENV_VAR in self.env:
            return self.env[SERIALIZED_CONTEXT_ENV_VAR]
        # A gzip member with mtime 0, written through GzipFile (not gzip.compress, whose header
        # differs), so the value is reproducible and equal to flytekit's.
        buffer = io.BytesIO()
        with gzip.GzipFile(mode="wb", fileobj=buffer, mtime=0) as f:
            f.write(self.to_json().encode("utf-8"))
        return base64.b64encode(buffer.getvalue()).decode("utf-8")

    @classmethod
    def from_transport(cls, s: str) -> SerializationSettings:
        import base64
        import gzip

        return cls.from_json(gzip.decompress(base64.b64decode(s)).decode())

    def with_serialized_context(self) -> SerializationSettings:
        """A copy whose ``env`` carries ``_F_SS_C`` (for tasks that compile workflows at run time)."""
        if self.env and SERIALIZED_CONTEXT_ENV_VAR in self.env:
            return self
        return replace(self, env={**(self.env or {}), SERIALIZED_CONTEXT_ENV_VAR: self.serialized_context})

    @dataclass
    class Builder:
        image_config: ImageConfig
        project: str | None = None
        domain: str | None = None
        version: str | None = None
        env: dict[str, str] | None = None
        default_resources: ResourceSpec | None = None
        git_repo: str | None = None
        python_interpreter: str = DEFAULT_RUNTIME_PYTHON_INTERPRETER
        flytekit_virtualenv_root: str | None = None
        fast_serialization_settings: FastSerializationSettings | None = None
        source_root: str | None = None

        def with_fast_serialization_settings(
            self, fss: FastSerializationSettings
        ) -> SerializationSettings.Builder:
            self.fast_serialization_settings = fss
            return self

        def build(self) -> SerializationSettings:
            return SerializationSettings(**_field_values(self))
