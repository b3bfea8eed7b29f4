"""Numbers and names shared by the interactive (VS Code) debugging tools."""

HOURS_TO_SECONDS = 60 * 60
# How long the code server may sit idle (no heartbeat) before the task gives up on it.
MAX_IDLE_SECONDS = 10 * HOURS_TO_SECONDS

EXIT_CODE_SUCCESS = 0

# "true" in a task's environment at registration wraps every @task function with ``vscode``.
FLYTE_ENABLE_VSCODE_KEY = "_F_E_VS"
