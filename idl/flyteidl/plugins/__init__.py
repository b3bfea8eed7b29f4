"""Task-type plugin payloads carried in TaskTemplate.custom."""
