"""``ClassStorageTaskResolver``: a resolver that finds tasks by their position in a list it keeps.

Meant to be subclassed by code that creates tasks in a fixed order (a class or module building
tasks at import time): each task is ``add``-ed, its loader args are its index, and in the container
the same code runs again, fills the list in the same order, and ``load_task`` takes the index back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flytekit.core.base_task import PythonTask, TaskResolverMixin
from flytekit.core.tracker import TrackedInstance
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flytekit.configuration import SerializationSettings


class ClassStorageTaskResolver(TrackedInstance, TaskResolverMixin):
    """Keeps tasks in ``mapping`` and names each by its index there."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.mapping: list[PythonTask] = []
        super().__init__(*args, **kwargs)

    def name(self) -> str:
        return "ClassStorageTaskResolver"

    def get_all_tasks(self) -> list[PythonTask]:
        return self.mapping

    def add(self, t: PythonTask) -> None:
        self.mapping.append(t)

    def load_task(self, loader_args: list[str]) -> PythonTask:
        if len(loader_args) != 1:
            raise FlyteAssertion(
                f"{type(self).__name__} loads a task from one index argument, got {loader_args}."
            )
        try:
            index = int(loader_args[0])
        except ValueError:
            raise FlyteAssertion(
                f"{type(self).__name__} expects a task index, got {loader_args[0]!r}."
            ) from None
        if not 0 <= index < len(self.mapping):
            raise FlyteAssertion(
                f"{type(self).__name__} holds {len(self.mapping)} tasks; there is no task {index}. "
                "The tasks must be added in the same order where they are declared and where they run."
            )
        return self.mapping[index]

    def loader_args(self, settings: SerializationSettings, t: PythonTask) -> list[str]:
        for index, known in enumerate(self.mapping):
            if known is t:
                return [str(index)]
        raise ValueError(f"Task '{t.name}' was never added to {type(self).__name__}; call add(task) first.")
