"""flytekit.utils (asyn, rate_limiter, dict_formatter, pbhash) and flytekit.interfaces
(cli_identifiers, random, stats)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from flyteidl.core import identifier_pb2, literals_pb2
from flytekit.errors import FlyteValueException
from flytekit.interfaces import random as flyte_random
from flytekit.interfaces.cli_identifiers import (
    Identifier,
    TaskExecutionIdentifier,
    WorkflowExecutionIdentifier,
)
from flytekit.interfaces.stats import client as stats_client
from flytekit.interfaces.stats.taggable import TaggableStats, get_stats
from flytekit.models.core.identifier import ResourceType
from flytekit.utils import asyn
from flytekit.utils.dict_formatter import format_dict, get_nested_value
from flytekit.utils.pbhash import compute_hash, compute_hash_string
from flytekit.utils.rate_limiter import RateLimiter


async def _add(a: int, b: int) -> int:
    await asyncio.sleep(0)
    return a + b


def test_run_sync_reuses_one_loop_per_calling_thread() -> None:
    async def loop_id() -> int:
        return id(asyncio.get_running_loop())

    assert asyn.run_sync(_add, 1, b=2) == 3
    assert asyn.run_sync(loop_id) == asyn.run_sync(loop_id)
    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(asyn.run_sync(loop_id)))
    worker.start()
    worker.join()
    assert seen[0] != asyn.run_sync(loop_id)
    assert asyn.loop_manager.synced(_add)(2, 3) == 5


def test_run_sync_works_while_the_caller_runs_a_loop_and_passes_errors_on() -> None:
    async def outer() -> int:
        return asyn.run_sync(_add, 4, 5)  # synchronous call from async code

    assert asyncio.run(outer()) == 9

    async def boom() -> None:
        raise KeyError("nope")

    with pytest.raises(KeyError, match="nope"):
        asyn.run_sync(boom)


def test_run_coroutine_sync_runs_inside_a_running_loop_with_the_callers_context() -> None:
    import contextvars

    var: contextvars.ContextVar[str] = contextvars.ContextVar("var", default="unset")

    async def read() -> str:
        return var.get()

    async def outer() -> str:
        var.set("caller")
        return asyn.run_coroutine_sync(read())

    assert asyncio.run(outer()) == "caller"
    assert asyn.run_coroutine_sync(_add(1, 1)) == 2


def test_rate_limiter_admits_rpm_calls_at_once_then_waits_for_the_oldest() -> None:
    with pytest.raises(ValueError, match="between 1 and 100"):
        RateLimiter(0)
    with pytest.raises(ValueError):
        RateLimiter(101)
    limiter = RateLimiter(2)
    limiter.sync_acquire()
    limiter.sync_acquire()
    assert len(limiter.queue) == 2
    # the window is full; pretend both slots are a minute old and the third call goes through at once
    limiter.queue[0] -= limiter.delay * 2
    limiter.queue[1] -= limiter.delay * 2
    limiter.sync_acquire()
    assert len(limiter.queue) == 1


def test_format_dict_fills_nested_placeholders() -> None:
    config = {
        "Name": "{inputs.name}",
        "Count": "{inputs.sizes.n}",
        "Items": ["prefix-{inputs.name}", "{idempotence_token}", 3],
        "Keep": "{other}",
        "Nothing": None,
    }
    result = format_dict(
        "svc", config, {"inputs": {"name": "abc", "sizes": {"n": 7}}}, idempotence_token="tok"
    )
    assert result == {
        "Name": "abc",
        "Count": 7,  # a lone placeholder keeps the value's type
        "Items": ["prefix-abc", "tok", 3],
        "Keep": "{other}",
        "Nothing": None,
    }
    with pytest.raises(ValueError, match="Could not find the key missing"):
        get_nested_value({"a": {}}, ["a", "missing"])


def test_sagemaker_names_are_cut_to_63_characters_by_shortening_the_token() -> None:
    name = "endpoint-config-{idempotence_token}"
    out = format_dict("sagemaker", name, {}, idempotence_token="x" * 80)
    assert len(out) == 63 and out.startswith("endpoint-config-x")
    assert format_dict("other", name, {}, idempotence_token="x" * 80) == "endpoint-config-" + "x" * 80


def test_proto_hashes_are_sha256_of_canonical_json() -> None:
    a = literals_pb2.LiteralMap()
    for key in ("zeta", "alpha", "mid"):
        a.literals[key].scalar.primitive.integer = len(key)
    b = literals_pb2.LiteralMap()
    for key in ("mid", "zeta", "alpha"):
        b.literals[key].scalar.primitive.integer = len(key)
    assert compute_hash(a) == compute_hash(b)
    one = literals_pb2.Literal()
    one.scalar.primitive.integer = 1
    expected = hashlib.sha256(b'{"scalar":{"primitive":{"integer":"1"}}}').digest()
    assert compute_hash(one) == expected
    assert compute_hash_string(one) == base64.b64encode(expected).decode()


def test_entity_identifiers_parse_and_print() -> None:
    ident = Identifier.from_python_std("wf:proj:dev:my.wf:v1")
    assert (ident.resource_type, ident.project, ident.domain, ident.name, ident.version) == (
        ResourceType.WORKFLOW, "proj", "dev", "my.wf", "v1"
    )  # fmt: skip
    assert str(ident) == "wf:proj:dev:my.wf:v1"
    back = Identifier.from_flyte_idl(ident.to_flyte_idl())
    assert isinstance(back, Identifier) and back == ident
    assert ident.to_flyte_idl().resource_type == identifier_pb2.WORKFLOW
    with pytest.raises(FlyteValueException, match="entity_type:project:domain:name:version"):
        Identifier.from_python_std("wf:proj:dev")
    with pytest.raises(FlyteValueException, match=r"one of: \['lp', 'wf', 'tsk'\]"):
        Identifier.from_python_std("job:proj:dev:n:v")


def test_execution_identifiers_parse_and_print() -> None:
    ex = WorkflowExecutionIdentifier.from_python_std("ex:proj:dev:abc")
    assert (ex.project, ex.domain, ex.name) == ("proj", "dev", "abc") and str(ex) == "ex:proj:dev:abc"
    assert WorkflowExecutionIdentifier.from_flyte_idl(ex.to_flyte_idl()) == ex
    with pytest.raises(FlyteValueException, match="must be 'ex'"):
        WorkflowExecutionIdentifier.from_python_std("wf:proj:dev:abc")
    text = "te:proj:dev:abc:n0:tp:td:my.task:v2:3"
    te = TaskExecutionIdentifier.from_python_std(text)
    assert str(te) == text and te.retry_attempt == 3
    assert te.node_execution_id.node_id == "n0" and te.task_id.resource_type == ResourceType.TASK
    again = TaskExecutionIdentifier.from_flyte_idl(te.to_flyte_idl())
    assert isinstance(again, TaskExecutionIdentifier) and str(again) == text
    with pytest.raises(FlyteValueException, match="te:exec_project"):
        TaskExecutionIdentifier.from_python_std("te:proj")


def test_flyte_random_is_independent_of_the_global_generator() -> None:
    import random

    flyte_random.seed_flyte_random(42)
    first = [flyte_random.random.random() for _ in range(3)]
    random.seed(1)
    flyte_random.seed_flyte_random(42)
    assert [flyte_random.random.random() for _ in range(3)] == first


@dataclass
class _Settings:
    host: str
    port: int
    disabled: bool = False
    disabled_tags: bool = False


@pytest.fixture
def statsd() -> Iterator[tuple[socket.socket, _Settings]]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(5)
    stats_client._stats_client = None  # the process-wide client is made from the first settings
    try:
        yield sock, _Settings("127.0.0.1", sock.getsockname()[1])
    finally:
        stats_client._stats_client = None
        sock.close()


def test_scoped_proxy_prefixes_names_and_folds_tags_into_them(
    statsd: tuple[socket.socket, _Settings],
) -> None:
    sock, settings = statsd
    proxy = stats_client.get_stats(settings, "flyte").get_stats("task")
    proxy.incr("runs", tags={"b": "x.y", "a": "1"})
    assert sock.recv(1024) == b"flyte.task.runs.__a=1.__b=x_y:1|c"
    proxy.gauge("mem", 3, per_host=True)
    assert sock.recv(1024) == b"flyte.task.mem.___f=i:3|g"
    with proxy.pipeline() as batch:
        batch.set("users", "u1")
    assert sock.recv(1024) == b"flyte.task.users:u1|s"


def test_taggable_stats_carry_their_tags_unless_disabled(statsd: tuple[socket.socket, _Settings]) -> None:
    sock, settings = statsd
    stats = get_stats(settings, "Flyte", tags={"project": "p"})
    assert isinstance(stats, TaggableStats) and stats.full_prefix == "flyte"
    stats.timing("latency", 12)
    assert sock.recv(1024) == b"flyte.latency.__project=p:12.000000|ms"
    child = stats.get_stats("node")
    child.extend_tags({"node": "n0"})
    child.incr("done")
    assert child.full_prefix == "flyte.node"
    assert sock.recv(1024) == b"flyte.node.done.__node=n0.__project=p:1|c"
    stats_client._stats_client = None
    quiet = get_stats(_Settings(settings.host, settings.port, disabled_tags=True), "q", tags={"x": "1"})
    quiet.incr("n", tags={"y": "2"})
    assert sock.recv(1024) == b"q.n:1|c"


def test_disabled_stats_send_nothing(statsd: tuple[socket.socket, _Settings]) -> None:
    sock, settings = statsd
    client = stats_client.get_base_stats(_Settings(settings.host, settings.port, disabled=True), "off")
    assert isinstance(stats_client._stats_client, stats_client.DummyStatsClient)
    client.incr("x")
    sock.settimeout(0.2)
    with pytest.raises(TimeoutError):
        sock.recv(1024)
