"""Admin service messages: registration, executions, projects, attributes, events."""
