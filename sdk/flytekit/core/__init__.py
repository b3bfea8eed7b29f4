"""The authoring core: tasks, workflows, launch plans, promises, the type engine and local execution."""
