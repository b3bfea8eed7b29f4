"""SignalService: the values gate nodes wait for.

The engine calls ``GetOrCreateSignal`` when a ``wait_for_input``/``approve`` gate starts waiting
(declaring the value's type); users list an execution's signals and give one its value with
``SetSignal``. A value is type-checked against the declared type; setting it again overwrites it
(the gate reads whichever value is there when it next looks), as Flyte's admin does.
"""

from __future__ import annotations

import logging

from flyteadmin.compiler import are_types_castable, describe_type, literal_type_of
from flyteadmin.errors import AlreadyExists, InvalidArgument
from flyteadmin.repositories import UnitOfWorkFactory
from flyteadmin.repositories.signals import describe_signal
from flyteadmin.services.listing import build_query, next_token
from flyteadmin.services.validation import require, require_execution_id
from flyteidl.admin import signal_pb2
from flyteidl.core import identifier_pb2

__all__ = ["SignalService"]

logger = logging.getLogger(__name__)


def _check_id(signal_id: identifier_pb2.SignalIdentifier) -> None:
    require(signal_id.signal_id, "id.signal_id")
    require_execution_id(signal_id.execution_id)


class SignalService:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def get_or_create(self, request: signal_pb2.SignalGetOrCreateRequest) -> signal_pb2.Signal:
        _check_id(request.id)
        if not request.HasField("type"):
            raise InvalidArgument("missing type: a signal declares the type of the value it waits for.")
        with self._uow(write=True) as uow:
            uow.executions.get(request.id.execution_id)
            found = uow.signals.find(request.id)
            if found is not None:
                return found
            signal = signal_pb2.Signal(id=request.id, type=request.type)
            try:
                uow.signals.create(signal)
            except AlreadyExists:
                existing = uow.signals.find(request.id)
                assert existing is not None
                return existing
        logger.info("Created signal %s.", describe_signal(request.id))
        return signal

    def list_signals(self, request: signal_pb2.SignalListRequest) -> signal_pb2.SignalList:
        require_execution_id(request.workflow_execution_id)
        execution = request.workflow_execution_id
        query = build_query(
            rpc="ListSignals",
            limit=request.limit,
            token=request.token,
            filters=request.filters,
            sort_by=request.sort_by if request.HasField("sort_by") else None,
            scope={
                "execution_project": execution.project,
                "execution_domain": execution.domain,
                "execution_name": execution.name,
            },
        )
        with self._uow() as uow:
            signals = uow.signals.list_page(query)
        return signal_pb2.SignalList(signals=signals, token=next_token(query, signals))

    def set_signal(self, request: signal_pb2.SignalSetRequest) -> None:
        _check_id(request.id)
        if not request.HasField("value"):
            raise InvalidArgument("missing value: SetSignal needs the value to give the signal.")
        found_type = literal_type_of(request.value)
        with self._uow(write=True) as uow:
            signal = uow.signals.find(request.id)
            if signal is None:
                raise InvalidArgument(
                    f"failed to validate that signal [{describe_signal(request.id)}] exists; the gate node has "
                    "not started waiting yet (check the signal id with ListSignals)."
                )
            if found_type is None or not are_types_castable(found_type, signal.type):
                got = describe_type(found_type) if found_type is not None else "no value"
                raise InvalidArgument(
                    f"Signal {describe_signal(request.id)} expects {describe_type(signal.type)}, but got {got}."
                )
            uow.signals.set_value(request.id, request.value)
        logger.info("Set signal %s.", describe_signal(request.id))
