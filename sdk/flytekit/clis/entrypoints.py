"""The container entry points ``pyflyte-execute``, ``pyflyte-fast-execute`` and ``pyflyte-map-execute``.

Options and argument layout are flytekit's (reference sheet §4.3), so task templates serialized by
either SDK run on either. The work is in ``flytekit.runtime``; these commands parse arguments,
configure logging (``FLYTE_SDK_LOGGING_LEVEL``, default INFO) and choose the exit code: 0 after a
written error document unless ``FLYTE_FAIL_ON_ERROR`` is true.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from flytekit.configuration.file import str_to_bool

logger = logging.getLogger(__name__)


def _configure_logging() -> None:
    level = os.environ.get("FLYTE_SDK_LOGGING_LEVEL", "INFO")
    logging.basicConfig(
        level=int(level) if level.isdigit() else level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _run(
    inputs: str,
    output_prefix: str,
    raw_output_data_prefix: str | None,
    test: bool,
    dynamic_dest_dir: str | None,
    resolver: str,
    resolver_args: tuple[str, ...],
    dynamic_addl_distro: str | None = None,
    checkpoint_path: str | None = None,
    prev_checkpoint: str | None = None,
) -> None:
    _configure_logging()
    if test:
        logger.info(
            "Test run: inputs=%s output_prefix=%s resolver=%s args=%s",
            inputs,
            output_prefix,
            resolver,
            resolver_args,
        )
        return
    from flytekit.core.constants import ERROR_FILE_NAME
    from flytekit.runtime.execution import run_task

    result = run_task(
        inputs=inputs,
        output_prefix=output_prefix,
        raw_output_data_prefix=raw_output_data_prefix,
        resolver=resolver,
        resolver_args=list(resolver_args),
        dynamic_dest_dir=dynamic_dest_dir,
        dynamic_addl_distro=dynamic_addl_distro,
        checkpoint_path=checkpoint_path,
        prev_checkpoint=prev_checkpoint,
    )
    if result.written == ERROR_FILE_NAME and str_to_bool(os.environ.get("FLYTE_FAIL_ON_ERROR", "false")):
        sys.exit(1)


@click.command("pyflyte-execute")
@click.option("--inputs", required=True)
@click.option("--output-prefix", required=True)
@click.option("--raw-output-data-prefix", required=False)
@click.option("--checkpoint-path", required=False)
@click.option("--prev-checkpoint", required=False)
@click.option("--test", is_flag=True)
@click.option("--dynamic-addl-distro", required=False)
@click.option("--dynamic-dest-dir", required=False)
@click.option(
    "--resolver", required=False, default="flytekit.core.python_auto_container.default_task_resolver"
)
@click.argument("resolver-args", type=click.UNPROCESSED, nargs=-1)
def execute_task_cmd(
    inputs: str,
    output_prefix: str,
    raw_output_data_prefix: str | None,
    checkpoint_path: str | None,
    prev_checkpoint: str | None,
    test: bool,
    dynamic_addl_distro: str | None,
    dynamic_dest_dir: str | None,
    resolver: str,
    resolver_args: tuple[str, ...],
) -> None:
    """Run one task attempt: load it via the resolver, read inputs, write outputs.pb or error.pb."""
    _run(
        inputs,
        output_prefix,
        raw_output_data_prefix,
        test,
        dynamic_dest_dir,
        resolver,
        resolver_args,
        dynamic_addl_distro,
        checkpoint_path=checkpoint_path,
        prev_checkpoint=prev_checkpoint,
    )


@click.command("pyflyte-fast-execute")
@click.option("--additional-distribution", required=False)
@click.option("--dest-dir", required=False)
@click.argument("task-execute-cmd", nargs=-1, type=click.UNPROCESSED)
def fast_execute_task_cmd(
    additional_distribution: str | None, dest_dir: str | None, task_execute_cmd: tuple[str, ...]
) -> None:
    """Download the code distribution, unpack it into --dest-dir and run the task command in it."""
    _configure_logging()
    from flytekit.errors import FlyteException
    from flytekit.runtime.fast import fast_execute

    if not additional_distribution:
        raise click.UsageError("--additional-distribution is required: the URL of the code tarball.")
    try:
        code = fast_execute(additional_distribution, dest_dir, list(task_execute_cmd))
    except FlyteException as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


@click.command("pyflyte-map-execute")
@click.option("--inputs", required=True)
@click.option("--output-prefix", required=True)
@click.option("--raw-output-data-prefix", required=False)
@click.option("--max-concurrency", type=int, required=False)
@click.option("--test", is_flag=True)
@click.option("--dynamic-addl-distro", required=False)
@click.option("--dynamic-dest-dir", required=False)
@click.option("--resolver", required=True)
@click.option("--checkpoint-path", required=False)
@click.option("--prev-checkpoint", required=False)
@click.argument("resolver-args", type=click.UNPROCESSED, nargs=-1)
def map_execute_task_cmd(
    inputs: str,
    output_prefix: str,
    raw_output_data_prefix: str | None,
    max_concurrency: int | None,
    test: bool,
    dynamic_addl_distro: str | None,
    dynamic_dest_dir: str | None,
    resolver: str,
    checkpoint_path: str | None,
    prev_checkpoint: str | None,
    resolver_args: tuple[str, ...],
) -> None:
    """Run one sub-task of a map task; the resolver picks the element for this array index."""
    _run(
        inputs,
        output_prefix,
        raw_output_data_prefix,
        test,
        dynamic_dest_dir,
        resolver,
        resolver_args,
        dynamic_addl_distro,
        checkpoint_path=checkpoint_path,
        prev_checkpoint=prev_checkpoint,
    )
