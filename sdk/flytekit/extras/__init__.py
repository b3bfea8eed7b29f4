"""Optional extensions: transformers for third-party libraries, extra task types."""
