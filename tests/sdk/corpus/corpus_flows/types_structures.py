"""Structured values across tasks: unions of dataclasses, nested containers of dataclasses, optional
defaults, dates and durations, enums (including a str value for an enum input)."""

import datetime
import enum
import typing
from dataclasses import dataclass

from flytekit import task, workflow


class Status(enum.Enum):
    OK = "ok"
    FAILED = "failed"


@dataclass
class Cat:
    name: str
    lives: int


@dataclass
class Dog:
    name: str
    toys: typing.List[str]
    good: bool = True


@dataclass
class Fish:
    name: str
    fins: int = 2


@task
def adopt(kind: str, name: str) -> typing.Union[Cat, Dog]:
    return Cat(name=name, lives=9) if kind == "cat" else Dog(name=name, toys=["ball"])


@task
def greet(pet: typing.Union[Cat, Dog]) -> str:
    return f"{type(pet).__name__}:{pet.name}"


@workflow
def union_wf(kind: str = "dog") -> str:
    return greet(pet=adopt(kind=kind, name="rex"))


@task
def look_alike(name: str) -> typing.Union[Cat, Fish]:
    return Fish(name=name)


@task
def describe(pet: typing.Union[Cat, Fish]) -> str:
    return pet.name


@workflow
def look_alike_wf(name: str = "nemo") -> str:
    return describe(pet=look_alike(name=name))


@task
def kennel(n: int) -> typing.List[typing.Dict[str, Dog]]:
    return [{f"d{i}": Dog(name=f"dog{i}", toys=["x"] * i)} for i in range(n)]


@task
def toy_count(rows: typing.List[typing.Dict[str, Dog]]) -> typing.Dict[str, int]:
    return {k: len(v.toys) for row in rows for k, v in row.items()}


@workflow
def nested_wf(n: int = 3) -> typing.Dict[str, int]:
    return toy_count(rows=kennel(n=n))


@task
def schedule(
    start: datetime.datetime,
    every: datetime.timedelta = datetime.timedelta(hours=6),
    until: typing.Optional[datetime.date] = None,
    label: typing.Optional[str] = None,
) -> typing.List[datetime.datetime]:
    end = datetime.datetime.combine(until or (start.date() + datetime.timedelta(days=1)), datetime.time())
    out = []
    t = start
    while t.replace(tzinfo=None) < end:
        out.append(t)
        t = t + every
    return out[:5]


@workflow
def schedule_wf(
    start: datetime.datetime, until: typing.Optional[datetime.date] = None
) -> typing.List[datetime.datetime]:
    return schedule(start=start, until=until)


@task
def next_day(d: datetime.date, gap: datetime.timedelta) -> typing.Tuple[datetime.date, datetime.timedelta]:
    return d + datetime.timedelta(days=1), gap * 2


@task
def flip(s: Status) -> Status:
    return Status.FAILED if s == Status.OK else Status.OK


@workflow
def enum_wf(s: Status = Status.OK) -> Status:
    return flip(s=flip(s=flip(s=s)))


@task
def maybe_pet(kind: typing.Optional[str] = None) -> typing.Optional[Cat]:
    return Cat(name=kind, lives=7) if kind else None


CASES = {
    "union_of_dataclasses_dog": lambda: union_wf(kind="dog"),
    "union_of_dataclasses_cat": lambda: union_wf(kind="cat"),
    "union_structurally_alike": lambda: look_alike_wf(),
    "union_value": lambda: adopt(kind="cat", name="tom"),
    "nested_list_dict_dataclass": lambda: nested_wf(n=3),
    "nested_value": lambda: kennel(n=2),
    "optional_defaults": lambda: schedule_wf(start=datetime.datetime(2024, 3, 1, 12)),
    "optional_given": lambda: schedule_wf(
        start=datetime.datetime(2024, 3, 1, 12), until=datetime.date(2024, 3, 3)
    ),
    "date_timedelta": lambda: next_day(d=datetime.date(2024, 2, 28), gap=datetime.timedelta(minutes=90)),
    "enum": lambda: enum_wf(s=Status.OK),
    "enum_default": lambda: enum_wf(),
    "enum_from_str": lambda: flip(s="ok"),
    "optional_none": lambda: maybe_pet(),
    "optional_some": lambda: maybe_pet(kind="tom"),
}
