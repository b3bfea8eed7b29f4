"""SQLite3Task workflows: run by the sandbox from their task template alone."""
