"""What the registration compiler reports: one ``CompileIssue`` per problem, collected, then raised
together as ``CompilationFailed`` (so a user sees every broken binding of a workflow at once).

Issue codes are Flyte's compiler error codes (``MismatchingTypes``, ``TaskReferenceNotFound``, ...).
The services turn ``CompilationFailed`` into an INVALID_ARGUMENT error whose message lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CompilationFailed", "CompileIssue", "IssueCollector"]


@dataclass(frozen=True)
class CompileIssue:
    code: str
    node_id: str
    description: str

    def render(self, index: int) -> str:
        return f"Error {index}: Code: {self.code}, Node Id: {self.node_id}, Description: {self.description}"


class CompilationFailed(Exception):
    """The workflow (or task) does not compile; ``issues`` lists why."""

    def __init__(self, issues: list[CompileIssue]) -> None:
        self.issues = list(issues)
        super().__init__(self.render())

    def render(self) -> str:
        lines = [f"Collected Errors: {len(self.issues)}"]
        lines.extend("\t" + issue.render(index) for index, issue in enumerate(self.issues))
        return "\n".join(lines)


class IssueCollector:
    """Accumulates issues while compiling; ``raise_if_any`` ends compilation if there were some."""

    def __init__(self) -> None:
        self.issues: list[CompileIssue] = []

    def add(self, code: str, node_id: str, description: str) -> None:
        self.issues.append(CompileIssue(code, node_id, description))

    def raise_if_any(self) -> None:
        if self.issues:
            raise CompilationFailed(self.issues)
