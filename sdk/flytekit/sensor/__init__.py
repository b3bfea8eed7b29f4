"""Sensors: tasks that wait for a condition (a file appearing, ...), run by the sensor connector."""

from flytekit.sensor.base_sensor import BaseSensor, SensorMetadata
from flytekit.sensor.file_sensor import FileSensor
from flytekit.sensor.sensor_engine import SensorEngine

__all__ = ["BaseSensor", "FileSensor", "SensorEngine", "SensorMetadata"]
