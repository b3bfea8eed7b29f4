"""Version facts of this SDK.

``__version__`` is what the SDK reports about itself (task metadata ``runtime.version``, logs). It
carries the flytekit release whose API and wire behaviour this package reproduces, with a local
label saying it is the flyte-py implementation. ``FLYTEKIT_COMPATIBLE_VERSION`` is the bare release,
used where a plain version is required (default image tags).
"""

FLYTEKIT_COMPATIBLE_VERSION = "1.16.31"
__version__ = f"{FLYTEKIT_COMPATIBLE_VERSION}+flytepy"
