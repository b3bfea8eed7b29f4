"""Python wrappers of flyteidl messages, as flytekit.models exposes them."""
