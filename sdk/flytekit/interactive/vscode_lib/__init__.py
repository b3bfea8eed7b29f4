"""The ``vscode`` decorator: a code-server inside a task's pod, to debug the task where it runs."""
