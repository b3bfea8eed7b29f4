"""What plugin authors build on: task base classes, the type engine, and the connector backend."""
