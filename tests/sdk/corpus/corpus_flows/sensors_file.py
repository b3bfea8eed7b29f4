"""Sensors: the file sensor and a user-defined sensor, run locally through the sensor connector."""

import typing

from flytekit import task, workflow
from flytekit.sensor.base_sensor import BaseSensor
from flytekit.sensor.file_sensor import FileSensor

file_sensor = FileSensor(name="corpus_file_sensor")


class ThresholdSensor(BaseSensor):
    """Done when the value reaches the threshold."""

    def __init__(self, name: str, **kwargs: typing.Any) -> None:
        super().__init__(name=name, **kwargs)

    async def poke(self, value: int, threshold: int) -> bool:
        return value >= threshold


threshold_sensor = ThresholdSensor(name="corpus_threshold_sensor")


@task
def after(path: str) -> str:
    return path.rsplit("/", 1)[-1]


@workflow
def wait_for_file(path: str) -> str:
    waited = file_sensor(path=path)
    done = after(path=path)
    waited >> done
    return done


@workflow
def wait_for_value(value: int, threshold: int = 3) -> None:
    threshold_sensor(value=value, threshold=threshold)


CASES = {
    "file_exists": lambda: wait_for_file(path=__file__),
    "value_reached": lambda: wait_for_value(value=5),
}
