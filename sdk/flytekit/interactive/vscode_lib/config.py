"""``VscodeConfig``: which code-server build (per CPU architecture) and extensions to install."""

from __future__ import annotations

from dataclasses import dataclass, field

from flytekit.interactive.vscode_lib.vscode_constants import (
    DEFAULT_CODE_SERVER_DIR_NAMES,
    DEFAULT_CODE_SERVER_EXTENSIONS,
    DEFAULT_CODE_SERVER_REMOTE_PATHS,
)


@dataclass
class VscodeConfig:
    """``code_server_remote_paths``: tarball URL per architecture (``amd64``, ``arm64``);
    ``code_server_dir_names``: the folder each tarball unpacks to; ``extension_remote_paths``: ``.vsix`` URLs."""

    code_server_remote_paths: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_CODE_SERVER_REMOTE_PATHS)
    )
    code_server_dir_names: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CODE_SERVER_DIR_NAMES))
    extension_remote_paths: list[str] = field(default_factory=lambda: list(DEFAULT_CODE_SERVER_EXTENSIONS))

    def add_extensions(self, extensions: str | list[str]) -> None:
        """Install these extensions (URLs of ``.vsix`` files) too."""
        if isinstance(extensions, list):
            self.extension_remote_paths.extend(extensions)
        else:
            self.extension_remote_paths.append(extensions)
