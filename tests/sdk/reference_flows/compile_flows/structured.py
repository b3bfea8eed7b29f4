"""Tasks and a workflow over unions, optionals, enums, dataclasses and untyped dicts."""

import dataclasses
import enum
import typing

from flytekit import task, workflow


class Level(enum.Enum):
    LOW = "low"
    HIGH = "high"


@dataclasses.dataclass
class Setting:
    key: str
    value: float = 1.0


@dataclasses.dataclass
class Config:
    name: str
    level: Level
    settings: typing.List[Setting]
    limits: typing.Dict[str, int]
    parent: typing.Optional[Setting] = None


@task
def configure(
    config: Config,
    level: Level = Level.HIGH,
    label: typing.Optional[str] = None,
    size: typing.Union[int, float] = 2,
    extra: typing.Optional[dict] = None,  # type: ignore[type-arg]
) -> typing.Tuple[Config, typing.Optional[Level], dict]:  # type: ignore[type-arg]
    return config, level, {"label": label, "size": size, "extra": extra}


@task
def describe(config: Config, meta: dict, count: int | None = None) -> str:  # type: ignore[type-arg]
    return f"{config.name}:{len(meta)}:{count}"


@workflow
def structured_wf(config: Config, label: typing.Optional[str] = "x") -> str:
    c, _, meta = configure(config=config, label=label)
    return typing.cast(str, describe(config=c, meta=meta))
