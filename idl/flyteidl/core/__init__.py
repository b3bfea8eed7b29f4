"""Core types: literals, types, interfaces, identifiers, workflows, tasks, executions."""
