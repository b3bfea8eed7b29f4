"""Decks of @eager tasks, as flytekit 1.16 makes them: the usual task decks, plus "Eager Executions"
(one entry per launched call) when the body runs against a backend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flytekit import current_context, eager, task
from flytekit.configuration import ImageConfig, SerializationSettings
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.eager_controlling import EagerController
from flytekit.deck import DeckField


@task
def double(x: int) -> int:
    return x * 2


@eager
async def doubled_twice(x: int) -> int:
    result: int = double(x=double(x=x))
    return result


@eager(enable_deck=False)
async def asked_without_decks(x: int) -> int:
    return x


def test_eager_tasks_write_the_task_decks() -> None:
    # flytekit ignores enable_deck for @eager: decks are always on, with every built-in field.
    for entity in (doubled_twice, asked_without_decks):
        assert entity.enable_deck
        assert set(entity.deck_fields) == set(DeckField)


@dataclass
class _Id:
    name: str


@dataclass
class _Outputs:
    values: dict[str, Any]

    def get(self, name: str, as_type: Any = None) -> Any:
        return self.values[name]


@dataclass
class _Execution:
    id: _Id
    outputs: _Outputs
    is_successful: bool = True
    error: Any = None


class _Remote:
    """The one outer seam of the controller: a backend that runs ``double`` at once."""

    def execute(self, entity: Any, inputs: dict[str, Any], execution_name: str, **_: Any) -> _Execution:
        return _Execution(_Id(execution_name), _Outputs({"o0": inputs["x"] * 2}))

    def wait(self, execution: _Execution, **_: Any) -> _Execution:
        return execution

    def generate_console_url(self, execution: _Execution) -> str:
        return f"http://console/executions/{execution.id.name}"


def test_backend_runs_add_the_eager_executions_deck() -> None:
    controller = EagerController(
        remote=_Remote(),  # type: ignore[arg-type]
        settings=SerializationSettings(image_config=ImageConfig.auto(img_name="myreg/img:1")),
        tag="exec1",
        root_tag="exec1",
        exec_prefix="e-outer-exec1",
    )
    ctx = FlyteContextManager.current_context()
    params = ctx.user_space_params or ctx.new_execution_state().user_space_params
    builder = ctx.with_execution_state(ctx.new_execution_state().with_params(user_space_params=params))
    with FlyteContextManager.with_context(builder):
        assert controller.run(double, {"x": 3}) == 6
        controller.render_deck()
        decks = {deck.name: deck for deck in current_context().decks}
    assert "Eager Executions" in decks
    page = decks["Eager Executions"].html
    assert page.startswith("<h2>Nodes</h2><hr>")
    assert "Task: " + double.name in page and "http://console/executions/e-outer-exec1-double-" in page
    assert "{&#x27;x&#x27;: 3}" in page and "<summary>Outputs</summary>" in page and ">6</pre>" in page
