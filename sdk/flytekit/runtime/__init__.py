"""The task runtime behind ``pyflyte-execute``, ``pyflyte-fast-execute`` and ``pyflyte-map-execute``.

``execution`` runs one task attempt (load via resolver, read inputs, run, write outputs or an error
document); ``error_documents`` turns exceptions into ``ErrorDocument`` protos; ``fast`` unpacks a
fast-registration tarball and runs the inner command. The click commands are in
``flytekit.clis.entrypoints``.
"""
