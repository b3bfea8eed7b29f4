"""pydantic v2 models as task inputs and outputs, nested models, files inside models, defaults."""

import datetime
import enum
import os
import tempfile
import typing

from pydantic import BaseModel, Field

from flytekit import FlyteFile, task, workflow


class Level(enum.Enum):
    LOW = "low"
    HIGH = "high"


class Hyper(BaseModel):
    lr: float = 0.1
    layers: typing.List[int] = Field(default_factory=lambda: [8, 4])
    level: Level = Level.LOW


class Run(BaseModel):
    name: str
    hyper: Hyper = Hyper()
    scores: typing.Dict[str, float] = {}
    started: typing.Optional[datetime.datetime] = None
    report: typing.Optional[FlyteFile] = None


@task
def train(run: Run) -> Run:
    scores = {f"layer{i}": n * run.hyper.lr for i, n in enumerate(run.hyper.layers)}
    path = os.path.join(tempfile.mkdtemp(), "report.txt")
    with open(path, "w") as f:
        f.write(f"{run.name}: {sorted(scores.items())}")
    return run.model_copy(update={"scores": scores, "report": FlyteFile(path)})


@task
def summarize(run: Run) -> str:
    with open(run.report) as f:
        text = f.read()
    return f"{run.hyper.level.value}|{text}"


@workflow
def train_wf(run: Run = Run(name="exp", hyper=Hyper(lr=0.5, level=Level.HIGH))) -> typing.Tuple[Run, str]:
    trained = train(run=run)
    return trained, summarize(run=trained)


@task
def best(hypers: typing.List[Hyper]) -> Hyper:
    return max(hypers, key=lambda h: h.lr)


@workflow
def best_wf(hypers: typing.List[Hyper]) -> Hyper:
    return best(hypers=hypers)


@task
def by_name(runs: typing.Dict[str, Run]) -> typing.Optional[Hyper]:
    return runs["a"].hyper if "a" in runs else None


CASES = {
    "model_in_out": lambda: train_wf(run=Run(name="exp1", started=datetime.datetime(2024, 1, 2))),
    "model_default_input": lambda: train_wf(),
    "list_of_models": lambda: best_wf(hypers=[Hyper(lr=0.2), Hyper(lr=0.9, layers=[1])]),
    "dict_of_models": lambda: by_name(runs={"a": Run(name="x", hyper=Hyper(lr=0.3))}),
    "optional_model_none": lambda: by_name(runs={}),
    "wrong_value": lambda: best(hypers=[{"lr": 1.0}]),
}
