"""``flytectl register files``: register what ``pyflyte package`` (or ``serialize``) produced.

Arguments are ``.pb`` files, folders of them, or -- with ``--archive`` -- ``.tgz``/``.tar`` packages.
Each ``<index>_<name>_<kind>.pb`` is read as a ``TaskSpec`` (1), ``WorkflowSpec`` (2) or
``LaunchPlan`` (3). Before registering, every identifier in a spec with an empty project, domain or
version gets the ones of this registration (``-p``, ``-d``, ``--version``), as flytectl does. A
``fast<digest>.tar.gz`` code archive in the inputs is uploaded through DataProxy and its location
replaces ``{{ .remote_package_path }}`` in task arguments (``{{ .dest_dir }}`` becomes
``--destinationDirectory``). Tasks go first, then workflows, then launch plans; an identical entity
that exists already counts as registered.
"""

from __future__ import annotations

import re
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click
from google.protobuf import struct_pb2
from google.protobuf.message import DecodeError, Message

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2
from flytekit.clis.flytectl._session import Session, admin_session
from flytekit.remote.registering import SerializedEntity

REMOTE_PACKAGE_PATH = "{{ .remote_package_path }}"
DEST_DIR = "{{ .dest_dir }}"
_KINDS: dict[str, type[Message]] = {
    "1": task_pb2.TaskSpec,
    "2": workflow_pb2.WorkflowSpec,
    "3": launch_plan_pb2.LaunchPlan,
}
_PB_NAME = re.compile(r"^(?P<index>\d+)_(?P<name>.+)_(?P<kind>[123])\.pb$")
_FAST_ARCHIVE = re.compile(r"^fast.*\.tar\.gz$")


@dataclass
class PackageContents:
    """The spec files (in package order) and the code archive found among the inputs."""

    spec_files: list[Path] = field(default_factory=list)
    code_archive: Path | None = None


def _extract(archive: Path, into: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="register-", dir=into))
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")
    except tarfile.TarError as exc:
        raise click.ClickException(f"{archive} is not a .tgz/.tar package: {exc}") from exc
    return target


def collect(paths: list[Path], archive: bool, workdir: Path) -> PackageContents:
    """The spec files and code archive in ``paths`` (packages unpacked into ``workdir``)."""
    found = PackageContents()
    candidates: list[Path] = []
    for path in paths:
        if not path.exists():
            raise click.ClickException(f"{path} does not exist.")
        if archive and path.is_file() and not _PB_NAME.match(path.name):
            candidates += sorted(_extract(path, workdir).rglob("*"))
        elif path.is_dir():
            candidates += sorted(path.rglob("*"))
        else:
            candidates.append(path)
    for candidate in candidates:
        if _FAST_ARCHIVE.match(candidate.name):
            found.code_archive = candidate
        elif _PB_NAME.match(candidate.name):
            found.spec_files.append(candidate)
    found.spec_files.sort(key=_package_position)
    return found


def _package_position(path: Path) -> tuple[int, str]:
    match = _PB_NAME.match(path.name)
    return (int(match.group("index")) if match else 0, path.name)


def read_spec(path: Path) -> SerializedEntity:
    match = _PB_NAME.match(path.name)
    if match is None:
        raise click.ClickException(f"{path.name} is not named <index>_<name>_<kind>.pb.")
    message = _KINDS[match.group("kind")]()
    try:
        message.ParseFromString(path.read_bytes())
    except DecodeError as exc:
        raise click.ClickException(f"{path.name} is not a valid {type(message).__name__}: {exc}") from exc
    assert isinstance(message, task_pb2.TaskSpec | workflow_pb2.WorkflowSpec | launch_plan_pb2.LaunchPlan)
    return message


def fill_identifiers(message: Message, project: str, domain: str, version: str) -> None:
    """Give every identifier in ``message`` with an empty project/domain/version this registration's."""
    if isinstance(message, identifier_pb2.Identifier):
        message.project = message.project or project
        message.domain = message.domain or domain
        message.version = message.version or version
        return
    for descriptor, value in message.ListFields():
        if descriptor.message_type is None:
            continue
        if descriptor.message_type.GetOptions().map_entry:
            for item in value.values():
                if isinstance(item, Message):
                    fill_identifiers(item, project, domain, version)
        elif descriptor.is_repeated:
            for item in value:
                fill_identifiers(item, project, domain, version)
        else:
            fill_identifiers(value, project, domain, version)


def _replace_in_struct(value: struct_pb2.Value, replacements: dict[str, str]) -> None:
    kind = value.WhichOneof("kind")
    if kind == "string_value":
        for placeholder, actual in replacements.items():
            value.string_value = value.string_value.replace(placeholder, actual)
    elif kind == "list_value":
        for item in value.list_value.values:
            _replace_in_struct(item, replacements)
    elif kind == "struct_value":
        for item in value.struct_value.fields.values():
            _replace_in_struct(item, replacements)


