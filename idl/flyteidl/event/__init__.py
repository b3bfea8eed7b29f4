"""Events that the engine sends to admin, and the cloud events admin publishes."""
