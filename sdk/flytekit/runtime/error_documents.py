"""Exceptions to ``flyteidl.core.ErrorDocument``: code, message with the user's traceback, kind, origin.

Classification (as flytekit 1.16 does it, observed):

* an exception raised by the user's function (``FlyteUserRuntimeException``): origin USER, code
  ``USER:RuntimeError`` — or ``USER:Recoverable`` with kind RECOVERABLE for
  ``FlyteRecoverableException``; a ``FlyteUserException`` raised by user code keeps its own code;
* failing to load the task (import errors, missing attribute): USER, ``USER:RuntimeError``;
* other user-origin errors of this SDK (outputs that do not fit their type): USER, their code;
* ``FlyteSystemException`` (blob access): SYSTEM, its code, RECOVERABLE;
* anything else: SYSTEM, code ``SYSTEM``, NON_RECOVERABLE.

The message is ``Trace:`` + the indented traceback (frames inside flytekit before the first user
frame dropped, chained causes kept) + ``Message:`` + ``<Type>: <text>``.
"""

from __future__ import annotations

import datetime
import os
import traceback
from dataclasses import dataclass

from google.protobuf import timestamp_pb2

import flytekit
from flyteidl.core import errors_pb2, execution_pb2
from flytekit.errors import (
    FlyteException,
    FlyteRecoverableException,
    FlyteUserException,
    FlyteUserRuntimeException,
)

_SDK_ROOT = os.path.dirname(os.path.abspath(flytekit.__file__)) + os.sep


class TaskLoadError(Exception):
    """The resolver could not load the task (the cause is the user's import/attribute error)."""


@dataclass(frozen=True)
class Classification:
    code: str
    origin: str  # "USER" | "SYSTEM"
    recoverable: bool


def classify(exc: BaseException) -> tuple[Classification, BaseException]:
    """How to report ``exc``, and the exception whose traceback and text to show."""
    if isinstance(exc, FlyteUserRuntimeException):
        value = exc.value
        if isinstance(value, FlyteRecoverableException):
            return Classification(value.error_code, "USER", True), value
        if isinstance(value, FlyteUserException):
            return Classification(value.error_code, "USER", value.recoverable), value
        return Classification(exc.error_code, "USER", False), value
    if isinstance(exc, TaskLoadError):
        return Classification("USER:RuntimeError", "USER", False), exc.__cause__ or exc
    if isinstance(exc, FlyteException):
        return Classification(exc.error_code, exc.origin, exc.recoverable), exc
    return Classification("SYSTEM", "SYSTEM", False), exc


def _is_sdk_frame(filename: str) -> bool:
    return os.path.abspath(filename).startswith(_SDK_ROOT)


def format_trace(exc: BaseException) -> str:
    """The traceback of ``exc``, starting at the first frame outside this SDK when there is one."""
    te = traceback.TracebackException(type(exc), exc, exc.__traceback__)
    frames = list(te.stack)
    first_user = next((i for i, f in enumerate(frames) if not _is_sdk_frame(f.filename)), None)
    if first_user:
        te.stack = traceback.StackSummary.from_list(frames[first_user:])
    return "".join(te.format())


def error_message(exc: BaseException) -> str:
    trace = format_trace(exc).rstrip("\n")
    summary = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    indent = "    "
    trace_block = "\n".join(indent + line for line in trace.splitlines())
    summary_block = "\n".join(indent + line for line in summary.splitlines())
    return f"Trace:\n\n{trace_block}\n\nMessage:\n\n{summary_block}"


def error_document(exc: BaseException, now: datetime.datetime | None = None) -> errors_pb2.ErrorDocument:
    classification, shown = classify(exc)
    timestamp = timestamp_pb2.Timestamp()
    timestamp.FromDatetime(now or datetime.datetime.now(datetime.UTC))
    origin = (
        execution_pb2.ExecutionError.USER
        if classification.origin == "USER"
        else execution_pb2.ExecutionError.SYSTEM
    )
    return errors_pb2.ErrorDocument(
        error=errors_pb2.ContainerError(
            code=classification.code,
            message=error_message(shown),
            kind=errors_pb2.ContainerError.RECOVERABLE
            if classification.recoverable
            else errors_pb2.ContainerError.NON_RECOVERABLE,
            origin=origin,
            timestamp=timestamp,
        )
    )