def fill_code_location(spec: task_pb2.TaskSpec, package_url: str | None, dest_dir: str) -> None:
    """Replace the code-archive placeholders in a task's container (or pod spec) arguments."""
    replacements = {DEST_DIR: dest_dir}
    if package_url is not None:
        replacements[REMOTE_PACKAGE_PATH] = package_url
    template = spec.template
    if template.HasField("container"):
        args = list(template.container.args)
        for placeholder, actual in replacements.items():
            args = [arg.replace(placeholder, actual) for arg in args]
        del template.container.args[:]
        template.container.args.extend(args)
    if template.HasField("k8s_pod"):
        for item in template.k8s_pod.pod_spec.fields.values():
            _replace_in_struct(item, replacements)
    uses_package = REMOTE_PACKAGE_PATH in str(template.container.args) or REMOTE_PACKAGE_PATH in str(
        template.k8s_pod
    )
    if uses_package:
        raise click.ClickException(
            f"Task {template.id.name} expects a code archive ({REMOTE_PACKAGE_PATH}) but the inputs hold "
            "none; package with `pyflyte package --copy auto|all` or pass the fast*.tar.gz file too."
        )


def apply_launch_plan_settings(
    launch_plan: launch_plan_pb2.LaunchPlan, service_account: str, output_prefix: str
) -> None:
    spec = launch_plan.spec
    if service_account and not spec.security_context.run_as.k8s_service_account:
        spec.security_context.run_as.k8s_service_account = service_account
    if output_prefix and not spec.raw_output_data_config.output_location_prefix:
        spec.raw_output_data_config.output_location_prefix = output_prefix


def _label(spec: Message) -> tuple[str, str]:
    if isinstance(spec, task_pb2.TaskSpec):
        return "task", spec.template.id.name
    if isinstance(spec, workflow_pb2.WorkflowSpec):
        return "workflow", spec.template.id.name
    assert isinstance(spec, launch_plan_pb2.LaunchPlan)
    return "launch plan", spec.id.name


@click.group("register")
def register() -> None:
    """Register serialized entities."""


@register.command("files")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-p", "--project", required=True, help="Project to register into.")
@click.option("-d", "--domain", required=True, help="Domain to register into.")
@click.option(
    "--version", default="", help="Version for entities without one (required unless they have it)."
)
@click.option("--archive", is_flag=True, help="The arguments are .tgz/.tar packages from `pyflyte package`.")
@click.option(
    "--destinationDirectory",
    "destination_directory",
    default=".",
    show_default=True,
    help="Where tasks unpack the code archive (replaces {{ .dest_dir }}).",
)
@click.option("--k8sServiceAccount", "service_account", default="", help="Service account for launch plans.")
@click.option(
    "--outputLocationPrefix", "output_prefix", default="", help="Raw output prefix for launch plans."
)
@click.option("--continueOnError", "continue_on_error", is_flag=True, help="Keep going after a failure.")
@click.option("--dryRun", "dry_run", is_flag=True, help="Show what would be registered; register nothing.")
@click.pass_obj
def register_files(
    session: Session,
    files: tuple[Path, ...],
    project: str,
    domain: str,
    version: str,
    archive: bool,
    destination_directory: str,
    service_account: str,
    output_prefix: str,
    continue_on_error: bool,
    dry_run: bool,
) -> None:
    """Register the tasks, workflows and launch plans in FILES (a package with --archive)."""
    from flytekit.errors import FlyteException
    from flytekit.remote.registering import entity_identifier, register_spec, registration_order

    with tempfile.TemporaryDirectory(prefix="flytectl-") as workdir:
        contents = collect(list(files), archive, Path(workdir))
        if not contents.spec_files:
            raise click.ClickException("No <index>_<name>_<kind>.pb files found in the given inputs.")
        specs = [read_spec(path) for path in contents.spec_files]
        missing_version = [_label(spec)[1] for spec in specs if not entity_identifier(spec).version]
        if missing_version and not version:
            raise click.UsageError(
                f"{missing_version[0]} has no version; pass --version for entities serialized without one."
            )
        rows: list[tuple[str, str, str]] = []
        with admin_session(session) as remote:
            package_url = None
            if contents.code_archive is not None:
                if dry_run:
                    package_url = contents.code_archive.as_uri()
                else:
                    package_url = remote.upload_file(contents.code_archive, project, domain)[1]
                rows.append((contents.code_archive.name, "Success", f"Uploaded to {package_url}"))
            for spec in specs:
                fill_identifiers(spec, project, domain, version)
                if isinstance(spec, task_pb2.TaskSpec):
                    fill_code_location(spec, package_url, destination_directory)
                elif isinstance(spec, launch_plan_pb2.LaunchPlan):
                    apply_launch_plan_settings(spec, service_account, output_prefix)
            for spec in registration_order(specs):
                kind, name = _label(spec)
                if dry_run:
                    rows.append((name, "Success", f"Dry run: {kind} would be registered"))
                    continue
                try:
                    result = register_spec(remote.client, spec)
                except FlyteException as exc:
                    rows.append((name, "Failed", f"Error registering {kind}: {exc}"))
                    if not continue_on_error:
                        _print_rows(rows)
                        raise click.ClickException(f"Registering {kind} {name} failed: {exc}") from exc
                    continue
                note = "Successfully registered" if result.created else "Already registered (identical)"
                rows.append((name, "Success", f"{note} {kind}"))
    _print_rows(rows)


def _print_rows(rows: list[tuple[str, str, str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in ("Name", "Status", "Additional Info"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(width=200).print(table)


__all__ = ["register"]
