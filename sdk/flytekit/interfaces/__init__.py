"""flytekit's small interfaces to the outside: identifier strings of the command line
(``cli_identifiers``), the SDK's own random generator (``random``) and statsd clients (``stats``)."""
