"""flytekit: the authoring SDK, type engine, local runner, task runtime, remote client and CLIs.

Source-compatible with flytekit 1.16: user code written for it (``from flytekit import task,
workflow``) runs unchanged on this package.
"""
