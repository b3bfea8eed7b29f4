"""One task per runtime outcome: outputs, no outputs, user errors, recoverable errors, bad outputs."""

import dataclasses
import enum
import typing

from flytekit import IgnoreOutputs, current_context, task
from flytekit.exceptions.user import FlyteRecoverableException


@task
def summarize(x: int, xs: list[int], table: dict[str, list[float]]) -> tuple[int, dict[str, int]]:
    return x + sum(xs), {key: len(values) for key, values in table.items()}


@task
def nothing() -> None:
    print("working in", current_context().working_directory)


@task
def explode(x: int) -> int:
    raise ValueError(f"value {x} is over the limit")


@task
def flaky(x: int) -> int:
    raise FlyteRecoverableException(f"try again later ({x})")


@task
def wrong_output(x: int) -> int:
    return f"{x}"  # type: ignore[return-value]


@task
def follower(x: int) -> int:
    raise IgnoreOutputs()


class Mood(enum.Enum):
    CALM = "calm"
    LOUD = "loud"


@dataclasses.dataclass
class Reply:
    text: str
    votes: int = 0


@dataclasses.dataclass
class Note:
    text: str
    mood: Mood
    tags: typing.List[str]
    reply: Reply | None = None


@task
def annotate(
    note: Note,
    mood: Mood | None,
    meta: dict,  # type: ignore[type-arg]
) -> typing.Tuple[Note, int | str, dict]:  # type: ignore[type-arg]
    return (
        Note(note.text.upper(), mood or note.mood, note.tags, reply=Reply(note.text, 1)),
        len(note.tags),
        {**meta, "seen": True},
    )


@task
def resume(x: int) -> str:
    """Checkpoints: reports what the previous attempt saved, then saves its own state."""
    cp = current_context().checkpoint
    previous = cp.read()
    cp.write(f"state-{x}".encode())
    return f"{cp.prev_exists()}:{previous.decode() if previous else None}"
