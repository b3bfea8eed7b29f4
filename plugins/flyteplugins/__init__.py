"""flyteplugins: task-type plugins (container, pod, array, spark, pytorch, ray, dask, sql, shell).

Each plugin pairs a backend side (a propeller ``TaskPlugin``) with, where it has one, an SDK side.
Plugins are loaded explicitly, never as an import side effect.
"""
