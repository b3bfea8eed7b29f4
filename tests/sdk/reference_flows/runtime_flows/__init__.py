"""Tasks run by the entry-point tests through ``pyflyte-execute`` in a subprocess."""
